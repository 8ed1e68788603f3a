"""Renderers: pure functions of a ``Report`` to text (Markdown in the seed's structure, HTML, JSON).

All three read the same paper views and overview (``overview.py``), so what a paper shows
and what the overview counts agree in every format.
"""
from __future__ import annotations

from ..models import Entry, Report
from .html import to_html
from .json_report import to_json
from .markdown import to_markdown

__all__ = ["FORMATS", "render", "sort_entries", "to_html", "to_json", "to_markdown"]


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Seed order: by title, case-insensitively (ties by file, so output is stable)."""
    return sorted(entries, key=lambda e: (e.paper.title.casefold(), e.paper.file))


FORMATS = {"md": to_markdown, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(report: Report, fmt: str = "md") -> str:
    return FORMATS[fmt](report)
