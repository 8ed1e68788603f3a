"""Title, authors and affiliations from the first page's layout. (Placeholder: to be replaced.)"""
from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Document


@dataclass
class Header:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    author_affiliations: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    end_y: float = 0.0  # bottom of the header block on page 1, for the abstract finder


def find_header(doc: Document, pdf=None) -> Header:
    lines = doc.pages[0].lines
    if not lines:
        return Header()
    top = max(l.size for l in lines)
    title_lines = [l for l in lines if abs(l.size - top) < 0.3]
    return Header(title=" ".join(l.text.strip() for l in title_lines), end_y=max(l.y1 for l in title_lines))
