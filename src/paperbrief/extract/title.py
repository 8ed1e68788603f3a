"""The title: the largest horizontal text in the top part of page 1, lines that belong together.

The arXiv stamp in the margin is vertical text and is never a candidate; running heads
("Published as a conference paper at ICLR") are smaller than the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import recase
from .layout import Line, Page, body_size
from .marks import items
from .names import compose_accents
from .text import keep_hyphen, vocabulary

ARXIV_STAMP = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?", re.IGNORECASE)
# Running heads ("Published as a conference paper at ICLR 2024") and article-type labels
# ("Research Article"); a label must be the whole line, so "Review of ..." stays a title.
_RUNNING = re.compile(r"^(?:preprint|technical report|journal of|proceedings|published|accepted|"
                      r"under review|arxiv|vol\.|volume)\b", re.IGNORECASE)
_LABEL = re.compile(r"^(?:abstract|(?:research|original|review|short|full) (?:article|paper)|article|letter|"
                    r"review|original research|communication)\W*$", re.IGNORECASE)
# Section headings: numbered ("1 Introduction", "2.3 Setup", "IV. RESULTS") or the usual unnumbered ones.
_SECTION = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d+)*|[IVX]{1,4})\.?\s+)?(?:introduction|related works?|background|"
                      r"contents|table of contents|conclusions?|methods?|methodology|approach|experiments?|"
                      r"evaluation|results|discussion|preliminaries|motivation|overview|references)\W*$", re.IGNORECASE)
# Layout constants, in one place (points, or shares of the page height or the title's size).
_UPPER_PAGE = 0.6  # share of the page height: the title starts above it
_LARGER = 0.5  # points: type larger than the body by more than this can be a title
_SMALLER = 1.0  # points: a line smaller than the title's type by more than this is not the title
_NEAR_TOP = (0.3, 0.05)  # points, share: a line this close to the largest size ranks with it
_GAP_SIZES = 1.0  # title sizes: a wider gap under a title line ends the title
_ABSTRACT_HEAD = re.compile(r"^\s*(?:abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t)\b", re.IGNORECASE)


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
        if not l.horizontal or l.y0 > page.height * _UPPER_PAGE or _letters(t) < 2:
            continue
        if ARXIV_STAMP.search(t) or "@" in t or _LABEL.match(t) or (_RUNNING.match(t) and len(t.split()) <= 12):
            continue
        out.append(l)
    return out


def _line_text(line: Line) -> str:
    return "".join(i.text for i in items(line) if not i.mark)


def find_title(page: Page, page_text: str = "") -> Title:
    """The title block: the longest block set in (nearly) the largest type; ``page_text`` helps
    rejoin 'SPE-' 'CIALIZE'.

    A journal masthead ("Pattern Recognition") can be set a little larger than the title; among
    blocks within 5% of the largest size, larger than the body text, the one with most letters
    (short of a paragraph) is the title. Section
    headings are candidates only when nothing else is.
    """
    cands = candidates(page)
    if not cands:
        return Title("", [])
    body = body_size(page)
    heads = [l.y0 for l in page.lines if l.horizontal and _ABSTRACT_HEAD.match(l.text)]
    above = [l for l in cands if not heads or l.y1 <= min(heads) + 1]  # titles precede the abstract
    pool = [l for l in above if not looks_heading(l.text) and type_size(l) > body + _LARGER] or cands
    top = max(type_size(l) for l in pool)
    blocks: list[list[Line]] = []
    for first in sorted((l for l in pool if type_size(l) >= top - max(_NEAR_TOP[0], _NEAR_TOP[1] * top)), key=lambda l: (l.y0, l.x0)):
        if not any(first in b for b in blocks):
            blocks.append(_block(first, page))
    chosen = blocks[0]  # set no larger than the body text (amsart): the topmost
    if top > body + _LARGER:
        chosen = max(blocks, key=lambda b: (type_size(b[0]) > body + _LARGER, _letters(" ".join(l.text for l in b)) < 400,
                                            _letters(" ".join(l.text for l in b))))
    rows = _rows(chosen)
    text = ""
    for row in rows:
        piece = " ".join(_line_text(l).strip() for l in row).strip()
        text = _join(text, piece, page_text)
    text = compose_accents(re.sub(r"\s+", " ", text)).strip(" *∗†‡")
    if recase.all_capitals(text):
        ordered = [l for row in rows for l in row]
        mask = recase.small_caps_mask(ordered)
        if mask is not None:
            text = recase.apply_mask(text, mask, ordered)
        else:
            others = [l.text for l in page.lines if not any(l is c for c in chosen)]
            text = recase.title_case(text, recase.vocabulary(others))
    return Title(text, chosen)


def type_size(line: Line) -> float:
    """The size a line is set in; for small capitals the capitals' size, so that a line that
    happens to hold more capitals ('GPU|s') ranks with the rest of its title."""
    sizes = {round(s.size, 1) for s in line.spans if any(c.isalpha() for c in s.text)}
    if len(sizes) > 1 and recase.all_capitals(line.text, minimum=1):
        return max(sizes)
    return line.size


def looks_heading(text: str) -> bool:
    """A section heading as printed: '1 Introduction', 'I. INTRODUCTION', 'Contents' (a number
    alone proves nothing: '2 OLMo 2 Furious' is a title)."""
    return bool(_SECTION.match(text))


def _block(first: Line, page: Page) -> list[Line]:
    """``first`` and the lines under it in its type, up to a line of another size or a wide gap.

    Any horizontal line continues the block, also one that is no candidate on its own
    ('... A Comprehensive' / 'Review')."""
    size = type_size(first)
    chosen = [first]
    bottom = first.y1
    for l in sorted(page.lines, key=lambda l: (l.y0, l.x0)):
        t = l.text.strip()
        if l is first or l.y0 < first.y0 - 1 or not l.horizontal or not any(c.isalnum() for c in t):
            continue
        if ARXIV_STAMP.search(t) or "@" in t:
            continue
        if type_size(l) < size - _SMALLER or type_size(l) > size + _LARGER:
            if l.y0 > bottom:
                break
            continue
        if l.y0 - bottom > _GAP_SIZES * size:
            break
        chosen.append(l)
        bottom = max(bottom, l.y1)
    return chosen


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
    """Join title lines. A line-end hyphen is TeX's when the page spells the word joined, or,
    with no such evidence, when the parts make no compound ('Di-' / 'vision', 'Sche-' / 'duling');
    it stays in 'Mixed-' / 'Precision', 'Long-' / 'Context', 'Self-' / 'attention'."""
    if not text:
        return piece
    if text.endswith("-") and piece:
        head = re.findall(r"([\w-]+)-$", text)
        tail = re.findall(r"^([\w-]+)", piece)
        if head and tail:
            low = page_text.lower()
            joined, hyphened = (head[0] + tail[0]).lower(), (head[0] + "-" + tail[0]).lower()
            words = vocabulary([page_text])
            # both parts words of their own on the page ('low' / 'rank'): a compound, not a syllable break
            compound = all(len(w) >= 3 and w.lower() in words for w in (head[0].rsplit("-", 1)[-1], tail[0]))
            if joined in low and hyphened not in low or not compound and not keep_hyphen(head[0], tail[0], words):
                return text[:-1] + piece  # the page spells it joined ('SPE-' / 'CIALIZE': 'specialized')
        return text + piece
    return text + " " + piece
