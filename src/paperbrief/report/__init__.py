"""Renderers: pure functions of a ``Report`` to text (Markdown in the seed's structure, HTML, JSON).

All three read the same paper views and overview (``overview.py``), so what a paper shows
and what the overview counts agree in every format. The renderers are imported on first
use: the pipeline imports this package for ``sort_entries`` and a cached run should not
pay for Jinja.
"""
from __future__ import annotations

from ..models import Entry, Report

__all__ = ["FORMATS", "render", "sort_entries", "to_html", "to_json", "to_markdown"]


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Seed order: by title, case-insensitively (ties by file, so output is stable)."""
    return sorted(entries, key=lambda e: (e.paper.title.casefold(), e.paper.file))


def to_markdown(report: Report) -> str:
    from .markdown import to_markdown

    return to_markdown(report)


def to_html(report: Report) -> str:
    from .html import to_html

    return to_html(report)


def to_json(report: Report) -> str:
    from .json_report import to_json

    return to_json(report)


FORMATS = {"md": to_markdown, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(report: Report, fmt: str = "md") -> str:
    return FORMATS[fmt](report)
