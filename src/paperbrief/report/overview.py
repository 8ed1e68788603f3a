"""The report's view of its papers and the 本期概览 counted from it.

Every renderer reads the same ``PaperView`` list, so the tags and institutions a paper
shows in Markdown, HTML and JSON are the lists the overview counts, and the overview's
counts can always be recounted from the papers. Headline results come only from
``Brief.key_results``: a paper whose writer gave none has no row, nothing is derived here.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Entry, KeyResult
from .typography import typeset

__all__ = ["Count", "Highlight", "Overview", "PaperView", "build_overview", "count", "key_result_text", "paper_views"]

SECTOR_NAMES = {"academia": "学术界", "industry": "产业界"}
BOTH_SECTORS = "产学合作"
UNKNOWN = "未知"


@dataclass(frozen=True)
class PaperView:
    """One paper as the report shows it; ``number`` is its place in the report (1-based)."""

    number: int
    entry: Entry
    tags: list[str]  # technique tag names, strongest first
    institutions: list[str]  # normalised: Chinese where the table knows them, one per institution
    sector: str  # 学术界, 产业界, 产学合作 or 未知
    regions: list[str]  # countries or regions the table knows for its institutions; [未知] when none


@dataclass(frozen=True)
class Count:
    name: str
    count: int


@dataclass(frozen=True)
class Highlight:
    """A headline-results row: one paper and the numbers its brief's writer took from it."""

    number: int
    title: str
    technique: str
    results: list[KeyResult]

    @property
    def text(self) -> str:
        return "；".join(key_result_text(r) for r in self.results)


@dataclass(frozen=True)
class Overview:
    papers: int
    tags: list[Count]
    institutions: list[Count]
    sectors: list[Count]
    regions: list[Count]
    highlights: list[Highlight]


def paper_views(entries: list[Entry]) -> list[PaperView]:
    """Views of the entries in report order."""
    return [_view(i, e) for i, e in enumerate(entries, 1)]


def _view(number: int, entry: Entry) -> PaperView:
    institutions = entry.notes.institutions
    names = [i.name for i in institutions]
    sectors = {i.sector for i in institutions if i.sector}
    if len(sectors) > 1:
        sector = BOTH_SECTORS
    else:
        sector = SECTOR_NAMES.get(next(iter(sectors), ""), UNKNOWN)
    regions = list(dict.fromkeys(i.region for i in institutions if i.region)) or [UNKNOWN]
    tags = list(dict.fromkeys(t.name for t in entry.tags))
    return PaperView(number, entry, tags, names, sector, regions)


def count(lists: Iterable[Iterable[str]], ties_by_first_seen: bool = False) -> list[Count]:
    """How many lists hold each name (once per list), most first, 未知 last.

    Ties go by name, or with ``ties_by_first_seen`` by where the name first appears (list
    order, then order within a list): institution names mix Chinese and printed English,
    and sorting them by code point would put every Latin name before every Chinese one.
    """
    counter: Counter[str] = Counter()
    first: dict[str, int] = {}
    for names in lists:
        for name in dict.fromkeys(names):
            counter[name] += 1
            first.setdefault(name, len(first))

    def key(item: tuple[str, int]) -> tuple[bool, int, int | str]:
        name, number = item
        return name == UNKNOWN, -number, first[name] if ties_by_first_seen else name

    return [Count(n, c) for n, c in sorted(counter.items(), key=key)]


def build_overview(views: list[PaperView]) -> Overview:
    highlights = [Highlight(v.number, v.entry.paper.title, v.entry.brief.technique, list(v.entry.brief.key_results))
                  for v in views if v.entry.brief and v.entry.brief.key_results]
    return Overview(
        papers=len(views),
        tags=count(v.tags for v in views),
        institutions=count((v.institutions for v in views), ties_by_first_seen=True),
        sectors=count([v.sector] for v in views),
        regions=count(v.regions for v in views),
        highlights=highlights,
    )


def key_result_text(result: KeyResult) -> str:
    """"SLO达成率 2.2×", "峰值内存降低83%": the metric, the direction and the value as the writer gave them."""
    return typeset(" ".join(part for part in (result.metric.strip(), f"{result.direction.strip()}{result.value.strip()}") if part))
