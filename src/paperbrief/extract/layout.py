"""First-page layout: text spans with font size, weight, position and superscript flags,
grouped into lines, in reading order per page.

Only this module touches PyMuPDF's span dictionaries; the header and abstract finders
work on these plain values.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pymupdf

# PyMuPDF span flags
SUPERSCRIPT = 1
ITALIC = 2
SERIF = 4
MONO = 8
BOLD = 16

DEFAULT_SIZE = 10.0  # points: the type size assumed for a line with no sized text
_ROW_SHARE = 0.45  # type sizes between line middles that still make one row


@dataclass(frozen=True)
class Span:
    text: str
    size: float
    flags: int
    font: str
    bbox: tuple[float, float, float, float]
    origin_y: float  # baseline

    @property
    def bold(self) -> bool:
        return bool(self.flags & BOLD) or "bold" in self.font.lower() or self.font.lower().endswith((".b", "-b"))

    @property
    def italic(self) -> bool:
        return bool(self.flags & ITALIC) or "italic" in self.font.lower() or "oblique" in self.font.lower()

    @property
    def superscript(self) -> bool:
        return bool(self.flags & SUPERSCRIPT)


@dataclass
class Line:
    spans: list[Span]
    bbox: tuple[float, float, float, float]
    page: int
    block: int  # index of the PyMuPDF block the line came from
    dir: tuple[float, float] = (1.0, 0.0)  # writing direction; arXiv margin stamps run vertically

    @property
    def horizontal(self) -> bool:
        return abs(self.dir[0]) > 0.9 and abs(self.dir[1]) < 0.2

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @cached_property
    def size(self) -> float:
        """Dominant font size, weighted by characters of wordy spans: marks and ORCID iDs
        ("1[0000-0002-1093-321X]", set small) can outnumber the letters of a short name."""
        weights: dict[float, int] = {}
        for wordy in (True, False):
            for s in self.spans:
                t = s.text.strip()
                if t and (not wordy or sum(c.isalpha() for c in t) >= 2):
                    weights[round(s.size, 1)] = weights.get(round(s.size, 1), 0) + len(t)
            if weights:
                break
        return max(weights, key=weights.__getitem__) if weights else 0.0

    @cached_property
    def bold(self) -> bool:
        chars = [s for s in self.spans if s.text.strip()]
        return bool(chars) and sum(len(s.text) for s in chars if s.bold) * 2 > sum(len(s.text) for s in chars)

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def y1(self) -> float:
        return self.bbox[3]


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(l.text for l in self.lines)


@dataclass
class Document:
    """The pages read so far plus the PDF's own metadata (evidence, not the answer)."""

    pages: list[Page]
    metadata: dict[str, str]
    page_count: int


def body_size(page: Page) -> float:
    """The font size most of the page's characters are set in."""
    weights: dict[float, int] = {}
    for l in page.lines:
        weights[l.size] = weights.get(l.size, 0) + len(l.text)
    return max(weights, key=weights.__getitem__) if weights else DEFAULT_SIZE


def rows(lines: list[Line], key=lambda l: (l.y0 + l.y1) / 2) -> list[list[Line]]:
    """Group lines printed side by side (same ``key`` height within half a line), left to right."""
    out: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (key(l), l.x0)):
        mid = key(l)
        if out and abs(mid - sum(key(r) for r in out[-1]) / len(out[-1])) < _ROW_SHARE * (l.size or DEFAULT_SIZE):
            out[-1].append(l)
        else:
            out.append([l])
    return [sorted(r, key=lambda l: l.x0) for r in out]


def reading_order(lines: list[Line]) -> list[Line]:
    """Rows by baseline (marks raise a line's top, not its bottom), left to right in a row."""
    return [l for row in rows(lines, key=lambda l: l.y1) for l in row]


def split_at_gaps(line: Line, factor: float = 2.5) -> list[Line]:
    """Cut a line where its spans are more than ``factor`` font sizes apart: side-by-side cells
    ("Microsoft Research      Stanford University") that PyMuPDF kept on one line."""
    size = line.size or DEFAULT_SIZE
    parts: list[list[Span]] = [[]]
    prev_x1: float | None = None
    for s in line.spans:
        if s.text.strip() and prev_x1 is not None and s.bbox[0] - prev_x1 > factor * size and parts[-1]:
            parts.append([])
        parts[-1].append(s)
        if s.text.strip():
            prev_x1 = s.bbox[2]
    if len(parts) == 1:
        return [line]
    out = []
    for spans in parts:
        inked = [s for s in spans if s.text.strip()] or spans
        box = (min(s.bbox[0] for s in inked), min(s.bbox[1] for s in inked),
               max(s.bbox[2] for s in inked), max(s.bbox[3] for s in inked))
        out.append(Line(spans=spans, bbox=box, page=line.page, block=line.block, dir=line.dir))
    return out


def read_page(page: pymupdf.Page, number: int) -> Page:
    # Ligatures expanded (ﬁ -> fi) by leaving TEXT_PRESERVE_LIGATURES out.
    d = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)
    out = Page(number=number, width=page.rect.width, height=page.rect.height)
    for bi, block in enumerate(d.get("blocks", [])):
        if block.get("type") != 0:
            continue
        for line in block.get("lines", []):
            spans = [
                Span(
                    text=s["text"],
                    size=float(s["size"]),
                    flags=int(s["flags"]),
                    font=s.get("font", ""),
                    bbox=tuple(s["bbox"]),
                    origin_y=float(s["origin"][1]),
                )
                for s in line.get("spans", [])
                if s["text"]
            ]
            if spans and any(s.text.strip() for s in spans):
                dx, dy = line.get("dir", (1.0, 0.0))
                direction = (float(dx), float(dy))
                out.lines.append(Line(spans=spans, bbox=tuple(line["bbox"]), page=number, block=bi, dir=direction))
    return out


def open_document(path: str) -> pymupdf.Document:
    # MuPDF prints its own errors ("MuPDF error: zlib error ...") to stdout, which would corrupt
    # `paperbrief extract`'s JSON Lines; what matters reaches us as exceptions or bad text anyway.
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    return pymupdf.open(path, filetype="pdf")


def read(doc: pymupdf.Document, pages: int = 1) -> Document:
    """Read the first ``pages`` pages; callers read more lazily with ``read_page``."""
    n = min(pages, doc.page_count)
    meta = {k: (v or "") for k, v in (doc.metadata or {}).items()}
    return Document(pages=[read_page(doc[i], i) for i in range(n)], metadata=meta, page_count=doc.page_count)
