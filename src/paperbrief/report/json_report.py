"""The JSON report: every paper with the tags and institutions it shows, and the overview counted from them."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..models import Brief, Report
from .overview import Overview, PaperView, build_overview, paper_views
from .typography import typeset

__all__ = ["to_json"]

_TYPESET_FIELDS = ("text", "institutions", "technique", "problem", "result")


def _brief_dict(brief: Brief) -> dict[str, Any]:
    """The brief as printed; without the writer's own tag proposals, so each paper has one tags list."""
    d = brief.to_dict()
    d.pop("tags", None)
    for key in _TYPESET_FIELDS:
        d[key] = typeset(d[key] or "")
    return d


def _paper_dict(view: PaperView) -> dict[str, Any]:
    e = view.entry
    evidence: dict[str, str] = {}
    for t in e.tags:
        evidence.setdefault(t.name, t.evidence)
    return {
        "number": view.number,
        **e.paper.to_dict(),
        "brief": _brief_dict(e.brief) if e.brief else None,
        "tags": [{"name": name, "evidence": evidence[name]} for name in view.tags],
        "institutions": view.institutions,
        "sector": view.sector,
        "regions": view.regions,
        "relevance": asdict(e.relevance) if e.relevance else None,
        # the relevance judge's verdict on a 可能相关 paper: briefed when relevant, else still listed there
        "judge": {"relevant": e.judge.relevant, "reason": e.judge.reason, "model": e.judge.model} if e.judge else None,
    }


def _overview_dict(overview: Overview) -> dict[str, Any]:
    counts = lambda items: [{"name": c.name, "count": c.count} for c in items]  # noqa: E731
    return {
        "tags": counts(overview.tags),
        "institutions": counts(overview.institutions),
        "sectors": counts(overview.sectors),
        "regions": counts(overview.regions),
        "highlights": [{"number": h.number, "title": h.title, "technique": typeset(h.technique),
                        "results": [asdict(r) for r in h.results], "text": typeset(h.text)}
                       for h in overview.highlights],
    }


def _excluded_dict(view: PaperView) -> dict[str, Any]:
    d = _paper_dict(view)
    del d["number"]  # not in the report's numbering
    return d


def to_json(report: Report) -> str:
    views = paper_views(report.entries)
    data = {
        "title": report.title,
        "generated_at": report.generated_at,
        "paper_count": len(report.entries),
        "overview": _overview_dict(build_overview(views)),
        "papers": [_paper_dict(v) for v in views],
        "failures": [asdict(f) for f in report.failures],
        "excluded": [_excluded_dict(v) for v in paper_views(report.excluded)],
        "borderline": [_excluded_dict(v) for v in paper_views(report.borderline)],
        "stats": asdict(report.stats),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

