"""Markup in a header is cleaned to its text, not dropped, and the paper says which field held it (issue 21)."""
from __future__ import annotations

import pytest

from paperbrief.extract import extract
from paperbrief.extract.markup import Cleaned, markup_warnings, strip_markup

from .. import hostile_paper as hostile


@pytest.mark.parametrize("printed,text", [
    (hostile.AUTHORS[0], "Alice Zhang"),
    (hostile.AFFILIATION, "Tsinghua University "),
    (hostile.TITLE, "Fast Quantization of LLMs"),
    ("Alice<img src=x>   Bob Li", "Alice   Bob Li"),  # the gap between two names stays a gap
    ('MIT"><script>alert(1)</script>', "MIT"),
    ("MIT' onclick='alert(1)'", "MIT"),
    ("Ann<sup>1</sup>, Bo<sup>2</sup>", "Ann1, Bo2"),
    ("x <i>y</i> z <!-- note --> w", "x y z w"),
])
def test_markup_goes_its_text_stays(printed, text):
    assert strip_markup(printed) == text


@pytest.mark.parametrize("text", ["Predicting <EOS> with <T> and <s>", "1 < k > 0", "Ann Lee <ann@uni.edu>",
                                  "onset = 3 ms", "Tsinghua University", "A <b> B"])
def test_angle_brackets_of_ordinary_text_stay(text):
    assert strip_markup(text) == text


def test_warning_names_the_marked_author_not_the_neighbour():
    line = Cleaned(hostile.AUTHORS[0] + ",  Bob Li", "Alice Zhang,  Bob Li")
    assert markup_warnings("Other", ["Alice Zhang", "Bob Li"], [], [line]) == ["authors: markup removed from Alice Zhang"]


def test_hostile_pdf_keeps_every_field_as_its_text(tmp_path):
    paper = extract(str(hostile.write_pdf(tmp_path / "hostile.pdf")))
    assert paper.title == hostile.CLEAN_TITLE
    assert paper.authors == hostile.CLEAN_AUTHORS and paper.author_count == 2
    assert paper.affiliations == [hostile.CLEAN_AFFILIATION]
    assert paper.abstract == hostile.ABSTRACT  # data, kept as printed: renderers escape it
    marked = [w for w in paper.warnings if "markup" in w]
    assert [w.split(":")[0] for w in marked] == ["title", "authors", "affiliations"]
    assert "Alice Zhang" in marked[1] and "Bob Li" not in marked[1] and "Tsinghua University" in marked[2]


def test_same_paper_without_markup_reads_the_same_with_no_warning(tmp_path):
    plain = hostile.write_pdf(tmp_path / "plain.pdf", hostile.CLEAN_TITLE, hostile.CLEAN_AUTHORS,
                              hostile.CLEAN_AFFILIATION)
    paper = extract(str(plain))
    assert (paper.title, paper.authors, paper.affiliations) == (
        hostile.CLEAN_TITLE, hostile.CLEAN_AUTHORS, [hostile.CLEAN_AFFILIATION])
    assert not any("markup" in w for w in paper.warnings)
