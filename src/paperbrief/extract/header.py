"""Title, authors and affiliations from the first page's layout.

Entry: ``find_header(doc, pdf) -> Header``. The title comes from font size; the lines between
the title and the abstract are classified (author line, marked affiliation, plain
affiliation, email, note); authors get affiliations by mark, by the table cell they head,
or from a shared block; affiliations printed only in a first-page footnote are read last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import affiliations as affs
from .authors import Author, name_ratio, split_authors
from .layout import Document, Line, Page
from .marks import items, plain_text
from .names import clean_name, compose_accents, is_name, name_case
from .title import ARXIV_STAMP, find_title

_ABSTRACT = re.compile(r"^\s*(?:abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t)\b", re.I)
_INTRO = re.compile(r"^\s*(?:(?:1|I)\.?\s+)?introduction\s*$", re.I)
_STOP = re.compile(r"^\s*(?:keywords?|index terms|ccs concepts|acm reference format|figure\s+\d|fig\.\s*\d)\b", re.I)
_NUMBERED = re.compile(r"^\s*(\d{1,2}|[a-z])[\s.)]+(?=[A-Z])")  # "1 University of X" in body-size type
_NOTE = re.compile(r"^\s*(?:equal contribution|corresponding|correspondence|preprint|under review|"
                   r"work done|project page|code|published|accepted|editor|proceedings|copyright|"
                   r"contributing authors?|e-?mails?\b|these authors|authors?'? addresses|"
                   r"anonymous|paper under|submitted|received|keywords?)\b", re.I)


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
    page = doc.pages[0]
    head = Header()
    head.arxiv_id = arxiv_id(page)
    title = find_title(page, page.text)
    head.title = title.text
    if not title.text:
        return head
    head.end_y = title.bottom
    stop = _stop_y(doc, page, title.bottom)
    region = [l for l in page.lines
              if l.horizontal and l.y0 >= title.bottom - 2 and l.y0 < stop and not any(l is t for t in title.lines)]
    region.sort(key=lambda l: (round(l.y0), l.x0))
    parsed = _classify(region, _body_size(page))
    authors = parsed.authors
    head.end_y = max([title.bottom] + [l.y1 for l in parsed.used])
    table = _Affiliations()
    for a, aff in parsed.inline:
        table.add(a, aff)
    for a in authors:
        for aff in a.affiliations:
            table.add(a, affs.clean(aff))
    if parsed.keyed:
        for key, text in parsed.keyed:
            table.define(key, text)
    table.resolve(authors)
    if parsed.plain:
        _assign_plain(authors, parsed.plain, table)
    _footnotes(page, authors, table)
    table.resolve(authors)
    if not table.names and authors:
        _sentences(page, authors, table)
    if len(table.names) == 1:
        for a in authors:
            table.add(a, table.names[0])  # one institution printed: everyone belongs to it
    head.authors = [a.name for a in authors]
    head.affiliations, head.author_affiliations = table.result(authors)
    head.warnings = _warnings(doc, head)
    return head


def arxiv_id(page: Page) -> str | None:
    """The identifier from the arXiv stamp in the margin (vertical text), without its version."""
    for l in page.lines:
        m = ARXIV_STAMP.search(l.text)
        if m and (not l.horizontal or l.x0 < 45 or l.x1 > page.width - 45):
            return m.group(1)
    return None


def _body_size(page: Page) -> float:
    weights: dict[float, int] = {}
    for l in page.lines:
        weights[l.size] = weights.get(l.size, 0) + len(l.text)
    return max(weights, key=weights.__getitem__) if weights else 10.0


def _stop_y(doc: Document, page: Page, top: float) -> float:
    """Where the header ends: the abstract (as the abstract finder sees it) or the first heading."""
    try:
        from . import abstract as abstract_finder

        where = abstract_finder.locate(doc) if hasattr(abstract_finder, "locate") else None
    except Exception:  # the abstract finder is another module's business; fall back to ours
        where = None
    if where and where[0] == 0 and where[1] > top:
        return where[1]
    for l in sorted(page.lines, key=lambda l: l.y0):
        if l.y0 <= top or not l.horizontal:
            continue
        t = l.text.strip()
        if _ABSTRACT.match(t) or _INTRO.match(t) or _STOP.match(t):
            return l.y0
    return page.height * 0.6


def _is_prose(text: str) -> bool:
    ws = text.split()
    if len(ws) < 9:
        return False
    small = {"of", "and", "the", "for", "at", "de", "in", "&", "und", "di", "du", "la"}
    lower = sum(1 for w in ws if w[:1].islower() and w not in small)
    return lower / len(ws) > 0.4


def _email_only(text: str) -> bool:
    rest = affs._EMAIL.sub(" ", text)
    rest = re.sub(r"[{}\[\](),;:<>\s]|\band\b|e-?mails?|emails?", "", rest, flags=re.I)
    return "@" in text and len(rest) < 4


@dataclass
class _Parsed:
    authors: list[Author] = field(default_factory=list)
    keyed: list[tuple[str, str]] = field(default_factory=list)
    plain: list[Line] = field(default_factory=list)
    inline: list[tuple[Author, str]] = field(default_factory=list)
    used: list[Line] = field(default_factory=list)


def _reading_order(lines: list[Line]) -> list[Line]:
    """Rows by baseline (marks raise a line's top, not its bottom), left to right in a row."""
    out: list[Line] = []
    for row in _rows(lines, key=lambda l: l.y1):
        out += row
    return out


def _style(line: Line) -> tuple[float, bool]:
    return (round(line.size), line.bold)


def _classify(region: list[Line], body: float) -> _Parsed:
    out = _Parsed()
    author_lines: list[Line] = []
    last: Line | None = None
    last_kind = ""
    lines = _reading_order(region)
    kinds = [_kind(l) for l in lines]
    # The style (size, weight) most author lines share; a "name" in another style right under
    # a cell's first line is a wrapped institution ("Case Western Reserve" / "University").
    first = next((l for l, k in zip(lines, kinds) if k == "authors"), None)
    main = _style(first) if first is not None else None
    for n, (l, kind) in enumerate(zip(lines, kinds)):
        full = l.text.strip()
        if last is not None and (author_lines or out.inline) and l.y0 - last.y1 > max(30.0, 3 * body):
            break  # a teaser figure or the abstract: the header is over
        if (author_lines or out.inline) and _is_prose(full):
            break
        if kind == "authors" and main is not None and l.size < main[0] - 1.5:
            kind = "other"  # figure labels in a teaser are smaller than the author names
        if kind == "authors" and main is not None and _style(l) != main and _under(l, lines[:n]):
            kind = "aff"  # a wrapped institution inside a table cell, not a name
        if kind == "other" and author_lines and _same_row(l, author_lines[-1]) and _style(l) == main \
                and len(full.split()) == 1 and full[:1].isupper():
            kind = "authors"  # first half of a name that wraps to the next row ("Jianyong" / "Wang^1")
        if kind in ("other", "aff") and author_lines and last_kind == "authors" and _open_end(author_lines[-1]) \
                and l.y0 - author_lines[-1].y1 < l.size and _wrapped_name(l):
            kind = "authors"  # "... Chau" / "Yuen^k": the last name wraps
        if kind == "other" and last_kind in ("aff", "keyed") and last is not None and _under(l, [last]):
            kind = "aff"  # the tail of a wrapped affiliation ("1401", "Switzerland")
        if kind == "other" and (author_lines or out.inline) and full[:1].isupper() and len(full.split()) <= 12:
            kind = "aff"  # a bare institution name ("Meituan") under the authors
        if kind == "skip" or kind == "other":
            continue
        if kind == "authors" and out.keyed and any(a.marks for a in split_authors(author_lines)) \
                and not any(i.mark for i in items(l)):
            break  # names after a marked affiliation list: figure labels, not authors
        its = items(l)
        text = plain_text(l)
        if kind == "authors":
            author_lines.append(l)
        elif kind == "inline":
            a, aff = _inline_author(text)  # type: ignore[misc]
            out.inline.append((Author(a, [], l.bbox), aff))
        elif kind == "keyed":
            for key, t in affs.keyed_segments([l]):
                if key is not None and affs.clean(t):
                    out.keyed.append((key, affs.clean(t)))
                elif key is None and out.keyed and affs.clean(t):
                    _extend_last(out.keyed, affs.clean(t))
        elif kind == "numbered":
            m = _NUMBERED.match(text)
            out.keyed.append((m.group(1), affs.clean(text[m.end():])))  # type: ignore[union-attr]
            kind = "keyed"
        elif kind == "suffix":
            out.keyed.append((its[-1].keys[-1], affs.clean(text)))
        elif kind == "aff":
            if last_kind == "keyed" and out.keyed and _continues(out.keyed[-1][1], text):
                _extend_last(out.keyed, affs.clean(text))
                kind = "keyed"
            else:
                out.plain.append(l)
        out.used.append(l)
        last, last_kind = l, kind
    ordered = [l for row in _rows(author_lines) for l in row]
    out.authors = split_authors(ordered, {id(l): i for i, l in enumerate(ordered)})
    out.authors += [a for a, _ in out.inline]
    return out


def _under(line: Line, before: list[Line]) -> bool:
    """Directly under an earlier header line, in the same column: inside a table cell."""
    for b in before:
        gap = line.y0 - b.y1
        if -0.4 * line.size < gap < 0.8 * line.size and min(line.x1, b.x1) - max(line.x0, b.x0) > 0:
            return True
    return False


def _same_row(a: Line, b: Line) -> bool:
    return abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.5 * (a.size or 10)


def _wrapped_name(line: Line) -> bool:
    its = items(line)
    return len(its) >= 2 and len(its[0].text.split()) == 1 and all(i.mark for i in its[1:])


def _open_end(line: Line) -> bool:
    its = items(line)
    return bool(its) and not its[-1].mark and not its[-1].text.rstrip().endswith((",", ";"))


def _kind(l: Line) -> str:
    """What one header line is, judged on its own."""
    text = plain_text(l)
    full = l.text.strip()
    if not text.strip() or _email_only(full) or re.match(r"^\s*(https?://|www\.)", full) or _NOTE.match(text):
        return "skip"
    its = items(l)
    if its and its[0].mark and its[0].keys and any(not i.mark and i.text.strip() for i in its):
        return "keyed"
    if _NUMBERED.match(text) and affs.looks_institution(text):
        return "numbered"
    if _inline_author(text):
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


def _extend_last(keyed: list[tuple[str, str]], text: str) -> None:
    key, prev = keyed[-1]
    sep = " " if prev.endswith(",") or not prev else ", "
    keyed[-1] = (key, affs.clean(prev + sep + text))


def _inline_author(text: str) -> tuple[str, str] | None:
    """ACM journal style 'YUAN WEN, Trinity College Dublin' -> (name, affiliation)."""
    if "," not in text:
        return None
    name, rest = text.split(",", 1)
    name = clean_name(name)
    if is_name(name) and affs.looks_institution(rest) and name_ratio_text(rest) == 0:
        return name_case(name), affs.clean(rest)
    return None


def name_ratio_text(text: str) -> int:
    return sum(is_name(clean_name(p)) for p in re.split(r",|\band\b", text))


def _rows(lines: list[Line], key=lambda l: (l.y0 + l.y1) / 2) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (key(l), l.x0)):
        mid = key(l)
        if rows and abs(mid - sum(key(r) for r in rows[-1]) / len(rows[-1])) < 0.45 * (l.size or 10):
            rows[-1].append(l)
        else:
            rows.append([l])
    return [sorted(r, key=lambda l: l.x0) for r in rows]


class _Affiliations:
    """Distinct affiliations in printed order, keyed definitions, and who belongs where."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.keys: dict[str, list[str]] = {}
        self.members: dict[int, list[str]] = {}

    def _intern(self, text: str) -> str:
        k = _norm(text)
        for n in self.names:
            if _norm(n) == k:
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
                for t in self.keys.get(k, []):
                    self.add(a, t)

    def result(self, authors: list[Author]) -> tuple[list[str], list[list[int]]]:
        used = {n for a in authors for n in self.members.get(id(a), [])}
        keyed = {n for ts in self.keys.values() for n in ts}
        names = [n for n in self.names if n in used or n in keyed]
        index = {n: i for i, n in enumerate(names)}
        return names, [[index[n] for n in self.members.get(id(a), []) if n in index] for a in authors]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _assign_plain(authors: list[Author], lines: list[Line], table: _Affiliations) -> None:
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
    bands: dict[int, list[Line]] = {}
    for l in lines:
        above = [i for i, r in enumerate(rows) if min(a.bbox[1] for a in r) < l.y0]
        if above:
            bands.setdefault(above[-1], []).append(l)
    all_after = all(l.y0 > max(a.bbox[1] for a in named) for l in lines)
    found: list[tuple[Author, str]] = []
    for ri, band in bands.items():
        stacks = _stacks(band)
        row = sorted(rows[ri], key=lambda a: a.bbox[0])
        if len(stacks) == 1 and (len(row) > 1 or all_after):
            owners = named if all_after and ri == len(rows) - 1 else row
            for aff in affs.join_stack([plain_text(l) for l in stacks[0]]):
                found += [(a, aff) for a in owners]
            continue
        for st in stacks:
            x0, x1 = min(l.x0 for l in st), max(l.x1 for l in st)
            mid = (x0 + x1) / 2
            owners = [a for a in row if min(x1, a.bbox[2]) - max(x0, a.bbox[0]) > 0]
            if not owners:
                owners = [min(row, key=lambda a: abs((a.bbox[0] + a.bbox[2]) / 2 - mid))]
            found += [(a, aff) for aff in affs.join_stack([plain_text(l) for l in st]) for a in owners]
    order = {id(a): i for i, a in enumerate(authors)}
    for a, aff in sorted(found, key=lambda p: order[id(p[0])]):
        table.add(a, aff)  # first appearance follows the author order


def _stacks(lines: list[Line]) -> list[list[Line]]:
    """Lines that sit under each other (x-overlapping) form one stack: one table cell."""
    stacks: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: (l.y0, l.x0)):
        for st in stacks:
            x0, x1 = min(s.x0 for s in st), max(s.x1 for s in st)
            if min(x1, l.x1) - max(x0, l.x0) > 0.3 * min(x1 - x0, l.x1 - l.x0) and l.y0 - st[-1].y1 < 2 * l.size:
                st.append(l)
                break
        else:
            stacks.append([l])
    return stacks


def _footnote_lines(page: Page) -> list[Line]:
    """Small-print lines in the lower part of page 1, column by column."""
    body = _body_size(page)
    lines = [l for l in page.lines if l.horizontal and l.y0 > page.height * 0.5 and l.size < body - 0.3
             and l.size > 5]
    left = _reading_order([l for l in lines if l.x0 < page.width / 2])
    return left + _reading_order([l for l in lines if l.x0 >= page.width / 2])


def _footnotes(page: Page, authors: list[Author], table: _Affiliations) -> None:
    """ICML-style keyed footnotes for marks the header itself does not define."""
    wanted = {k for a in authors for k in a.marks if k not in table.keys}
    if not wanted:
        return
    lines = _footnote_lines(page)
    done: set[str] = set()
    for key, text in affs.keyed_segments(lines):
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


def _sentences(page: Page, authors: list[Author], table: _Affiliations) -> None:
    """'S. Ma, L. Ma are with Microsoft Research.' in a footnote: match names by initial + surname."""
    text = " ".join(plain_text(l) for l in _footnote_lines(page))
    prev: list[Author] = []
    for who, aff in affs.sentence_affiliations(text):
        if who == ["<mark>"]:
            continue
        members = prev if who == ["<prev>"] else [a for w in who for a in authors if _same_person(w, a.name)]
        for a in members:
            table.add(a, aff)
        prev = members


def _same_person(short: str, full: str) -> bool:
    s, f = short.replace(".", ". ").split(), full.split()
    if not s or not f:
        return False
    first = s[-2] if len(s) > 1 else s[0]
    return s[-1].lower() == f[-1].lower() and first[0].lower() == f[0][0].lower()


def _warnings(doc: Document, head: Header) -> list[str]:
    out: list[str] = []
    meta_title = compose_accents(doc.metadata.get("title", "")).strip()
    if meta_title and len(meta_title) > 10 and _norm(meta_title)[:40] not in _norm(head.title) \
            and _norm(head.title)[:40] not in _norm(meta_title):
        out.append("title: low confidence (differs from the PDF metadata title)")
    meta_authors = [a for a in re.split(r"\s*(?:;|,|\band\b)\s*", doc.metadata.get("author", "")) if is_name(a.strip())]
    if not head.authors:
        out.append("authors: low confidence (no author names found under the title)")
    elif len(meta_authors) > 1 and len(meta_authors) != len(head.authors):
        out.append(f"authors: low confidence (found {len(head.authors)}, PDF metadata lists {len(meta_authors)})")
    elif head.authors and not head.affiliations:
        out.append("affiliations: none found")
    if head.authors and any(not a for a in head.author_affiliations) and head.affiliations:
        out.append("affiliations: low confidence (some authors have none)")
    return out
