"""Trends across issues, computed only from what each issue's JSON report shows (pure).

Per technique tag: this issue's count and share (of its papers), against the last issue and
the mean share of the ``n`` issues before this one, with an arrow and the recent history for
a sparkline; the institutions no earlier issue showed; and the busiest institutions over the
last ``n`` issues, this one included. The reports' own per-paper ``tags`` and
``institutions`` lists are the source, so the trends count exactly what the pages show.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

DEFAULT_N = 4
HISTORY = 12  # issues a sparkline shows
EPS = 1e-9


@dataclass(frozen=True)
class IssueCounts:
    """What trends need of one issue: its number, paper count, and per-tag / per-institution paper counts."""

    number: int
    papers: int
    tags: dict[str, int]
    institutions: dict[str, int]

    @classmethod
    def from_report(cls, number: int, report: dict[str, Any]) -> IssueCounts:
        tags: Counter[str] = Counter()
        insts: Counter[str] = Counter()
        for p in report.get("papers", []):
            tags.update({t["name"] for t in p.get("tags", [])})
            insts.update(set(p.get("institutions", [])))
        return cls(number, len(report.get("papers", [])), dict(tags), dict(insts))


@dataclass(frozen=True)
class TagTrend:
    name: str
    count: int
    share: float  # count / papers of this issue
    last_count: int | None  # None: there is no earlier issue
    last_share: float | None
    mean_share: float | None  # mean share over the n issues before this one
    vs_last: str  # "↑", "↓", "→", or "" without an earlier issue
    vs_mean: str
    history: list[int]  # counts in the last HISTORY issues, oldest first, this one last


@dataclass(frozen=True)
class Trends:
    number: int
    papers: int
    n: int
    tags: list[TagTrend]
    new_institutions: list[str]
    busiest: list[tuple[str, int]]  # over the last n issues, this one included
    issues_compared: int = 0  # how many earlier issues the means cover

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["busiest"] = [{"name": name, "count": count} for name, count in self.busiest]
        return d


def _arrow(now: float, before: float | None) -> str:
    if before is None:
        return ""
    return "↑" if now > before + EPS else "↓" if now < before - EPS else "→"


def _share(count: int, papers: int) -> float:
    return round(count / papers, 4) if papers else 0.0


def issue_trends(history: list[IssueCounts], n: int = DEFAULT_N, busiest: int = 10) -> Trends:
    """Trends of the last issue in ``history`` (issues oldest first) against those before it."""
    if not history:
        raise ValueError("no issue to compute trends for")
    cur, earlier = history[-1], history[:-1]
    last = earlier[-1] if earlier else None
    window = earlier[-n:]
    names = set(cur.tags) | (set(last.tags) if last else set())
    tags = []
    for name in names:
        count = cur.tags.get(name, 0)
        share = _share(count, cur.papers)
        last_count = last.tags.get(name, 0) if last else None
        last_share = _share(last_count, last.papers) if last else None
        mean = round(sum(_share(i.tags.get(name, 0), i.papers) for i in window) / len(window), 4) if window else None
        spark = [i.tags.get(name, 0) for i in history[-HISTORY:]]
        tags.append(TagTrend(name, count, share, last_count, last_share, mean, _arrow(share, last_share),
                             _arrow(share, mean), spark))
    tags.sort(key=lambda t: (-t.count, -(t.last_count or 0), t.name))
    seen = {name for i in earlier for name in i.institutions}
    new = sorted(name for name in cur.institutions if name not in seen)
    total: Counter[str] = Counter()
    for i in history[-n:]:
        total.update(i.institutions)
    top = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:busiest]
    return Trends(cur.number, cur.papers, n, tags, new, top, len(window))


def all_trends(history: list[IssueCounts], n: int = DEFAULT_N) -> list[Trends]:
    """Each issue's trends against the issues before it, oldest first."""
    return [issue_trends(history[:k + 1], n) for k in range(len(history))]
