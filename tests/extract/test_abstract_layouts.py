"""The abstract finder on layouts the corpus lacks, typeset here as real PDFs with PyMuPDF."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from paperbrief.extract import layout
from paperbrief.extract.abstract import find_abstract, locate

ABSTRACT = (
    "We study how to make large language model inference cheaper without hurting accuracy. "
    "Our method prunes redundant attention heads and quantizes the remaining weights to four bits. "
    "On standard benchmarks it reduces latency by half and memory by a factor of three, "
    "while keeping accuracy within one point of the dense baseline. Code is released for everyone to use."
)
BODY = (
    "Deep neural networks have grown quickly in size, and the cost of running them now dominates "
    "the cost of training them. Serving a model to many users multiplies every inefficiency. "
) * 8
LONG = " ".join([ABSTRACT] * 6)


def put(page: pymupdf.Page, rect: tuple, text: str, size: float = 10, font: str = "tiro", align: int = 3,
        mid_sentence: bool = False) -> int:
    """Write as many words of ``text`` as fit in ``rect``; returns how many.

    ``mid_sentence``: stop before a word that ends a sentence, as a column break would
    (PyMuPDF does not justify a box's last line, so a ragged line must not end a sentence).
    """
    r = pymupdf.Rect(*rect)
    r.y1 = max(r.y1, r.y0 + 2 * size)
    words = text.split(" ")
    n = len(words)
    while n:
        if mid_sentence and words[n - 1].endswith("."):
            n -= 1
            continue
        if page.insert_textbox(r, " ".join(words[:n]), fontsize=size, fontname=font, align=align) >= 0:
            return n
        n -= max(1, n // 20) if n > 40 else 1
    raise AssertionError(f"nothing fits: {text[:30]}")


def front(page: pymupdf.Page, title: str) -> None:
    put(page, (60, 50, 552, 90), title, size=18, align=1)
    put(page, (60, 95, 552, 125), "Ann Author, Bob Builder", size=11, align=1)


def read(path: Path) -> tuple[str, list[str], layout.Document]:
    with layout.open_document(str(path)) as pdf:
        doc = layout.read(pdf, pages=1)
        text, warnings = find_abstract(doc, pdf, None)
    return text, warnings, doc


def save(doc: pymupdf.Document, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def test_full_width_abstract_over_two_columns_stops_at_the_column_body(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Full Width Abstract")
    put(page, (60, 140, 552, 230), "Abstract-" + ABSTRACT, size=9, font="tibo")
    put(page, (60, 240, 300, 260), "I. INTRODUCTION", align=1)
    put(page, (60, 262, 300, 700), BODY)
    put(page, (312, 240, 552, 700), BODY)  # column two starts on the heading's baseline
    text, warnings, _ = read(save(doc, tmp_path, "ieee.pdf"))
    assert text == ABSTRACT and warnings == []


def test_letter_spaced_heading_in_the_right_column_beside_article_info(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Elsevier Front Matter")
    put(page, (60, 140, 200, 155), "A R T I C L E   I N F O", size=8, align=0)
    put(page, (60, 160, 200, 260), "Keywords:\nInference\nPruning\nQuantization", size=8, align=0)
    put(page, (220, 140, 552, 155), "A B S T R A C T", size=8, align=0)
    put(page, (220, 160, 552, 260), ABSTRACT, size=9)
    put(page, (60, 280, 300, 295), "1. Introduction", font="tibo", align=0)
    put(page, (60, 300, 300, 700), BODY)
    put(page, (312, 280, 552, 700), BODY)
    text, _, doc_ = read(save(doc, tmp_path, "elsevier.pdf"))
    assert text == ABSTRACT
    assert locate(doc_) == (0, pytest.approx(140, abs=3))


def test_small_caps_heading_split_into_two_sizes(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Small Caps Heading")
    page.insert_text((280, 150), "A", fontsize=12, fontname="tiro")
    page.insert_text((289, 150), "BSTRACT", fontsize=9, fontname="tiro")
    put(page, (140, 160, 472, 260), ABSTRACT)
    put(page, (108, 280, 504, 300), "1   INTRODUCTION", size=12, align=0)
    put(page, (108, 305, 504, 700), BODY)
    text, warnings, _ = read(save(doc, tmp_path, "smallcaps.pdf"))
    assert text == ABSTRACT and warnings == []


def test_bold_paragraph_without_heading_is_taken_and_flagged(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "A Letter Without Heading")
    spare = page.insert_textbox(pymupdf.Rect(80, 140, 532, 300), ABSTRACT, fontsize=10, fontname="tibo", align=3)
    assert spare > 0
    put(page, (80, 300 - spare + 1, 532, 700), BODY)  # the body follows with no gap and no heading
    text, warnings, doc_ = read(save(doc, tmp_path, "letter.pdf"))
    assert text == ABSTRACT
    assert any("no heading" in w for w in warnings)
    assert locate(doc_) == (0, pytest.approx(140, abs=3))


def test_abstract_continues_in_column_two_past_a_footnote(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Two Columns, Long Abstract")
    put(page, (60, 130, 300, 145), "Abstract", size=12, font="tibo", align=1)
    n = put(page, (72, 150, 288, 680), LONG, mid_sentence=True)
    put(page, (60, 700, 300, 740), "1 Example University. Correspondence to: Ann Author.", size=8, align=0)
    rest = " ".join(LONG.split(" ")[n:])
    put(page, (324, 130, 540, 400), rest)
    put(page, (312, 410, 552, 425), "1. Introduction", size=12, font="tibo", align=0)
    put(page, (312, 430, 552, 700), BODY)
    text, _, doc_ = read(save(doc, tmp_path, "icml.pdf"))
    assert text == LONG
    assert len(doc_.pages) == 1


def test_abstract_continues_on_page_two_under_a_running_head(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "One Column Preprint")
    put(page, (60, 380, 552, 400), "Abstract", size=12, font="tibo", align=1)
    n = put(page, (100, 410, 512, 745), LONG, size=12, mid_sentence=True)
    put(page, (100, 750, 512, 765), "Preprint submitted to a journal", size=9, align=0)
    second = doc.new_page(width=612, height=792)
    put(second, (60, 30, 552, 45), "Running head of the journal", size=8, align=1)
    put(second, (100, 60, 512, 300), " ".join(LONG.split(" ")[n:]), size=12)
    put(second, (100, 310, 512, 330), "Keywords: inference, pruning", size=12, align=0)
    put(second, (60, 340, 552, 360), "1. Introduction", size=12, font="tibo", align=0)
    put(second, (60, 365, 552, 700), BODY, size=12)
    text, _, doc_ = read(save(doc, tmp_path, "preprint.pdf"))
    assert text == LONG
    assert [p.number for p in doc_.pages] == [0, 1]


def test_abstract_ending_a_sentence_mid_page_does_not_read_page_two(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Short Abstract")
    put(page, (60, 140, 552, 160), "Abstract", size=12, font="tibo", align=1)
    put(page, (100, 165, 512, 300), ABSTRACT)
    put(page, (60, 320, 552, 340), "1 Introduction", size=12, font="tibo", align=0)
    put(page, (60, 345, 552, 700), BODY)
    doc.new_page(width=612, height=792)
    text, _, doc_ = read(save(doc, tmp_path, "short.pdf"))
    assert text == ABSTRACT
    assert len(doc_.pages) == 1


def test_run_in_heading_set_apart_by_a_wide_space(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    front(page, "Run-in Heading")
    page.insert_text((100, 160), "Abstract", fontsize=10, fontname="tibo")
    words = ABSTRACT.split(" ")
    page.insert_text((160, 160), " ".join(words[:8]), fontsize=10, fontname="tiro")
    put(page, (97, 163, 512, 300), " ".join(words[8:]))
    put(page, (60, 320, 552, 340), "1 Introduction", size=12, font="tibo", align=0)
    put(page, (60, 345, 552, 700), BODY)
    text, warnings, _ = read(save(doc, tmp_path, "runin.pdf"))
    assert text == ABSTRACT and warnings == []


def test_cover_page_sends_the_finder_to_page_two(tmp_path):
    doc = pymupdf.open()
    cover = doc.new_page(width=612, height=792)
    put(cover, (60, 200, 552, 260), "Technical Report TR-2026-01", size=24, align=1)
    put(cover, (60, 300, 552, 330), "Example University, Department of Computing", size=12, align=1)
    page = doc.new_page(width=612, height=792)
    front(page, "A Report With a Cover Page")
    put(page, (60, 140, 552, 160), "Abstract", size=12, font="tibo", align=1)
    put(page, (100, 165, 512, 300), ABSTRACT)
    put(page, (60, 320, 552, 340), "1 Introduction", size=12, font="tibo", align=0)
    put(page, (60, 345, 552, 700), BODY)
    text, warnings, doc_ = read(save(doc, tmp_path, "report.pdf"))
    assert text == ABSTRACT
    assert warnings == ["abstract: found on page 2"]
    assert locate(doc_) == (1, pytest.approx(140, abs=3))
