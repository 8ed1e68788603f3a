"""Author and affiliation marks (1, a, *, †, "1,2") told apart from the text they decorate.

Marks are often not flagged superscript by the PDF: they are smaller spans raised above
the baseline. A line becomes a list of ``Item``s - runs of text and runs of marks - so the
author and affiliation finders can split names and key affiliations by mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .layout import Line, Span

# TeX's spacing accents ("´A", "Z¨OE") sit apart from their letters: they are text, never marks.
_ACCENTS = "´`¨ˆ˜ˇ˘˙˚¸˛¯˝"
_TOKEN = re.compile(rf"\d{{1,2}}|[a-z]|[^\w\s,.;:()\[\]{{}}'’\"\-–—/&{_ACCENTS}]")
_MARK = re.compile(rf"[\s,]*(?:(?:\d{{1,2}}|[a-z]|[^\w\s,.;:()\[\]{{}}'’\"\-–—/&{_ACCENTS}]+)[\s,]*)+")
# Layout constants, in one place: shares of the line's type size.
_MARK_SIZE = 0.86  # a span at most this share of the line's size is small enough to be a mark
_RAISED = 0.15  # a baseline higher by this share is raised
_GLUED = 0.1  # a gap narrower than this share is no gap (a digit inside a name: 'C²DL')
_RUN_GAP = 1.2  # a gap wider than this many sizes starts a new text run
_BODY_SPAN = 0.6  # points: a span this close to the line's size sets its baseline
_DEFAULT_SIZE = 10.0  # points: the type size assumed when a line has none
_ORCID = re.compile(r"\[?\d{4}[-−–]\d{4}[-−–]\d{4}[-−–]\d{3}[\dX]\]?")
_SYMBOL = re.compile(rf"[^\w\s,.;:()\[\]{{}}'’\"\-–—/&@<>|=%{_ACCENTS}]")


@dataclass
class Item:
    """A run of text, or a run of marks (``keys`` holds the separate marks, e.g. ["1", "*"])."""

    text: str
    mark: bool
    x0: float
    x1: float
    keys: list[str] = field(default_factory=list)


def mark_keys(text: str) -> list[str]:
    """'1,2' -> ['1', '2']; '∗†' -> ['∗', '†']; 'a,b' -> ['a', 'b']."""
    return [normalise_key(t) for t in _TOKEN.findall(text)]


def normalise_key(key: str) -> str:
    return {"*": "∗", "⋆": "∗", "∗": "∗"}.get(key, key)


def is_mark_text(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 12 or re.search(r"[a-z]{2}|\d{3}", t):
        return False  # "th" in "36th" is a suffix, "2024" a year: not runs of marks
    return bool(_MARK.fullmatch(t))


def is_symbol(ch: str) -> bool:
    return bool(_SYMBOL.fullmatch(ch))


def _baseline(line: Line) -> float:
    size = line.size
    ys = [s.origin_y for s in line.spans if s.text.strip() and abs(s.size - size) < _BODY_SPAN]
    return sorted(ys)[len(ys) // 2] if ys else line.y1


def items(line: Line) -> list[Item]:
    """Split a line into text runs and mark runs; a wide horizontal gap starts a new text run."""
    size = line.size or _DEFAULT_SIZE
    base = _baseline(line)
    out: list[Item] = []
    prev_x1: float | None = None
    spans = _join_orcid(line.spans, size)
    for n, s in enumerate(spans):
        t = s.text
        small = s.size <= size * _MARK_SIZE
        raised = s.origin_y < base - _RAISED * size
        stripped = _ORCID.sub("", t).strip() if (s.size <= size * _MARK_SIZE or s.superscript) else t.strip()
        if not stripped and t.strip():
            prev_x1 = s.bbox[2]
            continue  # an ORCID iD printed as a superscript
        if not stripped:
            if out and not out[-1].mark:
                out[-1].text += " "
            prev_x1 = s.bbox[2]
            continue
        as_mark = False
        if (s.superscript or small or raised) and is_mark_text(stripped) and not _inside_name(spans, n, size):
            as_mark = True
        elif all(is_symbol(c) for c in stripped) and len(stripped) <= 3 and not _in_word(spans, n):
            as_mark = True  # full-size *, † after a name
        elif (small or s.superscript) and stripped == ",":
            as_mark = True
        gap = prev_x1 is not None and s.bbox[0] - prev_x1 > _RUN_GAP * size
        if as_mark:
            if out and out[-1].mark and not gap:
                out[-1].text += t
                out[-1].keys += mark_keys(stripped)
                out[-1].x1 = s.bbox[2]
            else:
                out.append(Item(t, True, s.bbox[0], s.bbox[2], mark_keys(stripped)))
        elif out and not out[-1].mark and not gap:
            out[-1].text += t
            out[-1].x1 = s.bbox[2]
        else:
            out.append(Item(t, False, s.bbox[0], s.bbox[2]))
        prev_x1 = s.bbox[2]
    return out


def _in_word(spans: list[Span], n: int) -> bool:
    """A full-size symbol glued to letters on both sides ('3DOF+Quantization', 'C++x') is part of the word."""
    before = spans[n - 1].text if n > 0 else ""
    after = spans[n + 1].text if n + 1 < len(spans) else ""
    return bool(before[-1:].isalnum() and after[:1].isalnum() and not spans[n].text[:1].isspace()
                and not spans[n].text[-1:].isspace())


def _join_orcid(spans: list[Span], size: float) -> list[Span]:
    """LNCS prints '1[0000-0001-2345-6789]' as several small spans; make it one so it can be cut."""
    out: list[Span] = []
    open_bracket = False
    for s in spans:
        small = s.size <= size * _MARK_SIZE or s.superscript
        if open_bracket and small and out:
            last = out[-1]
            box = (last.bbox[0], min(last.bbox[1], s.bbox[1]), s.bbox[2], max(last.bbox[3], s.bbox[3]))
            out[-1] = replace(last, text=last.text + s.text, bbox=box)
            open_bracket = "]" not in s.text
            continue
        out.append(s)
        open_bracket = small and bool(re.search(r"\[\d", s.text)) and "]" not in s.text
    return out


def plain_text(line: Line) -> str:
    """The line's text with marks removed (runs separated by a space)."""
    return " ".join(i.text.strip() for i in items(line) if not i.mark and i.text.strip())


def strip_symbols(text: str) -> str:
    """Drop mark characters left in full-size text ('Hugo Touvron*' -> 'Hugo Touvron')."""
    t = "".join(c for c in text if not is_symbol(c) or c in "’'")
    return re.sub(r"\s+", " ", t).strip()


def _inside_name(spans: list[Span], n: int, size: float) -> bool:
    """A raised digit between capitals with no space either side is part of a name ('C²DL',
    printed as C, 2, DL), not a mark after one."""
    before = spans[n - 1] if n > 0 else None
    after = spans[n + 1] if n + 1 < len(spans) else None
    if before is None or after is None or not spans[n].text.strip().isdigit():
        return False
    touching = spans[n].bbox[0] - before.bbox[2] < _GLUED * size and after.bbox[0] - spans[n].bbox[2] < _GLUED * size
    return touching and before.text[-1:].isupper() and after.text[:1].isupper() and after.size > _MARK_SIZE * size

