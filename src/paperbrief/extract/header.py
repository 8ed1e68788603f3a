"""Title, authors and affiliations from the first page's layout.

Entry: ``find_header(doc, pdf) -> Header``. The title comes from font size; the lines between
the title and the abstract are classified (author line, marked affiliation, plain
affiliation, email, note); authors get affiliations by mark, by the table cell they head,
or from a shared block; affiliations printed only in a first-page footnote are read last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pymupdf

from . import abstract as abstract_finder
from . import affiliations as affs
from .assign import (
    Table,
    assign_cells,
    from_footnotes,
    from_sentences,
    norm,
    split_digits,
)
from .authors import Author, name_ratio, split_authors
from .layout import Document, Line, Page, body_size, read_page, reading_order, rows, split_at_gaps
from .marks import items, plain_text
from .names import clean_name, compose_accents, has_institution_word, is_name, name_case
from .title import ARXIV_STAMP, Title, find_title, looks_heading

_ABSTRACT = re.compile(r"^\s*(?:abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t)\b", re.IGNORECASE)
# A section number as printed: "1", "1.", "2.3", "I.", "I", "A.", "§1", "Chapter 1".
_SECNUM = r"(?:§\s*|chapter\s+)?(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[A-H]\.)?\s*"
_INTRO = re.compile(rf"^\s*{_SECNUM}introduction(?:\s+and\s+[a-z]+(?:\s+[a-z]+)?)?\s*[.:]?\s*$", re.IGNORECASE)
_STOP = re.compile(r"^\s*(?:keywords?|index terms|ccs concepts|acm reference format|figure\s+\d|fig\.\s*\d)\b", re.IGNORECASE)
_DATE = re.compile(r"^\s*\(?\s*(?:dated:?\s*)?(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|"
                   r"aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?\d{4}\s*\)?\s*$",
                   re.IGNORECASE)  # an article's \date line, revtex "(Dated: ...)"
_HEADING = re.compile(rf"^\s*{_SECNUM}(?:introduction|related work|background|preliminaries|methods?|"
                      r"experiments?|conclusions?|overview|motivation|contents)"
                      r"(?:\s+and\s+[a-z]+(?:\s+[a-z]+)?)?\s*[.:]?\s*$",
                      re.IGNORECASE)  # a section heading in the other column, level with the abstract
# The tail of an IEEE name line that wrapped: "Fellow," / "IEEE" is a membership grade, not an institution.
_GRADE = re.compile(r"(?:(?:senior|student|life|graduate student)?\s*(?:member|fellow),?\s*)?IEEE[,.]?", re.IGNORECASE)
# A nickname between given name and surname: "Jiayi (Jason) Liu"; "(NVIDIA)" after it is an institution.
_NICKNAME = re.compile(r"(?<=\w)\s*\(\s*[A-Z][A-Za-z'’\-]*\s*\)(?=\s+\w)")
_NUMBERED = re.compile(r"^\s*(\d{1,2}|[a-z])[\s.)]+(?=[A-Z])")  # "1 University of X" in body-size type
_NOTE = re.compile(r"^\s*(?:equal contribution|corresponding|correspondence|preprint|under review|"
                   r"work done|project page|code|published|accepted|editor|proceedings|copyright|"
                   r"contributing authors?|e-?mails?\b|these authors|authors?'? addresses|"
                   r"anonymous|paper under|submitted|received|keywords?|technical report|tech\.? report|"
                   r"report no|working paper|white paper)\b", re.IGNORECASE)

# Layout constants, in one place. Sizes and gaps in points; "share" is a fraction of what it
# multiplies (the page height, the type size).
_TOP_MARGIN = 0.08  # share of the page height above which only running heads and stamps print
_BOTTOM_MARGIN = 0.92  # share of the page height below which only footers and page numbers print
_SIDE_MARGIN = 45  # points from a side edge inside which a line is in the margin (arXiv stamps)
_LOW_HEADER = 0.7  # share of the page height: a header reaching below it may run on to page 2
_LINE_SLACK = 2  # points a line's top may sit above a boundary and still be under it
_SHIFT_SHARE = 0.5  # type sizes between page 1's last header line and page 2's first one, moved up
_PROSE_SHARE = 0.4  # share of lower-case words that makes a line prose, not a header line
_BLOCK_GAP = 30.0  # points: the least gap that ends the header block (a teaser figure, the abstract)
_BLOCK_GAP_SIZES = 3  # body sizes: a gap larger than this ends the header block too
_SMALLER_NAMES = 1.5  # points smaller than the author names: figure labels in a teaser
_GROUP_FLOOR = 0.6  # points below the body size a collective author may be set
_RUN_ABOVE = 0.5  # type sizes a wrapped cover line may overlap the line above
_CELL_ABOVE = 0.4  # type sizes a line may overlap the one above in the same table cell
_CELL_GAP = 0.8  # type sizes: the largest gap between two lines of one table cell
_ROW_SHARE = 0.5  # type sizes between two lines' middles on one row
_DEFAULT_SIZE = 10  # points: the type size assumed when a line has none


@dataclass
class Header:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    author_affiliations: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    end_y: float = 0.0  # bottom of the header block on page 1, for the abstract finder


def find_header(doc: Document, pdf: pymupdf.Document | None = None) -> Header:
    """Title, authors, affiliations and the arXiv ID from page 1; an empty title means none usable.

    ``pdf`` is accepted for symmetry with the abstract finder; page 1 alone carries the header.
    Doubts go to ``Header.warnings`` rather than into the fields.
    """
    page = doc.pages[0]
    head = Header()
    head.arxiv_id = arxiv_id(page)
    title = find_title(page, page.text)
    head.title = title.text
    if not title.text:
        return head
    head.end_y = title.bottom
    region = _region(page, title, _stop_y(doc, page, title.bottom))
    parsed = _classify(region, body_size(page))
    if not parsed.authors:  # the abstract finder's start may be too high: retry with our own bound
        region = _region(page, title, _own_stop_y(page, title.bottom))
        parsed = _classify(region, body_size(page))
    notes: list[str] = []
    more = _overflow(page, parsed, pdf)
    if more:  # a long author list runs on to page 2: read it as if printed under page 1's
        parsed = _classify(region + more, body_size(page))
        notes.append(f"authors: the author list continues on page {page.number + 2}")
    authors = parsed.authors
    if not authors:
        region = _region(page, title, _own_stop_y(page, title.bottom))
        group = collective_author(reading_order(region), body_size(page))
        if group is not None:
            authors = [Author(group[0], [], group[1].bbox)]
            parsed.used.append(group[1])
            notes.append(f"authors: a collective author only ({group[0]}), no personal names")
    head.end_y = max([title.bottom] + [l.y1 for l in parsed.used if l.page == page.number])
    table = Table()
    for a, aff in parsed.inline:
        for one in affs.split_double(affs.clean(aff)):
            table.add(a, one)
    for a in authors:
        for aff in a.affiliations:
            table.add(a, affs.clean(aff))
    if parsed.keyed:
        for key, text in parsed.keyed:
            table.define(key, text)
    table.resolve(authors)
    if parsed.plain:
        assign_cells(authors, parsed.plain, table)
    from_footnotes(page, authors, table)
    table.resolve(authors)
    if not table.names and authors:
        from_sentences(page, authors, table)
    if len(table.names) == 1:
        for a in authors:  # one institution printed: everyone belongs to it, unless a mark says otherwise
            if not table.keys or not any(k.isalnum() for k in a.marks):
                table.add(a, table.names[0])
    head.authors = [a.name for a in authors]
    head.affiliations, head.author_affiliations = table.result(authors)
    head.warnings = notes + _warnings(doc, head, authors, table)
    return head


def with_cover(paper: Header, cover: Header) -> Header:
    """The paper's own header, with the institutions its cover sheet names.

    A cover may cut the author list short; the paper's page has them all. The cover's
    institutions are the publisher's short forms ("Zhejiang University" for three labs in it);
    they are taken when the cover names most of the paper's authors."""
    if not cover.affiliations or not paper.authors or any(";" in a for a in cover.affiliations):
        return paper
    by_key = {_name_key(n): list(a) for n, a in zip(cover.authors, cover.author_affiliations)}
    mapped = [by_key.get(_name_key(n)) for n in paper.authors]
    if sum(m is not None for m in mapped) * 2 < len(paper.authors):
        return paper
    paper.affiliations = list(cover.affiliations)
    paper.author_affiliations = [m or [] for m in mapped]
    paper.warnings = [w for w in paper.warnings if not w.startswith("affiliations:")]
    if any(not m for m in paper.author_affiliations):
        paper.warnings.append("affiliations: low confidence (some authors have none)")
    return paper


def _name_key(name: str) -> tuple[str, str]:
    parts = norm(name).split()
    return (parts[-1], parts[0][:1]) if parts else ("", "")


def _overflow(page: Page, parsed: _Parsed, pdf: pymupdf.Document | None) -> list[Line]:
    """The head of page 2 when page 1's header runs into its bottom margin (no abstract or
    heading after it): lines above page 2's first heading, moved to just under page 1's last
    header line. Empty when page 2 starts with anything but header lines."""
    if pdf is None or not parsed.authors or pdf.page_count <= page.number + 1:
        return []
    low = max(l.y1 for l in parsed.used)
    rest = [l for l in page.lines if l.horizontal and l.y0 > low and l.y1 < page.height * _BOTTOM_MARGIN]
    if low < _LOW_HEADER * page.height or any(_kind(l) == "other" or _is_prose(l.text) for l in rest):
        return []  # page 1 goes on with something else: its header ended there
    nxt = read_page(pdf[page.number + 1], page.number + 1)
    stop = _own_stop_y(nxt, nxt.height * _TOP_MARGIN)
    lines = reading_order([part for l in nxt.lines if l.horizontal and nxt.height * _TOP_MARGIN < l.y0 < stop - _LINE_SLACK
                           for part in split_at_gaps(l)])
    kinds = [_kind(l) for l in lines[:6]]  # the page may open with the last author's affiliation
    if not lines or "authors" not in kinds and "inline" not in kinds or _is_prose(lines[0].text):
        return []
    dy = low + _SHIFT_SHARE * lines[0].size - lines[0].y0
    return [_moved(l, dy) for l in lines]


def _moved(line: Line, dy: float) -> Line:
    spans = [replace(s, bbox=(s.bbox[0], s.bbox[1] + dy, s.bbox[2], s.bbox[3] + dy), origin_y=s.origin_y + dy)
             for s in line.spans]
    x0, y0, x1, y1 = line.bbox
    return Line(spans, (x0, y0 + dy, x1, y1 + dy), line.page, line.block, line.dir)


def arxiv_id(page: Page) -> str | None:
    """The identifier from the arXiv stamp in a margin (usually vertical text), without its version.

    Only margins count: an arXiv ID cited in the abstract or a footnote is not this paper's.
    """
    for l in page.lines:
        m = ARXIV_STAMP.search(l.text)
        margin = l.x0 < _SIDE_MARGIN or l.x1 > page.width - _SIDE_MARGIN or l.y1 < page.height * _TOP_MARGIN \
            or l.y0 > page.height * _BOTTOM_MARGIN
        if m and (not l.horizontal or margin):
            return m.group(1)
    return None


def _region(page: Page, title: Title, stop: float) -> list[Line]:
    """Horizontal lines between the title and ``stop``, side-by-side cells cut apart."""
    return [part for l in page.lines
            if l.horizontal and title.bottom - _LINE_SLACK <= l.y0 < stop - _LINE_SLACK and not any(l is t for t in title.lines)
            for part in split_at_gaps(l)]


def _stop_y(doc: Document, page: Page, top: float) -> float:
    """Where the header ends: the abstract (as the abstract finder sees it) or the first heading."""
    where = abstract_finder.locate(doc)
    if where and where[0] == page.number and where[1] > top:
        at = [l for l in page.lines if l.horizontal and abs(l.y0 - where[1]) < 1]
        if not any(_kind(l) == "authors" and name_ratio(l)[0] >= 3 for l in at):
            return where[1]  # not a paragraph of names (a headingless abstract guessed too early)
    return _own_stop_y(page, top)


def _own_stop_y(page: Page, top: float) -> float:
    for l in sorted(page.lines, key=lambda l: l.y0):
        if l.y0 <= top or not l.horizontal:
            continue
        t = l.text.strip()
        if _ABSTRACT.match(t) or _INTRO.match(t) or _STOP.match(t):
            return l.y0
    return page.height * _BOTTOM_MARGIN  # no abstract on page 1 (a title page): the whole page


def _is_prose(text: str) -> bool:
    ws = text.split()
    if len(ws) < 9:
        return False
    small = {"of", "and", "the", "for", "at", "de", "in", "&", "und", "di", "du", "la"}
    lower = sum(1 for w in ws if w[:1].islower() and w not in small)
    return lower / len(ws) > _PROSE_SHARE


def _email_only(text: str) -> bool:
    rest = affs._EMAIL.sub(" ", re.sub(r"[\[(][^\[\]()]*[\])]\s*@\s*\S+", " ", text))  # "[a, b]@x.edu" too
    rest = re.sub(r"[{}\[\](),;:<>\s]|\band\b|e-?mails?|emails?", "", rest, flags=re.IGNORECASE)
    return "@" in text and len(rest) < 4


@dataclass
class _Parsed:
    authors: list[Author] = field(default_factory=list)
    keyed: list[tuple[str, str]] = field(default_factory=list)
    plain: list[Line] = field(default_factory=list)
    inline: list[tuple[Author, str]] = field(default_factory=list)
    used: list[Line] = field(default_factory=list)


def _style(line: Line) -> tuple[float, bool]:
    return (round(line.size), line.bold)


@dataclass
class _Walk:
    """What the walk over the header lines knows so far."""

    lines: list[Line]
    main: tuple[float, bool] | None  # style of the first author line
    bottom: float  # lowest line of the header block so far
    out: _Parsed = field(default_factory=_Parsed)
    author_lines: list[Line] = field(default_factory=list)
    aff_lines: list[Line] = field(default_factory=list)
    last: Line | None = None
    last_kind: str = ""

    def take(self, line: Line, kind: str) -> None:
        self.out.used.append(line)
        self.last, self.last_kind = line, kind
        self.bottom = max(self.bottom, line.y1)
        if kind in ("aff", "keyed"):
            self.aff_lines.append(line)


def _classify(region: list[Line], body: float) -> _Parsed:
    """Walk the header lines in reading order: each is judged alone (``_kind``), then corrected
    by its neighbours (``_RULES``: teaser figures, table cells, wrapped names, inline tails, bare
    institutions), then collected (``_collect``)."""
    lines = reading_order(region)
    kinds = [_kind(l) for l in lines]
    groups = _group_runs(lines, kinds)
    # The style (size, weight) of the first author line; a "name" in another style right under
    # a cell's first line is a wrapped institution ("Case Western Reserve" / "University").
    first = next((l for l, k in zip(lines, kinds) if k == "authors"), None)
    walk = _Walk(lines, _style(first) if first is not None else None, lines[0].y1 if lines else 0.0)
    for n, (l, kind) in enumerate(zip(lines, kinds)):
        if _block_over(walk, l, body):
            break
        above = next((a for a in reversed(walk.aff_lines) if _under(l, [a])), None)  # same cell, line above
        for rule in _RULES:
            kind = rule(walk, n, l, kind, above)
        if kind == "inline-tail":
            _extend_inline(walk.out.inline, plain_text(l))  # "NAME, Dept ..., Lubbock," / "TX 79409, USA"
            walk.out.used.append(l)
            walk.last, walk.bottom = l, max(walk.bottom, l.y1)
            continue
        if kind == "skip":
            walk.bottom = max(walk.bottom, l.y1)  # an e-mail line still belongs to the block
        if kind == "skip" or kind == "other":
            continue
        if kind == "authors" and walk.out.keyed and any(a.marks for a in split_authors(walk.author_lines)) \
                and not any(i.mark for i in items(l)):
            break  # names after a marked affiliation list: figure labels, not authors
        walk.take(l, _collect(walk, l, kind, groups))
    out = walk.out
    ordered = _author_order(walk.author_lines, out.plain)
    out.authors = split_authors(ordered, {id(l): i for i, l in enumerate(ordered)})
    out.authors += [a for a, _ in out.inline]
    return out


def _block_over(walk: _Walk, line: Line, body: float) -> bool:
    """A wide gap (a teaser figure, the abstract) or a line of prose after the names ends the header."""
    if not (walk.author_lines or walk.out.inline):
        return False
    return line.y0 - walk.bottom > max(_BLOCK_GAP, _BLOCK_GAP_SIZES * body) or _is_prose(line.text.strip())


def _teaser_rule(walk: _Walk, n: int, line: Line, kind: str, above: Line | None) -> str:
    if kind == "authors" and walk.main is not None and line.size < walk.main[0] - _SMALLER_NAMES:
        return "other"  # figure labels in a teaser are smaller than the author names
    return kind


def _cell_rule(walk: _Walk, n: int, line: Line, kind: str, above: Line | None) -> str:
    """Lines wrapped inside a table cell or an affiliation are affiliation, not names."""
    full = line.text.strip()
    if kind == "inline" and above is not None:
        return "aff"  # "... Centre for" / "Medical Devices, University of Galway": a wrapped definition
    if kind == "authors" and above is not None \
            and (full[:1].islower() or re.search(r"(?:,|\bof|\bfor|\band|&)\s*$", above.text)
                 or affs.ends_address(full)):
        return "aff"  # "CÚRAM SFI Research Centre for" / "Medical Devices": a wrap, not a name
    if kind == "authors" and walk.main is not None and _style(line) != walk.main and _under(line, walk.lines[:n]):
        return "aff"  # a wrapped institution inside a table cell, not a name
    return kind


def _name_wrap_rule(walk: _Walk, n: int, line: Line, kind: str, above: Line | None) -> str:
    """A name broken over two rows belongs to the author lines."""
    full = line.text.strip()
    names = walk.author_lines
    if kind == "other" and names and _same_row(line, names[-1]) and _style(line) == walk.main \
            and len(full.split()) == 1 and full[:1].isupper():
        return "authors"  # first half of a name that wraps to the next row ("Jianyong" / "Wang^1")
    if kind in ("other", "aff") and names and walk.last_kind == "authors" and _open_end(names[-1]) \
            and line.y0 - names[-1].y1 < line.size and (_wrapped_name(line) or _hyphenated(names[-1], line)):
        return "authors"  # "... Chau" / "Yuen^k": the last name wraps; "..., Fu-" / "miko Rasmussen^2, ..."
    return kind


def _inline_tail_rule(walk: _Walk, n: int, line: Line, kind: str, above: Line | None) -> str:
    if kind in ("other", "aff") and walk.last_kind == "inline" and walk.last is not None \
            and _under(line, [walk.last]):
        return "inline-tail"  # the wrapped end of a 'NAME, Institution' line
    return kind


def _institution_rule(walk: _Walk, n: int, line: Line, kind: str, above: Line | None) -> str:
    """Text the line judged alone could not place, read as an institution by where it sits."""
    full = line.text.strip()
    if kind == "other" and above is not None:
        return "aff"  # the tail of a wrapped affiliation ("1401", "Switzerland", "and Economics")
    if kind == "other" and (walk.author_lines or walk.out.inline) and len(full.split()) <= 12 \
            and (full[:1].isupper() or affs.brand(full.strip("()"))):
        return "aff"  # a bare institution name ("Meituan", "iFLYTEK") under the authors
    return kind


# The corrections by neighbours, in the order they apply; each takes and returns a line's kind.
_RULES = (_teaser_rule, _cell_rule, _name_wrap_rule, _inline_tail_rule, _institution_rule)


def _collect(walk: _Walk, line: Line, kind: str, groups: dict[int, str]) -> str:
    """File one judged line into the parse; returns the kind it was filed as."""
    out = walk.out
    its = items(line)
    text = plain_text(line)
    if kind == "authors":
        walk.author_lines.append(line)
    elif kind == "inline":
        text = groups.get(id(line), text)
        last = walk.last
        if walk.author_lines and last is walk.author_lines[-1] and re.search(r"(?:,|\band)\s*$", plain_text(last)) \
                and _inline_groups(plain_text(last) + " " + text):
            text = plain_text(walk.author_lines.pop()) + " " + text  # "A, B, and" / "C, Inst; D, Inst2"
        for names, aff in _inline_groups(text) or []:
            out.inline += [(Author(a, [], line.bbox), aff) for a in names]
    elif kind == "keyed":
        for key, t in affs.keyed_segments([line]):
            if key is not None and affs.clean(t):
                out.keyed.append((key, affs.clean(t)))
            elif key is None and out.keyed and affs.clean(t):
                _extend_last(out.keyed, affs.clean(t))
    elif kind == "numbered":
        m = _NUMBERED.match(text)
        out.keyed.append((m.group(1), affs.clean(text[m.end():])))  # type: ignore[union-attr]
        return "keyed"
    elif kind == "suffix":
        out.keyed.append((its[-1].keys[-1], affs.clean(text)))
    elif kind == "aff":
        if walk.last_kind == "keyed" and out.keyed and walk.last is not None \
                and (_continues(out.keyed[-1][1], text) or _under(line, [walk.last])):
            for key, t in affs.keyed_segments([line]):  # "..., Germany ^3Campus Institute ..."
                if key is None:
                    _extend_last(out.keyed, affs.clean(t))
                elif affs.clean(t):
                    out.keyed.append((key, affs.clean(t)))
            return "keyed"
        out.plain.append(line)
    return kind


def collective_author(lines: list[Line], body: float) -> tuple[str, Line] | None:
    """A group signing as one author ("DeepSeek-AI", "MiniCPM Team", "Gemini Team, Google"): the
    first line under the title, short, in at least the body's type, when no person is named.

    Notes, e-mails, links and dates are passed over; the text before a comma is the name."""
    # not smaller than the text under it; on a title page the "body" size is the title's own
    floor = min(body, max((l.size for l in lines), default=body)) - _GROUP_FLOOR
    for l in lines:
        text = plain_text(l).strip()
        if _kind(l) == "skip" or not text:
            continue
        name = compose_accents(text.split(",")[0]).strip(" *∗†‡")
        ws = name.split()
        if l.size < floor or not 1 <= len(ws) <= 4 or len(name) > 40 or not name[:1].isupper() \
                or text.count(",") > 1 or "(" in text or _HEADING.match(name) or _ABSTRACT.match(name) \
                or name.upper() == name and len(ws) > 2:
            return None  # a list of names ("A (B) C, D, E") that did not read as names is no group
        return name, l
    return None


def _group_runs(lines: list[Line], kinds: list[str]) -> dict[int, str]:
    """A cover's 'A, Inst1; B and C, Inst2; ...' wrapped over several lines, mid-name or
    mid-institution: the lines of one run read as one text, keyed by the run's first line
    (which becomes "inline"); the other lines of the run become "skip"."""
    out: dict[int, str] = {}
    n = 0
    while n < len(lines):
        first, text = lines[n], plain_text(lines[n])
        if ";" not in text or not _inline_groups(text.rsplit(";", 1)[0]):
            n += 1
            continue
        best = n if _inline_groups(text) else -1
        for m in range(n + 1, len(lines)):
            l = lines[m]
            if _style(l) != _style(first) or not -_RUN_ABOVE * l.size < l.y0 - lines[m - 1].y1 < l.size:
                break
            text = _join_wrapped(text, plain_text(l))
            if ";" in text and not _inline_groups(text.rsplit(";", 1)[0]):
                break
            if _inline_groups(text):
                best = m
        if best > n:
            out[id(first)] = _joined(lines[n:best + 1])
            kinds[n] = "inline"
            for m in range(n + 1, best + 1):
                kinds[m] = "skip"
        n = max(best, n) + 1
    return out


def _joined(lines: list[Line]) -> str:
    text = ""
    for l in lines:
        text = _join_wrapped(text, plain_text(l)) if text else plain_text(l)
    return text


def _join_wrapped(text: str, more: str) -> str:
    return text[:-1] + more if text.endswith("-") and more[:1].islower() else f"{text} {more}"


def _under(line: Line, before: list[Line]) -> bool:
    """Directly under an earlier header line, in the same column: inside a table cell."""
    for b in before:
        gap = line.y0 - b.y1
        if -_CELL_ABOVE * line.size < gap < _CELL_GAP * line.size and min(line.x1, b.x1) - max(line.x0, b.x0) > 0:
            return True
    return False


def _same_row(a: Line, b: Line) -> bool:
    return abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < _ROW_SHARE * (a.size or _DEFAULT_SIZE)


def _hyphenated(above: Line, line: Line) -> bool:
    """A name list hyphenated by TeX at the line end: 'Fu-' / 'miko Rasmussen'."""
    return above.text.rstrip().endswith(("-", "‐")) and plain_text(line)[:1].islower()


def _wrapped_name(line: Line) -> bool:
    its = items(line)
    rest = re.sub(r"^\s*\(\s*[A-Z][\w'’-]*\s*\)", "", its[0].text) if its else ""  # "(Xime) Paredes^c"
    return len(its) >= 2 and not its[0].mark and len(rest.split()) == 1 and its[1].mark


def _author_order(lines: list[Line], plain: list[Line]) -> list[Line]:
    """Row by row, except where names are stacked in a cell above its affiliation (acmart's
    co-affiliated authors): then cell by cell, top to bottom inside a cell."""
    cells: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (l.y0, l.x0)):
        for c in cells:
            if _under(l, [c[-1]]):
                c.append(l)
                break
        else:
            cells.append([l])
    stacked = any(len(c) > 1 and any(_under(p, [c[-1]]) for p in plain) for c in cells)
    if not stacked:
        return [l for row in rows(lines) for l in row]
    heads = {id(c[0]): c for c in cells}
    return [l for row in rows([c[0] for c in cells]) for head in row for l in heads[id(head)]]


def _open_end(line: Line) -> bool:
    its = items(line)
    return bool(its) and not its[-1].mark and not its[-1].text.rstrip().endswith((",", ";"))


def _kind(l: Line) -> str:
    """What one header line is, judged on its own."""
    text = plain_text(l)
    full = l.text.strip()
    if not text.strip() or affs.BANNER.search(full) or full.startswith(("©", "(c) ", "(C) ")) or _email_only(full) or re.match(r"^\s*(https?://|www\.)", full) or _NOTE.match(text) \
            or _DATE.match(text) or _HEADING.match(text) or _GRADE.fullmatch(text.strip()):
        return "skip"
    its = items(l)
    if its and its[0].mark and its[0].keys and any(not i.mark and i.text.strip() for i in its):
        return "keyed"
    if _NUMBERED.match(text) and affs.looks_institution(text):
        return "numbered"
    if _inline_groups(text):
        return "inline"
    names, total = name_ratio(l)
    if names and names * 2 >= total and not affs.looks_institution(re.sub(r"\([^)]*\)", " ", text)):
        return "authors"
    if its and its[-1].mark and its[-1].keys and affs.looks_institution(text):
        return "suffix"
    if affs.looks_institution(text):
        return "aff"
    return "other"


def _continues(prev: str, text: str) -> bool:
    return prev.rstrip().endswith((",", "&", "-")) or not affs.looks_institution(text)


def _extend_inline(inline: list[tuple[Author, str]], text: str) -> None:
    """The wrapped tail of the last 'NAME, Institution' line belongs to each name on it."""
    tail = inline[-1][1]
    joined = tail[:-1] + text if tail.endswith("-") and text[:1].islower() else f"{tail} {text}"
    for i in range(len(inline) - 1, -1, -1):
        if inline[i][1] != tail:
            break
        inline[i] = (inline[i][0], joined)


def _extend_last(keyed: list[tuple[str, str]], text: str) -> None:
    """A wrapped line of a marked affiliation ('... Tsinghua' / 'University, Beijing')."""
    key, prev = keyed[-1]
    keyed[-1] = (key, affs.clean(f"{prev} {text}"))


def _inline_groups(text: str) -> list[tuple[list[str], str]] | None:
    """USENIX covers: 'A, B, and C, Inst1; D and E, Inst2; F, Inst3' -> each group's names and
    institution; None unless every group reads so (one group is the plain inline form)."""
    groups = [g for g in text.split(";") if g.strip()]
    out = [_inline_author(g.strip()) for g in groups]
    if not out or any(g is None for g in out):
        return None
    return out  # type: ignore[return-value]


def _inline_author(text: str) -> tuple[list[str], str] | None:
    """ACM journal style 'YUAN WEN, Trinity College Dublin' or 'ALICE SMITH and BOB JONES, Trinity
    College Dublin, Ireland' -> (names, affiliation)."""
    text = compose_accents(text)
    first = text.split(",", 1)[0]
    nick = _NICKNAME.search(first)
    if nick and not has_institution_word(nick.group(0)):
        first = first.replace(nick.group(0), " ")
    if "," not in text or "(" in first:
        return None
    parts = re.split(r"(,\s*|\s+and\s+)", text)
    names: list[str] = []
    for k in range(0, len(parts) - 2, 2):
        name = clean_name(parts[k])
        if not is_name(name):
            return None
        names.append(name_case(name))
        rest = "".join(parts[k + 2:])
        first = parts[k + 2] if k + 2 < len(parts) else ""
        # A name set in capitals followed by mixed case: the switch of case is where the
        # institution starts, even one without an institution word ("Orange Innovation").
        caps_switch = name.isupper() and any(c.islower() for c in first) and first[:1].isupper()
        if parts[k + 1].startswith(",") and (caps_switch or (affs.looks_institution(first) or affs.brand(first))
                                              and not is_name(clean_name(first))):
            return names, rest.strip()
    return None


def _warnings(doc: Document, head: Header, authors: list[Author], table: Table) -> list[str]:
    """Say where a field is doubtful instead of guessing silently."""
    out: list[str] = []
    meta_title = compose_accents(doc.metadata.get("title", "")).strip()
    if meta_title and len(meta_title) > 10 and norm(meta_title)[:40] not in norm(head.title) \
            and norm(head.title)[:40] not in norm(meta_title):
        out.append("title: low confidence (differs from the PDF metadata title)")
    if looks_heading(head.title):
        out.append(f"title: low confidence (reads as a section heading: {head.title!r})")
    if len(head.title.split()) > 35:
        out.append("title: low confidence (unusually long; may include other text)")
    meta = [a for a in re.split(r"\s*(?:;|,|\band\b)\s*", doc.metadata.get("author", "")) if is_name(a.strip())]
    if not head.authors:
        out.append("authors: low confidence (no author names found under the title)")
    elif len(meta) > 1 and len(meta) != len(head.authors):
        out.append(f"authors: low confidence (found {len(head.authors)}, PDF metadata lists {len(meta)})")
    if head.authors and not head.affiliations:
        out.append("affiliations: none found")
    elif any(not a for a in head.author_affiliations):
        out.append("affiliations: low confidence (some authors have none)")
    missing = sorted({k for a in authors for k in a.marks
                      if k.isalnum() and k not in table.keys and not split_digits(k, table.keys)})
    if missing and table.keys:
        out.append(f"affiliations: low confidence (marks with no printed affiliation: {', '.join(missing)})")
    return out
