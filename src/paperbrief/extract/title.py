"""The title: the largest horizontal text in the top part of page 1, lines that belong together.

The arXiv stamp in the margin is vertical text and is never a candidate; running heads
("Published as a conference paper at ICLR") are smaller than the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Line, Page
from .marks import items
from .names import compose_accents, title_case

ARXIV_STAMP = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?", re.IGNORECASE)
# Running heads ("Published as a conference paper at ICLR 2024") and article-type labels
# ("Research Article"); a label must be the whole line, so "Review of ..." stays a title.
_RUNNING = re.compile(r"^(?:preprint|technical report|journal of|proceedings|published|accepted|"
                      r"under review|arxiv|vol\.|volume)\b", re.IGNORECASE)
_LABEL = re.compile(r"^(?:abstract|(?:research|original|review|short|full) (?:article|paper)|article|letter|"
                    r"review|original research|communication)\W*$", re.IGNORECASE)


@dataclass
class Title:
    text: str
    lines: list[Line]

    @property
    def bottom(self) -> float:
        return max(l.y1 for l in self.lines) if self.lines else 0.0


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def candidates(page: Page) -> list[Line]:
    """Horizontal lines in the top 60% of the page that could hold title text."""
    out = []
    for l in page.lines:
        t = l.text.strip()
        if not l.horizontal or l.y0 > page.height * 0.6 or _letters(t) < 2:
            continue
        if ARXIV_STAMP.search(t) or "@" in t or _LABEL.match(t) or (_RUNNING.match(t) and len(t.split()) <= 12):
            continue
        out.append(l)
    return out


def _line_text(line: Line) -> str:
    return "".join(i.text for i in items(line) if not i.mark)


def find_title(page: Page, page_text: str = "") -> Title:
    """Largest-font lines, contiguous from the first of them; ``page_text`` helps rejoin 'SPE-' 'CIALIZE'."""
    cands = candidates(page)
    if not cands:
        return Title("", [])
    top = max(l.size for l in cands)
    first = min((l for l in cands if l.size >= top - 0.3), key=lambda l: (l.y0, l.x0))
    chosen = [first]
    bottom = first.y1
    for l in sorted(cands, key=lambda l: (l.y0, l.x0)):
        if l is first or l.y0 < first.y0 - 1:
            continue
        if l.size < top - 1.0 or l.size > top + 0.5:
            if l.y0 > bottom:
                break
            continue
        if l.y0 - bottom > 1.0 * top:
            break
        chosen.append(l)
        bottom = max(bottom, l.y1)
    rows = _rows(chosen)
    text = ""
    for row in rows:
        piece = " ".join(_line_text(l).strip() for l in row).strip()
        text = _join(text, piece, page_text)
    text = compose_accents(re.sub(r"\s+", " ", text)).strip(" *∗†‡")
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 12:
        text = title_case(text)
    return Title(text, chosen)


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (l.y0, l.x0)):
        mid = (l.y0 + l.y1) / 2
        if rows and abs((rows[-1][0].y0 + rows[-1][0].y1) / 2 - mid) < 3:
            rows[-1].append(l)
        else:
            rows.append([l])
    return [sorted(r, key=lambda l: l.x0) for r in rows]


def _join(text: str, piece: str, page_text: str) -> str:
    """Join title lines; a line-end hyphen is dropped only when the page spells the word joined."""
    if not text:
        return piece
    if text.endswith("-") and piece:
        head = re.findall(r"(\w+)-$", text)
        tail = re.findall(r"^(\w+)", piece)
        if head and tail:
            joined = (head[0] + tail[0]).lower()
            hyphened = (head[0] + "-" + tail[0]).lower()
            low = page_text.lower()
            if joined in low and hyphened not in low:
                return text[:-1] + piece
        return text + piece
    return text + " " + piece
