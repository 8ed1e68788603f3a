"""Merge arXiv API metadata into what the PDF gave. Pure: ``merge(paper, entry) -> Paper``.

Conflict rule (API = the arXiv export API entry, PDF = extraction from the PDF):

- title, authors (hence author_count) and abstract: the API wins whenever it has a value;
  authors submit them as metadata, while the PDF's are recovered from layout.
- arxiv_id comes from the API; url is the canonical abs page https://arxiv.org/abs/<id>
  (not the feed's link, which may point at a mirror).
- affiliations exist only in the PDF, so they are always kept.
- author_affiliations (per author, indexes into affiliations) are kept only when the PDF's
  author list matches the API's: same number of names, each API name matching exactly one
  PDF name, compared without case, accents, punctuation or spaces ("R. X. Xu" = "R.X. Xu",
  "YUAN WEN" = "Yuan Wen"), or by surname plus first initial ("Shuaiwen Song" =
  "Shuaiwen Leon Song"). The mapping is then reordered to the API's author order.
  Otherwise the mapping is dropped (affiliations stay, unattributed) and a warning says so.
- file, sha256 and the PDF's warnings are kept.
- HTML in the API's title or authors is removed as it is from the PDF's header
  (``extract.markup``), with a warning naming the field.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..extract.markup import strip_markup
from ..models import ArxivEntry, Paper

__all__ = ["merge"]


def _text(field: str, values: list[str], warnings: list[str]) -> list[str]:
    """``values`` with their markup removed; a warning in ``warnings`` names the field."""
    out, marked = [], []
    for value in values:
        clean = strip_markup(value)
        if clean != value:
            clean = " ".join(clean.split())
            marked.append(clean)
        out.append(clean)
    if marked and field == "title":
        warnings.append("title: markup removed (arXiv metadata)")
    elif marked:
        warnings.append(f"{field}: markup removed from {'; '.join(marked)} (arXiv metadata)")
    return out


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.casefold())


def _words(name: str) -> list[str]:
    return [w for w in (_fold(p) for p in re.split(r"[\s.]+", name)) if w]


def _same_person(a: str, b: str) -> bool:
    if _fold(a) == _fold(b):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and wa[-1] == wb[-1] and wa[0][0] == wb[0][0]


def _match(api: list[str], pdf: list[str]) -> list[int] | None:
    """For each API author the index of the one PDF author who is the same person, else None."""
    if len(api) != len(pdf):
        return None
    order: list[int] = []
    for name in api:
        hits = [i for i, other in enumerate(pdf) if _same_person(name, other)]
        exact = [i for i in hits if _fold(pdf[i]) == _fold(name)]
        hits = exact or hits
        if len(hits) != 1 or hits[0] in order:
            return None
        order.append(hits[0])
    return order


def merge(paper: Paper, entry: ArxivEntry) -> Paper:
    """``paper`` (from the PDF) with the API's metadata applied by the rule above; not mutated."""
    warnings = list(paper.warnings)
    entry = replace(entry, title=_text("title", [entry.title], warnings)[0],
                    authors=tuple(_text("authors", list(entry.authors), warnings)))
    authors = list(entry.authors) or list(paper.authors)
    mapping = paper.author_affiliations
    if entry.authors and paper.authors:
        order = _match(list(entry.authors), list(paper.authors))
        if order is None:
            if mapping:
                warnings.append(f"PDF authors ({len(paper.authors)}) do not match arXiv's ({len(entry.authors)}); "
                                "per-author affiliations dropped")
            mapping = []
        elif mapping:
            mapping = [list(mapping[i]) for i in order] if len(mapping) == len(paper.authors) else []
    elif entry.authors:
        mapping = []
    return replace(
        paper,
        title=entry.title or paper.title,
        authors=authors,
        abstract=entry.abstract or paper.abstract,
        affiliations=list(paper.affiliations),
        author_affiliations=mapping,
        warnings=warnings,
        arxiv_id=entry.arxiv_id,
        url=f"https://arxiv.org/abs/{entry.arxiv_id}",
    )
