"""Paper headers typeset with PyMuPDF, line by line, for the failure classes of issue 20.

A ``Spec`` says what is printed (title lines as broken, authors with their marks,
affiliation lines with their marks, footnotes, a banner, the abstract and where it goes);
``build(spec, path)`` writes the PDF and ``gold(spec)`` the record in the corpus schema, both
from the same data, so the expected value never comes from the extractor. Used by
tests/extract/test_unseen_classes.py (dev data) and benchmarks/heldout/make_aside.py (other
data, scored once).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

BODY = ("Large models are expensive to serve because every generated token reads all weights from memory, "
        "and the cost grows with the batch and the context. We describe the system in detail, report how it "
        "behaves on real traces, and compare it with the strongest baselines we could build. ")


@dataclass
class Spec:
    """One first page (and, for some classes, more). Marks are printed raised and small."""

    name: str
    title: list[str]  # the title as broken over lines (a line may end in a hyphen)
    authors: list[tuple[str, str]]  # (name, marks as printed, e.g. "1,2" or "*†"); "Name|, Inst" prints ", Inst" after
    affiliations: list[tuple[str, list[str]]] = field(default_factory=list)  # (mark, printed lines)
    gold_affiliations: list[str] = field(default_factory=list)
    abstract: str = ""
    heading: str = "Abstract"  # "" prints the abstract with no heading
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (mark, text) at the page foot
    banner: list[str] = field(default_factory=list)  # a proceedings banner above the title
    cover: list[tuple[str, float]] = field(default_factory=list)  # (line, size): a USENIX-like cover page first
    font: str = "tiro"
    bold: str = "tibo"
    title_size: float = 17.0
    columns: int = 1  # 2: the abstract sits in the left column of a two-column page
    author_lines: list[list[int]] = field(default_factory=list)  # author indexes per printed line
    cells: list[list[str]] = field(default_factory=list)  # NeurIPS-like: the lines under each author's name
    contents_page: bool = False  # page 2 is a table of contents (the abstract is page 1's paragraph)
    page_numbers: bool = False  # a page number centred at each page's foot
    running_head: str = ""  # a line at each page's top
    head_size: float = 0.0  # a running head in this size on page 2
    top_float: str = ""  # a figure with this caption at the top of page 2
    float_after: str = ""  # a figure with this caption under the abstract's end on page 2
    spill: str = ""  # "column" or "page": the abstract is longer than its first place; "foot": it ends at the foot
    extra_body: bool = True
    gold_abstract: str | None = None  # None: the abstract as given

    def gold(self) -> dict:
        return {"file": f"{self.name}.pdf", "title": " ".join(_join_title(self.title)),
                "authors": [n.split("|")[0] for n, _ in self.authors],
                "affiliations": list(self.gold_affiliations),
                "abstract": self.abstract if self.gold_abstract is None else self.gold_abstract}


def _join_title(lines: list[str]) -> list[str]:
    out: list[str] = []
    for l in lines:
        if out and out[-1].endswith("-") and l[:1].islower():
            out[-1] = out[-1][:-1] + l
        else:
            out.append(l)
    return out


class _Writer:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc = pymupdf.open()
        self.page = self.doc.new_page(width=612, height=792)
        self.y = 72.0
        self._decorate()

    def _decorate(self) -> None:
        if self.spec.running_head:
            self.page.insert_text((72, 40), self.spec.running_head, fontsize=8, fontname=self.spec.font)
        if self.spec.page_numbers:
            n = str(self.doc.page_count)
            self.page.insert_text((306 - pymupdf.get_text_length(n, self.spec.font, 9) / 2, 760), n,
                                  fontsize=9, fontname=self.spec.font)

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=612, height=792)
        self.y = 72.0
        self._decorate()
        if self.spec.head_size:
            self.page.insert_text((72, 50), f"{self.spec.title[0][:40]}   {self.doc.page_count}",
                                  fontsize=self.spec.head_size, fontname=self.spec.font)

    def runs(self, runs: list[tuple[str, str]], size: float, font: str, x: float | None = None) -> None:
        """One printed line of (text, mark) runs, centred unless ``x`` is given; "^{m}" inside a
        text is a raised mark too ("^{1}Univ A, ^{2}Univ B")."""
        runs = [r for t, m in runs for r in _inline_marks(t)[:-1] + [(_inline_marks(t)[-1][0], m)]]
        ms = size * 0.62
        width = sum(pymupdf.get_text_length(t, font, size) + pymupdf.get_text_length(m, font, ms) for t, m in runs)
        cx = 306 - width / 2 if x is None else x
        base = self.y + size
        for t, m in runs:
            if t:
                self.page.insert_text((cx, base), t, fontsize=size, fontname=font)
                cx += pymupdf.get_text_length(t, font, size)
            if m:
                self.page.insert_text((cx, base - 0.38 * size), m, fontsize=ms, fontname=font)
                cx += pymupdf.get_text_length(m, font, ms)
        self.y += size * 1.3

    def para(self, text: str, rect: tuple[float, float, float, float], size: float = 10.0) -> str:
        """As many words of ``text`` as fit in ``rect``, justified; returns the words left over."""
        words = text.split()
        n = len(words)
        r = pymupdf.Rect(*rect)
        while n:
            shape = self.page.new_shape()
            spare = shape.insert_textbox(r, " ".join(words[:n]), fontsize=size, fontname=self.spec.font, align=3)
            if spare >= 0:
                shape.commit()
                self.y = r.y1 - spare + size  # spare leaves out the last line's depth
                return " ".join(words[n:])
            n -= 1
        return text


def _inline_marks(text: str) -> list[tuple[str, str]]:
    """'^{1}A, ^{2}B' -> [('', '1'), ('A, ', '2'), ('B', '')]: each text with the mark after it."""
    parts = re.split(r"\^\{([^}]*)\}", text)  # text, mark, text, mark, ..., text
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def build(spec: Spec, path: Path) -> Path:
    """Typeset ``spec`` into ``path``."""
    w = _Writer(spec)
    if spec.cover:
        for text, size in spec.cover:
            w.runs([(text, "")], size, spec.bold if size > 12 else spec.font, x=72)
        w.new_page()
    for text in spec.banner:
        w.runs([(text, "")], 9, spec.font)
    if spec.banner:
        w.y += 14
    for text in spec.title:
        w.runs([(text, "")], spec.title_size, spec.bold)
    w.y += 8
    groups = spec.author_lines or [list(range(len(spec.authors)))]
    if spec.cells:
        _cells(w, spec)
        groups = []
    for group in groups:
        runs: list[tuple[str, str]] = []
        for k, i in enumerate(group):
            name, mark = spec.authors[i]
            name, _, beside = name.partition("|")
            runs.append((name if k == 0 else ",  " + name if mark == "" else "   " + name, mark))
            if beside:
                runs.append((beside, ""))
        w.runs(runs, 11, spec.font)
    w.y += 4
    for mark, lines in spec.affiliations:
        for j, text in enumerate(lines):
            w.runs([("", mark if j == 0 else ""), (text, "")], 9.5, spec.font)
    w.y += 16
    if spec.abstract:  # else a title page: nothing under the header
        _abstract(w, spec)
    for mark, text in spec.footnotes:
        _footnote(w, spec, mark, text)
    if spec.contents_page:
        w.new_page()
        w.runs([("Contents", "")], 14, spec.bold, x=72)
        w.y += 6
        for n, (head, pg) in enumerate([("Introduction", 3), ("Background", 4), ("Serving systems", 6),
                                       ("Quantization", 9), ("Open problems", 12), ("Conclusion", 14)]):
            entry = f"{n + 1}   {head}"
            dots = " ." * int((440 - pymupdf.get_text_length(entry, spec.font, 10)) / 5)
            w.runs([(f"{entry}{dots}  {pg}", "")], 10, spec.font, x=72)
        w.new_page()
        w.runs([("1   Introduction", "")], 12, spec.bold, x=72)
        w.para(BODY * 4, (72, w.y + 4, 540, 700))
    w.doc.save(path)
    return path


def _cells(w: _Writer, spec: Spec) -> None:
    """Up to three authors a row, each name over its own lines, centred in its cell."""
    per_row = 3 if len(spec.authors) > 2 else len(spec.authors)
    width = 468 / per_row
    for start in range(0, len(spec.authors), per_row):
        top, low = w.y, w.y
        for k, i in enumerate(range(start, min(start + per_row, len(spec.authors)))):
            cx = 72 + width * (k + 0.5)
            w.y = top
            name, mark = spec.authors[i]
            for text, size, font in [(name, 11, spec.bold)] + [(t, 9.5, spec.font) for t in spec.cells[i]]:
                x = cx - pymupdf.get_text_length(text, font, size) / 2
                w.runs([(text, mark if text == name else "")], size, font, x=x)
            low = max(low, w.y)
        w.y = low + 8


def _abstract(w: _Writer, spec: Spec) -> None:
    two = spec.columns == 2
    left = (72, 300) if two else (90, 522)
    if spec.heading and spec.spill not in ("page", "foot"):
        w.runs([(spec.heading, "")], 11, spec.bold, x=None if not two else left[0] + 80)
        w.y += 2
    foot = 680 if spec.footnotes else 740  # footnotes start at 704
    if spec.spill == "column":  # left column to its foot (or its footnotes), then the right column
        rest = w.para(spec.abstract, (left[0], w.y, left[1], foot))
        w.y = top_right = 200.0 if spec.heading else 180.0
        rest = w.para(rest, (312, top_right, 540, 740))
        assert not rest, f"{spec.name}: abstract does not fit two columns"
        w.y += 12
        w.runs([("1   Introduction", "")], 12, spec.bold, x=312)
        w.para(BODY, (312, w.y + 4, 540, 740))
        return
    if spec.spill in ("page", "foot"):  # the abstract starts low (under a teaser), ends on page 2 or at page 1's foot
        w.page.insert_text((left[0], 520), "Figure 1: Throughput of the systems we compare, by batch size.",
                           fontsize=9, fontname=spec.font)
        w.page.draw_rect(pymupdf.Rect(left[0], w.y, left[1], 500), color=(0, 0, 0))
        w.y = 545
        if spec.heading:
            w.runs([(spec.heading, "")], 11, spec.bold, x=None if not two else left[0] + 80)
        rest = w.para(spec.abstract, (left[0], w.y, left[1], foot))
        assert rest or spec.spill == "foot", f"{spec.name}: abstract fits page 1"
        if spec.head_size:
            w.page.insert_text((left[0], 50), "Preprint", fontsize=spec.head_size, fontname=spec.font)
        w.new_page()
        if spec.top_float:  # a figure placed at the top of page 2, above the abstract's end
            w.page.draw_rect(pymupdf.Rect(left[0], w.y, left[1], w.y + 110), color=(0, 0, 0))
            w.page.insert_text((left[0], w.y + 125), spec.top_float, fontsize=9, fontname=spec.font)
            w.y += 145
        rest = w.para(rest, (left[0], w.y, left[1], 740))
        assert not rest, f"{spec.name}: abstract does not fit"
        if spec.float_after:  # a figure right under the abstract's end, still in the page's upper half
            w.page.draw_rect(pymupdf.Rect(left[0], w.y + 8, left[1], w.y + 100), color=(0, 0, 0))
            w.page.insert_text((left[0], w.y + 115), spec.float_after, fontsize=9, fontname=spec.font)
            w.y += 125
        w.y += 14
        w.runs([("1   Introduction", "")], 12, spec.bold, x=left[0])
        w.para(BODY * 2, (left[0], w.y + 4, left[1], 740))
        return
    rest = w.para(spec.abstract, (left[0], w.y, left[1], foot))
    assert not rest, f"{spec.name}: abstract does not fit"
    if spec.extra_body and not spec.contents_page:
        w.y += 14
        w.runs([("1   Introduction", "")], 12, spec.bold, x=left[0] if not two else 312 if w.y > 650 else left[0])
        w.para(BODY, (left[0], w.y + 4, left[1], foot))


def _footnote(w: _Writer, spec: Spec, mark: str, text: str) -> None:
    y = 712 + 12 * spec.footnotes.index((mark, text))
    x = 72.0
    page = w.doc[1 if spec.cover else 0]
    if mark:
        page.insert_text((x, y - 3), mark, fontsize=5.5, fontname=spec.font)
        x += pymupdf.get_text_length(mark, spec.font, 5.5) + 1
    page.insert_text((x, y), text, fontsize=8, fontname=spec.font)
