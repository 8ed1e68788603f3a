"""Our WordPiece gives the Rust tokenizers' ids for the model's tokenizer.json: on the stored cases
(wordpiece_reference.json) and, live, on every labelled abstract and 300 random texts."""
from __future__ import annotations

import json
import random
import string

import pytest

from paperbrief.select._minilm import MODEL_DIR
from paperbrief.select._wordpiece import WordPiece, words_of

from .conftest import FIXTURES

WP = WordPiece.from_file(MODEL_DIR / "tokenizer.json")
CASES = json.loads((FIXTURES / "wordpiece_reference.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['max_length']}:{c['text'][:20]!r}" for c in CASES])
def test_ids_match_the_rust_tokenizer(case):
    assert WP.encode(case["text"], case["max_length"]) == case["ids"]


def test_labelled_abstracts_match_the_rust_tokenizer(labelled):
    import tokenizers  # the test extra installs it: a missing reference fails here rather than skip

    ref = tokenizers.Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    ref.no_padding()
    rng = random.Random(7)
    noise = ["".join(rng.choice(string.printable) for _ in range(rng.randint(1, 300))) for _ in range(300)]
    for max_length in (64, 512):
        ref.enable_truncation(max_length=max_length)
        for text in [r["title"] + ". " + r["abstract"] for r in labelled] + noise:
            assert WP.encode(text, max_length) == ref.encode(text).ids, text


def test_a_cut_inside_a_word_does_not_change_the_ids():
    """encode() normalises a growing prefix; a word split by the prefix's end must not count."""
    text = "a " * 30 + "extraordinarily" * 40 + " tail"
    assert WP.encode(text, 64) == [WP.cls, *[p for w in words_of(text) for p in WP.pieces(w)][:62], WP.sep]


def test_a_non_bert_tokenizer_is_refused(tmp_path):
    spec = json.loads((MODEL_DIR / "tokenizer.json").read_text(encoding="utf-8"))
    spec["model"]["type"] = "BPE"
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="not an uncased BERT WordPiece"):
        WordPiece.from_file(tmp_path / "tokenizer.json")
