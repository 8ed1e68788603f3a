"""Renderers: pure functions of a ``Report`` to text (Markdown in the seed's structure, HTML, JSON)."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..models import Entry, Report

__all__ = ["FORMATS", "render", "sort_entries"]

STAGE_NAMES = {"source": "获取", "extract": "提取", "brief": "简报", "select": "筛选", "store": "存储"}


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Seed order: by title, case-insensitively (ties by file, so output is stable)."""
    return sorted(entries, key=lambda e: (e.paper.title.casefold(), e.paper.file))


def _env(autoescape: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("paperbrief.report", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["oneline"] = lambda s: " ".join(str(s or "").split())
    env.filters["stage_name"] = lambda s: STAGE_NAMES.get(s, s)
    return env


def to_markdown(report: Report) -> str:
    return _env(False).get_template("report.md.j2").render(report=report)


def to_html(report: Report) -> str:
    return _env(True).get_template("report.html.j2").render(report=report)


def _entry_dict(e: Entry) -> dict[str, Any]:
    return {
        **e.paper.to_dict(),
        "brief": e.brief.to_dict() if e.brief else None,
        "tags": [asdict(t) for t in e.tags],
        "relevance": asdict(e.relevance) if e.relevance else None,
    }


def to_json(report: Report) -> str:
    data = {
        "title": report.title,
        "generated_at": report.generated_at,
        "paper_count": len(report.entries),
        "papers": [_entry_dict(e) for e in report.entries],
        "failures": [asdict(f) for f in report.failures],
        "excluded": [_entry_dict(e) for e in report.excluded],
        "borderline": [_entry_dict(e) for e in report.borderline],
        "stats": asdict(report.stats),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"md": to_markdown, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(report: Report, fmt: str = "md") -> str:
    return FORMATS[fmt](report)
