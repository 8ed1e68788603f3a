"""The layout reader and its geometry helpers."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from paperbrief.extract import layout
from paperbrief.extract.layout import Line, Span, reading_order, split_at_gaps

from ..conftest import needs_shared

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _span(text: str, x0: float, x1: float, y: float = 100.0, size: float = 10.0) -> Span:
    return Span(text, size, 0, "Times", (x0, y - size, x1, y + 2), y)


def _line(*spans: Span) -> Line:
    return Line(list(spans), (min(s.bbox[0] for s in spans), spans[0].bbox[1], max(s.bbox[2] for s in spans),
                              spans[0].bbox[3]), 0, 0)


def test_split_at_gaps_cuts_cells_apart() -> None:
    line = _line(_span("Microsoft Research", 100, 190), _span("Stanford University", 300, 390))
    parts = split_at_gaps(line)
    assert [p.text for p in parts] == ["Microsoft Research", "Stanford University"]
    assert parts[1].x0 == 300


def test_split_at_gaps_keeps_ordinary_word_spacing() -> None:
    line = _line(_span("Zhen Li", 100, 130), _span(",", 130, 132), _span(" Yupeng Su", 134, 180))
    assert split_at_gaps(line) == [line]


def test_reading_order_uses_baselines_not_raised_marks() -> None:
    # a mark raises the top of "^3Smart City" above "gapore," though both sit on one baseline
    left = _line(_span("gapore, Singapore.", 54, 117, y=720))
    right = Line([Span("3", 6, 0, "T", (128, 710, 131, 716), 715), _span("Smart City", 131, 180, y=720)],
                 (128, 710, 180, 722), 0, 0)
    above = _line(_span("National University of Sin-", 206, 301, y=710))
    assert [l.text for l in reading_order([right, above, left])] == [
        "National University of Sin-", "gapore, Singapore.", "3Smart City"]


def test_read_marks_vertical_margin_text(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((30, 500), "arXiv:2501.03035v2 [cs.CL] 7 Jan 2025", fontsize=20, rotate=90)
    page.insert_text((100, 100), "A horizontal title", fontsize=16)
    doc.save(tmp_path / "v.pdf")
    with layout.open_document(str(tmp_path / "v.pdf")) as pdf:
        lines = layout.read(pdf).pages[0].lines
    assert {l.text.strip(): l.horizontal for l in lines} == {
        "arXiv:2501.03035v2 [cs.CL] 7 Jan 2025": False, "A horizontal title": True}


@needs_shared
def test_line_size_ignores_marks() -> None:
    with layout.open_document(str(CORPUS / "typeset-dev" / "pdf" / "d001.pdf")) as pdf:
        page = layout.read(pdf).pages[0]
    authors = next(l for l in page.lines if l.text.startswith("Zhen Li"))
    assert authors.size == 12.0  # the 8 pt affiliation marks do not count
