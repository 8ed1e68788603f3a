"""Tables of contents: reports print one before (or right after) the abstract.

A contents page is neither the abstract nor a sign that the paper's text has begun, and its
"Abstract . . . 1" entry is not the abstract's heading. Told by layout: a "Contents" heading,
dotted leaders, page numbers far right of an entry.
"""
from __future__ import annotations

import re

from .layout import Line, Page

LEADERS = re.compile(r"(?:\.\s?){5,}|…{2,}")
CONTENTS = re.compile(r"^\s*(?:table\s+of\s+)?contents\s*$", re.IGNORECASE)
PAGE_NO = re.compile(r"^\s*(?:\d{1,3}|[ivxl]{1,5})\s*$", re.IGNORECASE)


def _baseline(line: Line) -> float:
    spans = [s for s in line.spans if s.text.strip()]
    return max(spans, key=lambda s: len(s.text.strip())).origin_y if spans else line.y1


def is_contents(page: Page) -> bool:
    """A 'Contents' heading in the page's upper half, or five lines with dotted leaders."""
    lines = [l for l in page.lines if l.horizontal and l.text.strip()]
    if any(CONTENTS.match(l.text) for l in lines if l.y0 < 0.5 * page.height):
        return True
    return sum(1 for l in lines if LEADERS.search(l.text)) >= 5


def toc_entry(line: Line, lines: list[Line], contents: bool) -> bool:
    """Dotted leaders on the line's baseline, or (on a contents page) a page number far right of it."""
    level = [l for l in lines if abs(_baseline(l) - _baseline(line)) < 2 and l.x0 >= line.x0]
    return any(LEADERS.search(l.text) or (contents and l is not line and PAGE_NO.match(l.text)
                                          and l.x0 - line.x1 > 8 * line.size) for l in level)
