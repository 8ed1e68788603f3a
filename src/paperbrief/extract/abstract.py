"""The abstract's text: never a caption, a contribution list, keywords or the introduction.

How it reads a page: find the "Abstract" heading (standalone, centred or left, letter-spaced,
or run-in as "Abstract—…"/"Abstract. …"); without one on page 1, look on page 2 (a cover
page), else take the first justified paragraph of wide body-sized lines (REVTeX, acmsmall
and journal letters print no heading word) and say so in a warning.
The abstract's column is the horizontal extent of its first lines; rows of that column are
taken top-down until a section heading, a keywords line, a caption, a change of font size
(footnotes), a change of width (the indented block ends) or a large vertical gap. When
the text stops mid-sentence at the bottom of a column, or ends a paragraph where the column
is full, it continues at the top of the next column, then of page 2 under its running head
(read only then, and appended to ``doc.pages``); after a paragraph end only into a column as
wide as its own. A table of contents (``contents.py``) is passed over, never taken.
"""
from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from functools import cached_property

from . import text as textmod
from .contents import CONTENTS, LEADERS, PAGE_NO, is_contents, toc_entry
from .layout import Document, Line, Page, read_page

# "Abstract", "ABSTRACT", "A B S T R A C T" and Elsevier's letter-spaced lower case "a b s t r a c t"
_WORD = r"(?:A\s?(?:B\s?S\s?T\s?R\s?A\s?C\s?T|bstract)|a\s+b\s+s\s+t\s+r\s+a\s+c\s+t)"
_HEADING = re.compile(rf"^\s*({_WORD})(?![A-Za-z])\s*([—–\-.:]*)\s*(.*)$", re.DOTALL)
_PREFIX = re.compile(rf"^\s*{_WORD}(?![A-Za-z])\s*[—–\-.:]*\s*", re.DOTALL)

_SECTION = re.compile(
    r"^(?:(?:\d+|[IVXL]+|[A-H])(?:\.\d+)*\.?\s*)?"
    r"(?:introduction|background|related\s+work|motivation|overview|preliminaries|"
    r"problem\s+(?:statement|formulation)|methods?|methodology|approach)\b\s*[.:]?\s*$",
    re.IGNORECASE,
)
_KEYWORDS = re.compile(
    r"^(?:key\s?-?words?|author\s+keywords|index\s+terms|ccs\s+concepts|additional\s+key\s+words|highlights|"
    r"acm\s+reference\s+format|general\s+terms|categories\s+and\s+subject\s+descriptors|"
    r"mathematics\s+subject\s+classification|msc\s*(?:20\d\d)?|jel\s+classification|pacs)\b",
    re.IGNORECASE,
)
_KEYWORDS_SEP = re.compile(r"^[^\s]+(?:\s+[^\s]+){0,4}?\s*[—–\-:.]")
_NUMBER_PREFIX = re.compile(r"^(?:\d+|[IVXL]+|[A-H])(?:\.\d+)*\.?\s")
_CAPTION = re.compile(r"^(?:fig(?:ure)?\.?|table|tab\.)\s*\d+\s*[.:|]", re.IGNORECASE)
_RIGHTS = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE)  # a publisher's line
_NUMBERED = re.compile(r"^(?:\d+|[IVXL]+)\.?\s+[A-Z][^.]{1,60}$")
_TERMINAL = re.compile(r"[.!?。](?:[\"'”’)\]]*)$")
_URL = re.compile(r"(?:https?://|www\.|github\.com|\.(?:com|org|io|net|edu)\b)\S*$", re.IGNORECASE)
_MARKS = set("*∗†‡§¶‖⋆⋄♠♣♥♦♮♯#,")

# Fewer words than this and the abstract was probably cut (or is not one): say so.
SHORT_WORDS = 40

# Layout constants, in one place. Sizes and gaps in points; "share" is a fraction of what it
# multiplies (the type size, a width, the page height).
_COLUMN_SLACK = 8.0  # points a column's edge may wander (indents, overfull lines) and stay the column
_SAME_SIZE = 0.9  # points: lines closer than this in size are set in the same type
_SPAN_SAME_SIZE = 0.6  # points: a span this close to the row's size is body text, not a mark
_LARGER = 0.5  # points: a heading set larger than the body by more than this stands out
_BODY_LIMIT = 1.0  # points above the body size a wide paragraph row may be set
_SMALL_SHARE = 0.85  # a span below this share of the row's size is small print (a mark, an index)
_BASELINE_SHARE = 0.35  # lines whose baselines differ by less than this share of the size share a row
_RAISED_SHARE = 0.12  # a baseline higher by this share of the size is raised (superscript)
_LOWERED_SHARE = 0.1  # a baseline lower by this share of the size is lowered (subscript)
_WORD_GAP_SHARE = 0.15  # a gap wider than this share of the size between spans is a space
_GAP_SIZES = 1.5  # a gap of this many type sizes between lines of a row is a column gutter
_COLUMN_REACH = 3.5  # line heights under a column's first line that still shape the column
_OVERLAP_SHARE = 0.5  # share of a line's width inside a column, or a row's inside the one above, to belong
_COLUMN_SPLIT = 0.45  # share of the page width: a line starting left of it is in the left column
_WIDE_ROW = 0.3  # share of the page width a paragraph row spans at least
_WIDE_ROWS = 0.6  # share of a run's rows that must be wide for it to be a paragraph
_SHORT_ROW = 0.6  # share of the column width under which a bold or numbered row is a heading
_PITCH_SHARE = 0.15  # line pitch may vary by this share and stay one paragraph's
_BLANK_LINE = 2.6  # line pitches: a larger step is more than a blank line (double spacing passes)
_HEAD_APART = 2.2  # line pitches under a page's first row that set it apart as a running head
_LEADING = 1.25  # line pitch in type sizes when a paragraph has one row
_RIGHT_EDGE = 3.0  # points: rows ending this close to the right edge are justified
_FULL_ROW = 2.0  # points: a row this close to both column edges runs full width
_DEFAULT_SIZE = 10.0  # points: the type size assumed when a row has none
_MIN_EXTENT = 1.0  # points: the least height or width a box is taken to have (no division by zero)
_UPPER_PAGE = 0.6  # share of the page height: an abstract starts above it, a column stops mid-page above it
_FOOT_ZONE = 0.75  # share of the page height below which a column's last row is at its foot
_BOTTOM_MARGIN = 0.9  # share of the page height below which only footers and page numbers print
_HEAD_ZONE = 0.12  # share of the page height at the top where running heads print
_PROSE_SHARE = 0.6  # share of an abstract's tokens that must be words for it to be prose
_PROSE_WORDS = 5  # words: fewer and it is not prose
_FLOAT_ZONE = 0.5  # share of the page height: a caption above it belongs to a float at the page's top
_FLOAT_SEP = 0.8  # type sizes: a wider gap under a caption (or a table) separates the float from text
_TEXT_ROW = 0.9  # share of the abstract's column width a row of running text fills
_EDGE_SLACK = 5  # points a line may start left of a column's edge or above its top and still be in it
_RUN_IN_GAP = 3  # type sizes: the widest gap after a run-in heading on its line
_COLUMN_TWO_ABOVE = 3  # line pitches above the abstract's top where the next column may begin
_STYLE_ROWS = 5  # a paragraph's style is read from its first rows
_MARK_CHARS = 3  # characters: a small detached piece no longer than this is a mark
_PAGE_NO_CHARS = 4  # characters: a line no longer than this under a column is a page number


@dataclass
class _Row:
    lines: list[Line]
    page: int

    @cached_property
    def x0(self) -> float:
        return min(l.x0 for l in self.lines)

    @cached_property
    def x1(self) -> float:
        return max(l.x1 for l in self.lines)

    @cached_property
    def y0(self) -> float:
        return min(l.y0 for l in self.lines)

    @cached_property
    def y1(self) -> float:
        return max(l.y1 for l in self.lines)

    @cached_property
    def size(self) -> float:
        weights: dict[float, int] = {}
        for l in self.lines:
            for s in l.spans:
                n = len(s.text.strip())
                if n:
                    weights[round(s.size, 1)] = weights.get(round(s.size, 1), 0) + n
        return max(weights, key=weights.__getitem__) if weights else 0.0

    @cached_property
    def bold(self) -> bool:
        spans = [s for l in self.lines for s in l.spans if s.text.strip()]
        bold = sum(len(s.text) for s in spans if s.bold)
        return bool(spans) and bold * 2 > sum(len(s.text) for s in spans)

    @cached_property
    def plain(self) -> str:
        return " ".join(l.text.strip() for l in self.lines)


@dataclass
class _Start:
    page: int
    first: Line  # first line of abstract text (the heading line itself when inline)
    heading: Line | None  # None when the abstract was guessed without a heading
    inline: bool


# --------------------------------------------------------------------------- geometry


def _horizontal(lines: list[Line]) -> list[Line]:
    return [l for l in lines if l.horizontal and l.text.strip()]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _baseline(line: Line) -> float:
    spans = [s for s in line.spans if s.text.strip()]
    return max(spans, key=lambda s: (len(s.text.strip()), s.size)).origin_y if spans else line.y1


def _group_rows(lines: list[Line], page: int) -> list[_Row]:
    """Lines sharing a baseline become one row, ordered left to right.

    Baselines, not boxes: a tall glyph (a math symbol) makes a line's box reach into the
    next line. A tiny detached mark joins the row whose box holds it.
    """
    groups: list[list[Line]] = []
    bases: list[float] = []
    sizes: list[float] = []
    marks: list[Line] = []
    measured = sorted(((_baseline(l), l.size, l) for l in lines), key=lambda t: t[0])
    biggest = max((size for _, size, _ in measured), default=0.0)
    for base, size, line in measured:
        if size < _SMALL_SHARE * biggest and len(line.text.strip()) <= _MARK_CHARS:
            marks.append(line)
            continue
        if groups and abs(base - bases[-1]) < _BASELINE_SHARE * max(size, sizes[-1], _MIN_EXTENT):
            groups[-1].append(line)
            continue
        groups.append([line])
        bases.append(base)
        sizes.append(size)
    boxes = [(min(l.y0 for l in g), max(l.y1 for l in g)) for g in groups]
    for mark in marks:
        mid = (mark.y0 + mark.y1) / 2
        home = next((g for g, (y0, y1) in zip(groups, boxes) if y0 - 1 <= mid <= y1 + 1), None)
        if home is not None:
            home.append(mark)
        else:
            groups.append([mark])
    rows = [_Row(sorted(g, key=lambda l: l.x0), page) for g in groups]
    rows.sort(key=lambda r: r.y0)
    return rows


def _column_of(first: Line, lines: list[Line]) -> tuple[float, float]:
    """Horizontal extent of the text block that starts with ``first``.

    Grown from the lines just below that overlap it (a justified first line may be split
    into single words, and the first line of a paragraph may be indented).
    """
    x0, x1 = first.x0, first.x1
    height = max(first.y1 - first.y0, _MIN_EXTENT)
    for line in sorted(lines, key=lambda l: l.y0):
        if line.y0 < first.y0 + height / 2 or line.y0 > first.y0 + _COLUMN_REACH * height:
            continue
        if _overlap(x0, x1, line.x0, line.x1) > 0:
            x0, x1 = min(x0, line.x0), max(x1, line.x1)
    return x0, x1


def _in_column(line: Line, x0: float, x1: float) -> bool:
    width = max(line.x1 - line.x0, _MIN_EXTENT)
    return _overlap(x0, x1, line.x0, line.x1) >= _OVERLAP_SHARE * width


# --------------------------------------------------------------------------- text of a row


def _row_text(row: _Row) -> str:
    """The row's text with footnote marks dropped and math exponents kept as ``^n``."""
    size = row.size or _DEFAULT_SIZE
    spans = [s for l in row.lines for s in l.spans]
    body = [s.origin_y for s in spans if s.text.strip() and abs(s.size - size) < _SPAN_SAME_SIZE]
    baseline = statistics.median(body) if body else spans[0].origin_y
    out = ""
    prev_x1 = None
    spans = [s for l in row.lines for s in l.spans]
    for i, s in enumerate(spans):
        t = s.text
        core = t.strip()
        gap = s.bbox[0] - prev_x1 if prev_x1 is not None else 0.0
        if gap > _WORD_GAP_SHARE * size and out and not out.endswith(" ") and not t.startswith(" "):
            out += " "
        prev_x1 = s.bbox[2]
        small = s.size < _SMALL_SHARE * size
        raised = s.origin_y < baseline - _RAISED_SHARE * size
        lowered = s.origin_y > baseline + _LOWERED_SHARE * size
        glued = i + 1 < len(spans) and spans[i + 1].text[:1].isalnum() and not t.endswith(" ")
        if core and raised and (small or s.superscript) and not glued:
            out = _attach_superscript(out, core)
        elif core and small and lowered and out[-1:].isalnum():
            token = re.split(r"[\s(\[]", out)[-1]
            out += ("_" + core) if len(token) == 1 else core
        else:
            out += t
    return out


def _attach_superscript(out: str, mark: str) -> str:
    if all(c in _MARKS or c.isspace() for c in mark):
        return out  # footnote symbol
    prev = out.rstrip()  # TeX may leave an italic-correction space before an exponent
    token = re.split(r"[\s(\[]", prev)[-1] if prev else ""
    if prev and (prev[-1].isdigit() or prev[-1] == ")" or len(token) == 1):
        if mark.isalpha() and prev[-1].isdigit():
            return prev + mark  # ordinal: 19th
        return prev + "^" + mark
    return out  # footnote number after a word or punctuation


# --------------------------------------------------------------------------- where it starts


def _heading_match(line: Line) -> re.Match | None:
    t = textmod.normalize(line.text)
    m = _HEADING.match(t)
    if not m:
        return None
    _word, sep, rest = m.groups()
    if not rest:
        return m
    if sep:
        return m
    # "Abstract In this paper…" set in two fonts: the heading word has its own span.
    first = next((s for s in line.spans if s.text.strip()), None)
    alone = _HEADING.match(first.text.strip()) if first is not None else None
    if first is not None and alone is not None and not alone.group(3):
        later = [s for s in line.spans if s.text.strip() and s is not first]
        if later and (later[0].font != first.font or later[0].bold != first.bold):
            return m
    return None


def _find_heading(page: Page) -> _Start | None:
    lines = sorted(_horizontal(page.lines), key=lambda l: (l.y0, l.x0))
    for line in lines:
        if line.text.lstrip()[:1] not in ("A", "a"):
            continue  # cheap test before normalising
        m = _heading_match(line)
        if not m or toc_entry(line, lines, is_contents(page)):
            continue
        if m.group(3):
            return _Start(page.number, line, line, True)
        below = [
            l for l in lines
            if l.y0 > (line.y0 + line.y1) / 2 and _overlap(line.x0 - 2, line.x1 + 2, l.x0, l.x1) > 0
        ]
        if not below:
            continue
        first = min(below, key=lambda l: l.y0)
        same = [
            l for l in lines
            if abs(l.y0 - line.y0) < 2 and l.x0 > line.x1 and l.x0 - line.x1 < _RUN_IN_GAP * line.size
            and _overlap(first.x0, first.x1, l.x0, l.x1) > 0
        ]
        if same:  # a run-in heading and its text on one baseline, split into two lines by the PDF
            return _Start(page.number, line, line, True)
        return _Start(page.number, first, line, False)
    return None


def _body_size(page: Page) -> float:
    weights: dict[float, int] = {}
    for l in page.lines:
        for s in l.spans:
            n = len(s.text.strip())
            if n:
                weights[round(s.size)] = weights.get(round(s.size), 0) + n
    return float(max(weights, key=weights.__getitem__)) if weights else _DEFAULT_SIZE


def _solid(row: _Row) -> bool:
    """No wide empty gap inside: one line of running text, not side-by-side author blocks."""
    return all(b.x0 - a.x1 < _GAP_SIZES * max(row.size, _MIN_EXTENT) for a, b in itertools.pairwise(row.lines))


def _row_base(row: _Row) -> float:
    return statistics.median(_baseline(l) for l in row.lines)


def _justified(run: list[_Row]) -> bool:
    """Most rows but the last end at the same right edge: running text, not a name list."""
    right = statistics.median(r.x1 for r in run[:-1]) if len(run) > 1 else run[0].x1
    full = sum(1 for r in run[:-1] if abs(right - r.x1) < _RIGHT_EDGE)  # an overfull URL line may stick out
    return full * 3 >= 2 * (len(run) - 1)


def _looks_like_heading(line: Line, body: float) -> bool:
    t = " ".join(line.text.split())
    if _KEYWORDS.match(t):
        return True
    if not _SECTION.match(t):
        return False
    return bool(_NUMBER_PREFIX.match(t)) or line.bold or line.size > body + _LARGER or t.isupper()


def _first_paragraph(page: Page, top: float = 0.0) -> _Start | None:
    """Without a heading: the topmost justified paragraph of three or more wide, body-sized
    lines that is not a caption and lies above its column's first section heading.

    ``top`` is the bottom of the header as the header finder read it: ACM journal author lines
    ('NAME, Institution, Country') are as wide and as closely set as the abstract under them.
    """
    lines = sorted((l for l in _horizontal(page.lines) if l.y0 >= top - _MIN_EXTENT), key=lambda l: (l.y0, l.x0))
    body = _body_size(page)
    headings = [l for l in lines if _looks_like_heading(l, body)]
    # reading order: the left column (and full-width text) top-down, then the right column;
    # rows, not lines, since justified text may come as one line per word
    left = [l for l in lines if l.x0 <= _COLUMN_SPLIT * page.width]
    right = [l for l in lines if l.x0 > _COLUMN_SPLIT * page.width]
    runs: list[list[_Row]] = []
    for row in _group_rows(left, page.number) + _group_rows(right, page.number):
        if runs:
            run = runs[-1]
            prev = run[-1]
            step = _row_base(row) - _row_base(prev)
            pitch_ok = 0 < step < _BLANK_LINE * max(prev.y1 - prev.y0, _MIN_EXTENT)  # double spacing too
            if len(run) > 1:  # a paragraph keeps its line pitch
                pitch_ok = pitch_ok and abs(step - (_row_base(prev) - _row_base(run[-2]))) < _PITCH_SHARE * step
            aligned = _overlap(prev.x0, prev.x1, row.x0, row.x1) > _OVERLAP_SHARE * (row.x1 - row.x0)
            same_face = abs(row.size - prev.size) < _SPAN_SAME_SIZE and _font(row) == _font(prev)
            if pitch_ok and aligned and same_face:
                run.append(row)
                continue
        runs.append([row])
    for run in runs:
        wide = [r for r in run if r.x1 - r.x0 >= _WIDE_ROW * page.width and r.size <= body + _BODY_LIMIT and _solid(r)
                and not LEADERS.search(r.plain)]
        if len(wide) < 3 or len(wide) < _WIDE_ROWS * len(run) or not _justified(run):
            continue
        first = run[0]
        if _CAPTION.match(textmod.normalize(first.plain)):
            continue
        if any(h.y0 < first.y0 and _overlap(h.x0, h.x1, first.x0, first.x1) > 0 for h in headings):
            continue
        return _Start(page.number, first.lines[0], None, False)
    return None


def _start(doc: Document) -> _Start | None:
    """Where the abstract starts, from the pages read so far (never reads more)."""
    if not doc.pages:
        return None
    found = _find_heading(doc.pages[0])
    for later in doc.pages[1:3]:
        if found is not None:
            break
        found = _heading_near_top(later)
    return found or _first_paragraph(doc.pages[0])


def _heading_near_top(page: Page) -> _Start | None:
    """An abstract heading in the upper part of a page after a cover page."""
    found = _find_heading(page)
    return found if found is not None and found.first.y0 <= _UPPER_PAGE * page.height else None


def locate(doc: Document) -> tuple[int, float] | None:
    """(page index, y) where the abstract begins — its heading if printed — or None."""
    start = _start(doc)
    if start is None:
        return None
    top = start.heading if start.heading is not None else start.first
    return start.page, top.y0


# --------------------------------------------------------------------------- walking a column


@dataclass
class _Style:
    size: float
    bold: bool
    pitch: float
    x0: float
    x1: float
    font: str = ""


def _font(row: _Row) -> str:
    """The font carrying most of the row's characters, without a subset prefix."""
    weights: dict[str, int] = {}
    for l in row.lines:
        for s in l.spans:
            if s.text.strip():
                name = s.font.split("+")[-1]
                weights[name] = weights.get(name, 0) + len(s.text.strip())
    return max(weights, key=weights.__getitem__) if weights else ""


def _hard_stop(row: _Row, style: _Style) -> bool:
    if len(row.lines) > 1 and _is_heading(row.lines[0].text, row, style):
        return True  # a heading at the left of a row that also holds text of another column
    return _is_heading(row.plain, row, style)


def _is_heading(raw: str, row: _Row, style: _Style) -> bool:
    t = " ".join(raw.split()).lstrip("*∗†‡§¶ ")  # PyMuPDF already expanded ligatures
    if _CAPTION.match(t) or _RIGHTS.match(t) or CONTENTS.match(t) or LEADERS.search(t):
        return True  # a table of contents after the abstract ends it too
    if _SECTION.match(t):
        # "methods." alone on an abstract's last line is not a heading: a heading is
        # numbered or set apart (bold, larger, capitals, another font).
        numbered = bool(_NUMBER_PREFIX.match(t))
        return numbered or row.bold != style.bold or row.size > style.size + _LARGER or t.isupper() or (
            _font(row) != style.font
        )
    if _KEYWORDS.match(t):
        first = next((s for l in row.lines for s in l.spans if s.text.strip()), None)
        styled = first is not None and (first.bold or first.italic) and not style.bold
        return bool(_KEYWORDS_SEP.match(t)) or styled or len(t.split()) <= 3
    short = row.x1 - row.x0 < _SHORT_ROW * (style.x1 - style.x0)
    if row.bold and not style.bold and (short or _NUMBERED.match(t)):
        return True
    return bool(_NUMBERED.match(t)) and (row.size > style.size + _SAME_SIZE or row.bold) and short


def _has_gutter(row: _Row, style: _Style) -> bool:
    """Text on both sides of a wide empty gap: the row straddles two columns."""
    for a, b in zip(row.lines, row.lines[1:]):
        if b.x0 - a.x1 > _GAP_SIZES * style.size and a.x1 < (style.x0 + style.x1) / 2 < b.x0 + _GAP_SIZES * style.size:
            return True
    return False


def _soft_stop(row: _Row, prev: _Row | None, style: _Style, nxt: _Row | None = None) -> bool:
    # a gutter runs down the page; a wide space after a full stop in one justified line does not
    if _has_gutter(row, style) and (nxt is None or _has_gutter(nxt, style) or abs(nxt.size - style.size) > _SAME_SIZE):
        return True
    if abs(row.size - style.size) > _SAME_SIZE and not _url_tail(row, prev):
        return True
    if style.bold and not row.bold:
        return True  # a bold abstract (journal letters, IEEE) ends where regular text begins
    if row.x0 < style.x0 - _COLUMN_SLACK:
        return True
    if row.x1 > style.x1 + _COLUMN_SLACK and row.x0 > style.x0 + _COLUMN_SLACK:
        return True  # wider and not left-aligned: another block (an overfull URL line is fine)
    return prev is not None and row.y0 - prev.y0 > _BLANK_LINE * style.pitch  # more than a blank line


def _url_tail(row: _Row, prev: _Row | None) -> bool:
    """A link in typewriter type ('available at' / 'https://...'): the sentence goes on in it."""
    words = row.plain.split()
    return prev is not None and len(words) <= 2 and bool(_URL.search(words[0] if words else "")) \
        and not _ends_sentence([prev])


def _walk(rows: list[_Row], style: _Style, taken: list[_Row]) -> bool:
    """Append rows to ``taken`` until a stop; True when the stop was a hard one."""
    prev = None
    for i, row in enumerate(rows):
        if _hard_stop(row, style):
            return True
        if _soft_stop(row, prev, style, rows[i + 1] if i + 1 < len(rows) else None):
            return False
        taken.append(row)
        prev = row
    return False


def _ends_sentence(rows: list[_Row]) -> bool:
    if not rows:
        return True
    last = textmod.normalize(_row_text(rows[-1])).rstrip("*∗†‡§¶0123456789 ")
    return bool(_TERMINAL.search(last) or _URL.search(last))


def _full_width(row: _Row, style: _Style) -> bool:
    """A justified line running to the column's right edge: the paragraph goes on."""
    return row.x1 >= style.x1 - _FULL_ROW and row.x0 <= style.x0 + _FULL_ROW


def _style_of(rows: list[_Row], x0: float, x1: float) -> _Style:
    # the abstract's first rows, not the small footnotes that may follow two lines in
    head = [r for r in rows[:_STYLE_ROWS] if abs(r.size - rows[0].size) <= _SAME_SIZE] if rows else []
    sizes = [r.size for r in head]
    pitches = [b.y0 - a.y0 for a, b in itertools.pairwise(head) if b.y0 > a.y0]
    pitch = statistics.median(pitches) if pitches else _LEADING * (sizes[0] if sizes else _DEFAULT_SIZE)
    bold = sum(r.bold for r in head) * 2 > len(head)
    fonts = [_font(r) for r in head]
    font = max(set(fonts), key=fonts.count) if fonts else ""
    return _Style(statistics.median(sizes) if sizes else _DEFAULT_SIZE, bold, pitch, x0, x1, font)


def _same_type(line: Line, style: _Style) -> bool:
    fonts = [s.font.split("+")[-1] for s in line.spans if s.text.strip()]
    return abs(line.size - style.size) <= _SAME_SIZE and (not style.font or style.font in fonts)


def _continuation(lines: list[Line], page: Page, style: _Style, top: float,
                  strict: bool = False) -> tuple[list[_Row], bool]:
    """Rows of the column starting at/after ``top`` if they look like more of the abstract.

    Returns the rows taken and whether the abstract is finished (a stop was met, or the
    column does not continue it). ``strict``: the abstract ended a paragraph, so only a column
    as wide as its own goes on with it (body text after an indented abstract is wider).
    """
    cands = [l for l in lines if l.y0 >= top - _EDGE_SLACK]
    if not cands:
        return [], False
    first = min(cands, key=lambda l: (round(l.y0), l.x0))
    x0, x1 = _column_of(first, cands)
    if top == 0.0:  # a running head (other size, or set apart by a gap) at the top of a new page is not text
        cands = _below_top_float(_below_running_head(cands, page, style), page, style)
        if not cands:
            return [], True
        first = min(cands, key=lambda l: (round(l.y0), l.x0))
        x0, x1 = _column_of(first, cands)
    rows = _group_rows([l for l in cands if _in_column(l, x0, x1)], page.number)
    if not rows:
        return [], True
    head = rows[0]
    if abs(head.size - style.size) > _SAME_SIZE or head.bold != style.bold or _hard_stop(head, style):
        return [], True
    if strict and abs((x1 - x0) - (style.x1 - style.x0)) > _COLUMN_SLACK:
        return [], True
    style.x0, style.x1 = x0, x1
    taken: list[_Row] = []
    hard = _walk(rows, style, taken)
    return taken, hard


def _at_foot(lines: list[Line], last: _Row, page: Page, style: _Style) -> bool:
    """The abstract filled its column: below its last row come only footnotes, a page number
    or the page's bottom margin. A paragraph ending there may go on in the next column."""
    if last.y1 < _FOOT_ZONE * page.height:
        return False
    below = [l for l in lines if l.y0 > last.y1 - 1 and _overlap(last.x0, last.x1, l.x0, l.x1) > 0]
    return all(l.y0 > _BOTTOM_MARGIN * page.height or l.size < style.size - _SAME_SIZE or len(l.text.strip()) <= _PAGE_NO_CHARS for l in below)


def _below_running_head(lines: list[Line], page: Page, style: _Style) -> list[Line]:
    """The lines under a page's running head: rows in its top eighth in another size, or set
    apart by more than a blank line and carrying a page number or a few words that end no
    sentence ('Preprint    2' in the text's own size)."""
    rows = _group_rows(lines, page.number)
    while rows and rows[0].y0 < _HEAD_ZONE * page.height:
        head = rows[0]
        apart = len(rows) > 1 and rows[1].y0 - head.y0 > _HEAD_APART * style.pitch
        headish = any(PAGE_NO.match(l.text) for l in head.lines) or (
            len(head.plain.split()) <= 6 and not _TERMINAL.search(head.plain.strip()))
        if abs(head.size - style.size) <= _SAME_SIZE and not (apart and headish):
            break
        if _hard_stop(head, style) and not any(PAGE_NO.match(l.text) for l in head.lines):
            break  # a section heading opening the page ("1 Introduction"): the abstract is over
        rows.pop(0)
    kept = {id(l) for r in rows for l in r.lines}
    return [l for l in lines if id(l) in kept]


def _below_top_float(lines: list[Line], page: Page, style: _Style) -> list[Line]:
    """The lines under a figure or table placed at the top of a new page: a caption in the upper
    half, everything above it, and what runs on under it up to the float's separating gap."""
    rows = _group_rows(lines, page.number)
    cap = next((i for i, r in enumerate(rows) if r.y0 < _FLOAT_ZONE * page.height
                and _CAPTION.match(" ".join(r.plain.split()))), None)
    width = style.x1 - style.x0
    if cap is None or any(abs(r.size - style.size) <= _SAME_SIZE and r.x1 - r.x0 >= _TEXT_ROW * width
                          for r in rows[:cap]):
        return lines  # text above the caption: the abstract goes on there, the figure comes later
    k = cap + 1
    while k < len(rows) and rows[k].y0 - rows[k - 1].y1 < _FLOAT_SEP * style.size:
        k += 1  # the caption's (or the table's) further lines
    kept = {id(l) for r in rows[k:] for l in r.lines}
    return [l for l in lines if id(l) in kept]


def _page(doc: Document, pdf, index: int) -> Page | None:
    for p in doc.pages:
        if p.number == index:
            return p
    if pdf is None or index >= getattr(pdf, "page_count", 0):
        return None
    page = read_page(pdf[index], index)
    doc.pages.append(page)
    return page


def _collect(doc: Document, pdf, start: _Start) -> list[_Row]:
    page = next(p for p in doc.pages if p.number == start.page)
    lines = _horizontal(page.lines)
    x0, x1 = _column_of(start.first, [l for l in lines if l is not start.heading or start.inline])
    body = [l for l in lines if l.y0 >= start.first.y0 - 1 and _in_column(l, x0, x1)]
    if not start.inline and start.heading is not None:
        body = [l for l in body if l is not start.heading]
    rows = _group_rows(body, page.number)
    if not rows:
        return []
    style = _style_of(rows, x0, x1)
    taken = [rows[0]]
    if _walk(rows[1:], style, taken):
        return taken
    foot = _at_foot(body, taken[-1], page, style)
    ended = _ends_sentence(taken) and not _full_width(taken[-1], style)
    if ended and not foot:
        return taken
    if not foot and taken[-1].y1 < _UPPER_PAGE * page.height:
        return taken  # stopped mid-page: not the foot of a column
    # Mid-sentence at the foot of a column, or a paragraph ending where the column is full:
    # next column on this page, then page 2.
    top = (start.heading or start.first).y0 - _COLUMN_TWO_ABOVE * style.pitch  # where column two begins, about
    level = (start.heading or start.first).y0 - 1
    # above the abstract's own top only text in its type may start column two: the tail of an
    # author cell ('Beijing, China') reaching down beside the heading is not the abstract
    right = [l for l in lines if l.x0 >= style.x1 - _EDGE_SLACK and l.y0 >= top - _EDGE_SLACK
             and (l.y0 >= level or _same_type(l, style) or _looks_like_heading(l, style.size))]
    first_column = (style.x0, style.x1)
    if right:
        more, done = _continuation(right, page, style, top, strict=ended)
        taken.extend(more)
        if more:
            ended = _ends_sentence(taken) and not _full_width(taken[-1], style)
        if done or (ended and not (more and _at_foot(right, taken[-1], page, style))):
            return taken
    nxt = _page(doc, pdf, page.number + 1)
    if nxt is not None:
        x0, x1 = first_column  # page 2 goes on in the first column, whichever column page 1 ended in
        left = [l for l in _horizontal(nxt.lines) if l.x0 < x1 - _EDGE_SLACK and l.x1 <= x1 + (x1 - x0)]
        more, _ = _continuation(left, nxt, style, 0.0, strict=ended)
        taken.extend(more)
    return taken


def _prose(text: str) -> bool:
    """Sentences, not page numbers, running heads ('1 1 1 1') or a table of contents."""
    words = text.split()
    wordy = [w for w in words if sum(c.isalpha() for c in w) >= 2]
    return len(wordy) >= _PROSE_WORDS and len(wordy) >= _PROSE_SHARE * len(words) and not LEADERS.search(text) \
        and not re.match(r"\s*(?:table\s+of\s+)?contents\b", text, re.IGNORECASE)


def find_abstract(doc: Document, pdf=None, header=None) -> tuple[str, list[str]]:
    """The abstract as one paragraph, and warnings when it had to be guessed."""
    if not doc.pages:
        return "", ["abstract: no page to read"]
    warnings: list[str] = []
    start = _find_heading(doc.pages[0])
    if start is None:
        # A title page puts the abstract on page 2 (page 3 after a blank one);
        # headingless layouts keep it on page 1.
        # A table of contents may come first (reports): it does not count as the paper's text.
        first = doc.pages[0].number  # 1 when page 1 was blank and the header came from page 2
        for index in range(first + 1, first + 4):
            later = _page(doc, pdf, index)
            if later is None:
                break
            start = _heading_near_top(later)
            if start is not None:
                warnings.append(f"abstract: found on page {index + 1}")
            if start is not None or (sum(len(l.text.strip()) for l in later.lines) > 200 and not is_contents(later)):
                break
    if start is None:
        top = getattr(header, "end_y", 0.0) or 0.0
        start = _first_paragraph(doc.pages[0], top) or (_first_paragraph(doc.pages[0]) if top else None)
        if start is None:
            return "", ["abstract: no heading and no paragraph found"]
        warnings.append("abstract: no heading found, used first paragraph")
    rows = _collect(doc, pdf, start)
    lines = [_row_text(r) for r in rows]
    if lines and start.inline:
        lines[0] = _PREFIX.sub("", textmod.normalize(lines[0]), count=1)
    broken = any(l.rstrip().endswith(textmod.HYPHENS) for l in lines[:-1])
    vocab = textmod.vocabulary(p.text for p in doc.pages) if broken else None
    abstract = textmod.normalize(textmod.join_lines(lines, vocab)).lstrip("—–-.:; ")
    if abstract and not _prose(abstract):
        warnings.append(f"abstract: none found (the text found is not prose: {abstract[:40]!r})")
        abstract = ""
    elif not abstract:
        warnings.append("abstract: heading found but no text under it")
    elif len(abstract.split()) < SHORT_WORDS:
        warnings.append(f"abstract: low confidence (only {len(abstract.split())} words; may be cut short)")
    return abstract, warnings
