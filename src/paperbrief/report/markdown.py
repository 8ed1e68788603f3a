"""The Markdown report: the seed's sections, with 本期概览 in front of them."""
from __future__ import annotations

from ..models import Report
from ._jinja import environment
from .overview import build_overview, paper_views

MAX_INSTITUTIONS = 20  # rows of the institution table; the JSON lists them all


def to_markdown(report: Report) -> str:
    views = paper_views(report.entries)
    return environment(False, markdown=True).get_template("report.md.j2").render(
        report=report, views=views, overview=build_overview(views), max_institutions=MAX_INSTITUTIONS)
