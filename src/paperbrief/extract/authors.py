"""Author names and their marks from the lines that print them.

Names are split at commas, "and", "&", marks and wide gaps; a name broken over two lines
("Chau" / "Yuen^k") is rejoined. Marks after a name stay with it so affiliations can be
looked up by mark later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .affiliations import brand
from .layout import Line
from .marks import Item, items, strip_symbols
from .names import clean_name, compose_accents, has_institution_word, is_name, name_case

_IEEE_GRADE = re.compile(r",?\s*(?:(?:Senior|Student|Life|Graduate Student)\s+)?(?:Member|Fellow)\s*,?\s*IEEE\b,?")
_SEP = re.compile(r"\s*(?:,|;|\band\b|&|·|\|)\s*|\s{3,}", re.IGNORECASE)


@dataclass
class Author:
    name: str
    marks: list[str] = field(default_factory=list)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    line: int = 0  # index of the (first) line it was printed on
    affiliations: list[str] = field(default_factory=list)  # printed in parentheses after the name


@dataclass
class _Piece:
    text: str
    marks: list[str]
    x0: float
    x1: float
    line: Line
    open_end: bool = False  # last piece of a line, with no separator or mark after it


def _pieces(line: Line) -> list[_Piece]:
    out: list[_Piece] = []
    its: list[Item] = items(line)
    for n, it in enumerate(its):
        if it.mark:
            if out and it.x0 - out[-1].x1 < 2.0 * (line.size or 10):
                out[-1].marks += it.keys
                out[-1].open_end = False
            continue
        text = _IEEE_GRADE.sub(",", it.text)  # "Alice Smith, Member, IEEE, Bob Jones"
        text = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", "\x01"), text)
        parts = [p.replace("\x01", ",") for p in _SEP.split(text)]
        seps = _SEP.findall(text)
        width = (it.x1 - it.x0) / max(len(it.text), 1)
        pos = 0
        for k, part in enumerate(parts):
            x0 = it.x0 + pos * width
            pos += len(part) + (len(seps[k]) if k < len(seps) else 0)
            if not part.strip():
                continue
            last_of_item = k == len(parts) - 1
            ends_line = last_of_item and n == len(its) - 1
            out.append(_Piece(part.strip(), [], x0, x0 + len(part) * width, line,
                              open_end=ends_line and not it.text.rstrip().endswith((",", ";"))))
    return out


def name_ratio(line: Line) -> tuple[int, int]:
    """(name-like pieces, all pieces) in a line: how much it looks like an author line."""
    ps = [p for p in _pieces(line) if clean_name(p.text)]
    return sum(is_name(clean_name(strip_symbols(compose_accents(p.text)))) for p in ps), len(ps)


def split_authors(lines: list[Line], line_index: dict[int, int] | None = None) -> list[Author]:
    """Names (with marks) from author lines in reading order; non-names are dropped."""
    pieces: list[_Piece] = []
    for l in lines:
        ps = _pieces(l)
        # a name broken over two lines: "Chau" / "Yuen^k", "Judy Van" / "Dijk^1"
        if pieces and ps and pieces[-1].open_end and (
                len(pieces[-1].text.split()) == 1 or len(ps[0].text.split()) == 1):
            prev = pieces.pop()
            joined = prev.text + " " + ps[0].text
            if prev.text.endswith(("-", "‐")):  # "Jae-" / "Won": the name's hyphen; "Fu-" / "miko": TeX's
                joined = prev.text + ps[0].text if ps[0].text[:1].isupper() else prev.text[:-1] + ps[0].text
            ps[0] = _Piece(joined, prev.marks + ps[0].marks, prev.x0, ps[0].x1, prev.line, ps[0].open_end)
        pieces += ps
    out: list[Author] = []
    for p in pieces:
        trailing = re.match(r"^(.*?[^\W\d])\s?(\d{1,2}(?:\s?,\s?\d{1,2})*)$", p.text.strip())
        if trailing and not p.marks:
            p.marks = re.findall(r"\d+", trailing.group(2))  # "Alice Smith1,2" printed full size
        name = clean_name(strip_symbols(compose_accents(p.text)))
        if not is_name(name):
            if out and not name and p.marks:
                out[-1].marks += p.marks
            elif out and re.fullmatch(r"\d{1,2}", p.text.strip()):
                out[-1].marks.append(p.text.strip())  # "Alice Smith1,2": the 2 after the comma
            continue
        idx = (line_index or {}).get(id(p.line), 0)
        inline = [t.strip() for t in re.findall(r"\(([^)]*)\)", p.text) if has_institution_word(t)]
        tail = re.search(r"\(([^()]*)\)\s*$", p.text)  # "Mira Okafor (iFLYTEK)": a company beside its author
        if tail and not inline and brand(tail.group(1).strip()):
            inline = [tail.group(1).strip()]
        out.append(Author(name_case(name), list(dict.fromkeys(p.marks)),
                          (p.x0, p.line.y0, p.x1, p.line.y1), idx, inline))
    return out
