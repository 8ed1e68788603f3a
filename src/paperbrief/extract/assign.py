"""Who belongs where: affiliations in printed order and each author's share of them.

Three sources, tried in this order by the header finder: marks (keyed definitions, in the
header or in an ICML-style footnote), table cells (the lines printed under a name, or one
block shared by a row of names), and footnote sentences ("S. Ma ... are with Microsoft
Research").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import pairwise

from . import affiliations as affs
from .authors import Author
from .layout import Line, Page, body_size, reading_order
from .marks import plain_text
from .text import join_lines

# Layout constants, in one place: shares of a type size, a width or the page height.
_STACKED_NAME = 0.5  # name heights: a name this close above another heads the same cell
_SAME_CELL = 0.3  # share of the narrower line's width two lines must share to stack in one cell
_LINE_GAP = 0.8  # type sizes: the largest gap between two lines of one cell or one footnote
_FOOT_HALF = 0.5  # share of the page height below which footnotes print
_FOOT_ZONE = 0.8  # share of the page height below which footnote-sized type is a footnote
_FOOT_SMALLER = 0.3  # points below the body size a footnote is set
_FOOT_MAX = 9.0  # points: the largest footnote type in the foot zone
_FOOT_MIN = 5  # points: smaller type is a mark or glyph dust, not a footnote line
_BASE_SHARE = 0.3  # type sizes between two pieces' bottoms on one baseline
_WORD_SPACE = 1.5  # type sizes: the widest gap between pieces of one justified line
_GUTTER_SPACE = 1.0  # type sizes: across the page's middle only a gap this narrow joins pieces
_SPACE_SHARE = 0.15  # type sizes: a wider gap between pieces is a space
_DEFAULT_SIZE = 10.0  # points: the type size assumed when a line has none
_SPAN_MIDDLE = 20  # points either side of the page's middle a full-width footnote line reaches


def split_digits(mark: str, known) -> list[str]:
    """'23' printed for marks 2 and 3 (ICML sets them without a comma), when 23 is not a key."""
    if len(mark) > 1 and mark.isdigit() and mark not in known and all(d in known for d in mark):
        return list(mark)
    return []


class Table:
    """Distinct affiliations in printed order, keyed definitions, and who belongs where."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.keys: dict[str, list[str]] = {}
        self.members: dict[int, list[str]] = {}

    def _intern(self, text: str) -> str:
        k = norm(text)
        for n in self.names:
            if norm(n) == k:
                return n
        self.names.append(text)
        return text

    def define(self, key: str, text: str) -> None:
        self.keys.setdefault(key, []).append(self._intern(text))

    def add(self, author: Author, text: str) -> None:
        name = self._intern(text)
        got = self.members.setdefault(id(author), [])
        if name not in got:
            got.append(name)

    def resolve(self, authors: list[Author]) -> None:
        for a in authors:
            for k in a.marks:
                for t in self.keys.get(k, []) or [t for d in split_digits(k, self.keys) for t in self.keys[d]]:
                    self.add(a, t)

    def unjoin(self) -> None:
        """Entries that name several institutions ('A; B', 'A, B' where B is listed on its
        own) become their parts, in place, for every author and key that had them."""
        known = {norm(n) for n in self.names}
        for name in list(self.names):
            parts = affs.split_joined(name, known - {norm(name)})
            if len(parts) == 1:
                continue
            at = self.names.index(name)
            self.names.remove(name)
            new = []
            for part in parts:
                new.append(self._intern(part))
                if new[-1] is self.names[-1] and len(self.names) > at:
                    self.names.insert(at + len(new) - 1, self.names.pop())
            for got in [*self.members.values(), *self.keys.values()]:
                if name in got:
                    k = got.index(name)
                    got[k:k + 1] = [n for n in new if n not in got]

    def result(self, authors: list[Author]) -> tuple[list[str], list[list[int]]]:
        self.unjoin()
        used = {n for a in authors for n in self.members.get(id(a), [])}
        keyed = {n for ts in self.keys.values() for n in ts}
        people = [f" {norm(a.name)} " for a in authors]
        names = [n for n in self.names if (n in used or n in keyed) and "@" not in n
                 and readable(n) and not affs.fragment(n) and not any(p in f" {norm(n)} " for p in people)]
        index = {n: i for i, n in enumerate(names)}
        return names, [[index[n] for n in self.members.get(id(a), []) if n in index] for a in authors]


def readable(text: str) -> bool:
    """Text, not glyph soup: a figure's math in an unmapped font comes out as '푡�푡'."""
    if "\ufffd" in text or any(unicodedata.category(c) in ("Co", "Cs") for c in text):
        return False
    return any(len(w) >= 2 for w in re.findall(r"[^\W\d_]+", text))


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def assign_cells(authors: list[Author], lines: list[Line], table: Table) -> None:
    """Unmarked affiliation lines: the cell under one name, or a block shared by a row of names."""
    named = [a for a in authors if a.bbox[3] > 0]
    if not named:
        return
    rows: list[list[Author]] = []
    for a in sorted(named, key=lambda a: ((a.bbox[1] + a.bbox[3]) / 2, a.bbox[0])):
        mid = (a.bbox[1] + a.bbox[3]) / 2
        if rows and abs(mid - (rows[-1][0].bbox[1] + rows[-1][0].bbox[3]) / 2) < 5:
            rows[-1].append(a)
        else:
            rows.append([a])
    bands: dict[int, list[list[Line]]] = {}  # stacks of lines by the row of names above their top
    for st in _stacks(lines):
        above = [i for i, r in enumerate(rows) if min(a.bbox[1] for a in r) < st[0].y0]
        if above:
            bands.setdefault(above[-1], []).append(st)
    all_after = all(l.y0 > max(a.bbox[1] for a in named) for l in lines)
    found: list[tuple[Author, str]] = []
    limit = max(l.x1 - l.x0 for l in lines)  # the cell width, as wide as the widest line
    for ri, stacks in bands.items():
        row = sorted(rows[ri], key=lambda a: a.bbox[0])
        if len(stacks) == 1 and (all_after or (len(row) > 1 and len(_overlapping(stacks[0], row)) != 1)):
            owners = named if all_after and ri == len(rows) - 1 else row
            for aff in affs.join_stack([plain_text(l) for l in stacks[0]], _wraps(stacks[0], limit)):
                found += [(a, aff) for a in owners]
            continue
        for st in stacks:
            mid = (min(l.x0 for l in st) + max(l.x1 for l in st)) / 2
            owners = _cell_owners(st, named) or [min(row, key=lambda a: abs((a.bbox[0] + a.bbox[2]) / 2 - mid))]
            found += [(a, aff) for aff in affs.join_stack([plain_text(l) for l in st], _wraps(st, limit))
                      for a in owners]
    order = {id(a): i for i, a in enumerate(authors)}
    for a, aff in sorted(found, key=lambda p: order[id(p[0])]):
        table.add(a, aff)  # first appearance follows the author order


def _overlapping(stack: list[Line], people: list[Author]) -> list[Author]:
    x0, x1 = min(l.x0 for l in stack), max(l.x1 for l in stack)
    return [a for a in people if min(x1, a.bbox[2]) - max(x0, a.bbox[0]) > 0]


def _cell_owners(stack: list[Line], people: list[Author]) -> list[Author]:
    """The names heading the cell a stack of lines sits in: the nearest name above in the same
    column, with any names stacked right above it (acmart prints co-affiliated authors so)."""
    top = stack[0].y0
    above = [a for a in _overlapping(stack, people) if a.bbox[3] <= top + 2]
    if not above:
        return []
    cell = [max(above, key=lambda a: a.bbox[3])]
    height = cell[0].bbox[3] - cell[0].bbox[1]
    for a in sorted(above, key=lambda a: -a.bbox[3]):
        if a not in cell and cell[-1].bbox[1] - a.bbox[3] < _STACKED_NAME * height:
            cell.append(a)
    return cell


def _wraps(stack: list[Line], limit: float) -> list[bool]:
    """For each line, could the break before it be an automatic wrap at ``limit`` width?"""
    out = [False]
    for prev, line in pairwise(stack):
        text = plain_text(line)
        first = text.split()[0] if text.split() else ""
        first_w = (line.x1 - line.x0) * (len(first) + 1) / max(len(text), 1)
        out.append(prev.x1 - prev.x0 + first_w > limit)
    return out


def _stacks(lines: list[Line]) -> list[list[Line]]:
    """Lines that sit under each other (x-overlapping) form one stack: one table cell."""
    stacks: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (l.y0, l.x0)):
        for st in stacks:
            x0, x1 = min(s.x0 for s in st), max(s.x1 for s in st)
            if min(x1, l.x1) - max(x0, l.x0) > _SAME_CELL * min(x1 - x0, l.x1 - l.x0) and l.y0 - st[-1].y1 < _LINE_GAP * l.size:
                st.append(l)
                break
        else:
            stacks.append([l])
    return stacks


def footnote_lines(page: Page) -> list[Line]:
    """Small-print lines in the lower part of page 1, column by column."""
    body = body_size(page)
    lines = [l for l in page.lines if l.horizontal and l.y0 > page.height * _FOOT_HALF and l.size > _FOOT_MIN
             and (l.size < body - _FOOT_SMALLER or (l.size <= _FOOT_MAX and l.y0 > page.height * _FOOT_ZONE))]
    mid = page.width / 2
    lines = merge_rows(reading_order(lines), mid)  # a justified line may come as pieces
    if any(l.x0 < mid - _SPAN_MIDDLE and l.x1 > mid + _SPAN_MIDDLE for l in lines):
        return lines  # full-width footnotes (one-column page)
    left = reading_order([l for l in lines if l.x0 < mid])
    return left + reading_order([l for l in lines if l.x0 >= mid])


def merge_rows(lines: list[Line], mid: float | None = None) -> list[Line]:
    """Join pieces printed on one baseline next to each other: Springer sets a footnote's key
    ('1') as a line of its own beside the text, where it no longer looks raised or small, and
    justified lines come as pieces. Across the page's middle ``mid`` only a word space joins:
    a wider gap there is the gutter between two columns of footnotes."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        size = max(line.size, prev.size if prev else 0.0) or _DEFAULT_SIZE
        gutter = mid is not None and prev is not None and prev.x1 <= mid <= line.x0
        if prev is not None and abs(prev.y1 - line.y1) < _BASE_SHARE * size \
                and 0 <= line.x0 - prev.x1 < (_GUTTER_SPACE if gutter else _WORD_SPACE) * size:
            box = (prev.x0, min(prev.y0, line.y0), line.x1, max(prev.y1, line.y1))
            spans = line.spans
            if line.x0 - prev.x1 > _SPACE_SHARE * size and not prev.text.endswith(" "):
                spans = [replace(spans[0], text=" " + spans[0].text.lstrip()), *spans[1:]]
            out[-1] = Line(spans=prev.spans + spans, bbox=box, page=prev.page, block=prev.block, dir=prev.dir)
        else:
            out.append(line)
    return out


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines set at line pitch: a keyed footnote does not run on into a page footer below it."""
    out: list[list[Line]] = []
    for line in lines:
        prev = out[-1][-1] if out else None
        if prev is not None and line.y1 > prev.y0 and line.y0 - prev.y1 < _LINE_GAP * max(line.size, prev.size):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def from_footnotes(page: Page, authors: list[Author], table: Table) -> None:
    """ICML-style keyed footnotes for marks the header itself does not define."""
    wanted = {k for a in authors for k in a.marks if k not in table.keys}
    wanted |= {d for k in wanted if k.isdigit() for d in k}  # '23' may be marks 2 and 3
    if not wanted:
        return
    done: set[str] = set()
    segments = [seg for block in _blocks(merge_rows(footnote_lines(page))) for seg in affs.keyed_segments(block)]
    for key, text in segments:
        if key not in wanted or key in done:
            continue
        found = affs.sentence_affiliations(text)
        also = [aff for who, aff in found if who == ["<mark>"]]
        if also:
            done.add(key)
            for aff in also:
                table.define(key, aff)
            continue
        for k, aff in affs.footnote_affiliations([(key, text)]):
            done.add(k)
            table.define(k, aff)


def from_sentences(page: Page, authors: list[Author], table: Table) -> None:
    """'S. Ma, L. Ma are with Microsoft Research.' in a footnote: match names by initial + surname."""
    text = join_lines([plain_text(l) for l in footnote_lines(page)])  # "Technol-" / "ogy" is one word
    prev: list[Author] = []
    for who, aff in affs.sentence_affiliations(text):
        if who == ["<mark>"]:
            continue
        if who == ["<all>"]:
            members = list(authors)
        elif who == ["<prev>"]:
            members = prev
        else:
            members = [a for w in who for a in authors if _same_person(w, a.name)]
        for a in members:
            table.add(a, aff)
        prev = members


def _same_person(short: str, full: str) -> bool:
    s, f = short.split(), full.split()
    if not s or not f:
        return False
    initials = {s[0][0].lower(), (s[-2] if len(s) > 1 else s[0])[0].lower()}  # "S. T. Okafor", "... E. Chang"
    return s[-1].lower() == f[-1].lower() and f[0][0].lower() in initials


