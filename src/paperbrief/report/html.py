"""The HTML report: one self-contained page (inline CSS, SVG and a few lines of JS, no network).

Bar charts are plain SVG laid out here, so the page needs no plotting library and
renders the same offline. Jinja's autoescape escapes every string a paper brings.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Report
from ._jinja import environment
from .overview import Count, build_overview, paper_views

MAX_BARS = 15  # institutions in the chart; the JSON lists them all
ROW = 24  # px per bar
LABEL_W = 220  # px for the names left of the bars
BAR_W = 300  # px of the longest bar
LABEL_CHARS = 22  # longer names are cut in the chart; the full name is the bar's tooltip


@dataclass(frozen=True)
class Bar:
    name: str
    label: str
    count: int
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_w: int = LABEL_W
    row: int = ROW


def bar_chart(counts: list[Count], limit: int | None = None) -> Chart:
    shown = counts[:limit] if limit else counts
    top = max((c.count for c in shown), default=1)
    bars = [Bar(c.name, _label(c.name), c.count, i * ROW, max(2, round(BAR_W * c.count / top)))
            for i, c in enumerate(shown)]
    return Chart(bars, LABEL_W + BAR_W + 40, max(1, len(bars)) * ROW)


def _label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"


def to_html(report: Report) -> str:
    views = paper_views(report.entries)
    overview = build_overview(views)
    charts = {
        "tags": bar_chart(overview.tags),
        "institutions": bar_chart(overview.institutions, MAX_BARS),
        "sectors": bar_chart(overview.sectors),
        "regions": bar_chart(overview.regions),
    }
    return environment(True).get_template("report.html.j2").render(
        report=report, views=views, overview=overview, charts=charts, excluded=paper_views(report.excluded),
        borderline=paper_views(report.borderline))
