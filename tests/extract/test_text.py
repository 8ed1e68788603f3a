"""Text normalisation and line-end hyphen repair shared by the finders."""
import pytest

from paperbrief.extract.text import join_lines, normalize, vocabulary


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("e\ufb03cient \ufb01ne-tuning \ufb02ow \ufb00 \ufb04", "efficient fine-tuning flow ff ffl"),
        ("Herv\u00b4e J\u00b4egou", "Hervé Jégou"),
        ("Universit`a di Pisa", "Università di Pisa"),
        ("Mu\u00a8ller and Fran\u00b8cois", "Müller and François"),
        ("na\u0131\u00a8ve", "naïve"),  # dotless i under a diaeresis
        ("top-\U0001d43e of \U0001d441", "top-K of N"),  # math italic letters
        ("e\x0eciently \x0cne sta\x0b", "efficiently fine staff"),  # OT1 ligature codes
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("  many   spaces\n", "many spaces"),
    ],
)
def test_normalize_repairs_typesetting_artefacts(raw, clean):
    assert normalize(raw) == clean


def test_normalize_keeps_ordinary_non_ascii_letters_and_symbols():
    text = "Zürich, São Paulo, 北京大学, 150 µW, 4× faster, ρ=64, O(N²)"
    assert normalize(text) == text


def test_backtick_is_only_an_accent_between_letters():
    assert normalize("the `best' model") == "the `best' model"


def test_join_lines_joins_syllable_breaks_and_spaces_lines():
    assert join_lines(["Neural networks are computa-", "tionally intensive and", "memory intensive."]) == (
        "Neural networks are computationally intensive and memory intensive."
    )


def test_join_lines_keeps_hyphen_when_the_hyphenated_form_occurs_elsewhere():
    vocab = vocabulary(["a light-weight model", "we train it"])
    assert join_lines(["a light-", "weight design"], vocab) == "a light-weight design"


def test_join_lines_joins_when_the_joined_form_occurs_elsewhere():
    vocab = vocabulary(["a lightweight model", "the light-weight one"])
    assert join_lines(["a light-", "weight design"], vocab) == "a lightweight design"


def test_join_lines_without_evidence_keeps_compound_hyphens():
    assert join_lines(["state-of-the-", "art results"]) == "state-of-the-art results"
    assert join_lines(["SVD-", "Pruning and LLaMA-", "2 models"]) == "SVD-Pruning and LLaMA-2 models"
    assert join_lines(["self-", "attention and GLU-", "based layers"]) == "self-attention and GLU-based layers"


def test_join_lines_soft_hyphen_always_joins():
    vocab = vocabulary(["light-weight"])
    assert join_lines(["light\u00ad", "weight"], vocab) == "lightweight"


def test_vocabulary_leaves_out_line_end_fragments_and_edge_punctuation():
    vocab = vocabulary(["We propose (Fast R-CNN), a com-", "pact model."])
    assert {"we", "propose", "fast", "r-cnn", "a", "pact", "model"} <= vocab
    assert "com-" not in vocab and "com" not in vocab


def test_join_lines_skips_blank_lines():
    assert join_lines(["", "one", "  ", "two"]) == "one two"


def test_join_lines_runs_dashes_and_broken_urls_on_without_a_space():
    assert join_lines(["Performer and Reformer\u2014", "on every task"]) == "Performer and Reformer\u2014on every task"
    assert join_lines(["from 1.20\u2013", "1.40\u00d7"]) == "from 1.20\u20131.40\u00d7"
    assert join_lines(["at https://github.com/org/", "repo."]) == "at https://github.com/org/repo."
