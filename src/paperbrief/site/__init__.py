"""The digest's static site, built from stored issues alone.

Public: ``SiteOptions``, ``build_site(issues, out, options)``. Layout (relative links only,
so any static server, GitHub Pages or a file:// URL serves it)::

    index.html              issues, newest first
    issues/N/index.html     issue N: its trends, its papers, the full report below
    issues/N/report.html    the issue's HTML report as stored (``report`` renders it)
    issues/N/report.json    the issue's JSON report; trends.json: its trends
    trends.html             every tag and institution across all issues
    trends.json             the trends of every issue (the numbers the pages show)
    search.html             search across all issues, in the browser, over search.json
    feed.xml                Atom feed, one entry per issue

Jinja autoescapes every string a paper brings; the search page builds its results with
``textContent``, never ``innerHTML``. The whole folder is built aside and swapped in
(``_swap``), so a failed or killed build leaves the last site as it was.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..digest.records import IssueRecord
from ..digest.trends import DEFAULT_N, IssueCounts, Trends, all_trends
from ._swap import recover, replace_dir, temp_beside
from .feed import FeedInfo, atom
from .sparkline import sparkline

__all__ = ["SiteOptions", "build_site", "issue_trends_of", "search_index"]


@dataclass(frozen=True)
class SiteOptions:
    title: str
    topic: str
    base_url: str = ""
    n: int = DEFAULT_N  # issues the "last N" columns cover


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("paperbrief.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(spark=sparkline, pct=lambda x: "—" if x is None else f"{x * 100:.0f}%",
                       num=lambda x: "—" if x is None else str(x))
    return env


def issue_trends_of(issues: Sequence[IssueRecord], n: int = DEFAULT_N) -> dict[int, Trends]:
    """Each issue's trends against the ones before it, by issue number."""
    ordered = sorted(issues, key=lambda i: i.number)
    counts = [IssueCounts.from_report(i.number, i.report) for i in ordered]
    return {t.number: t for t in all_trends(counts, n)}


def search_index(issues: Sequence[IssueRecord]) -> list[dict[str, Any]]:
    """One record per paper of every issue: what the search page matches and shows."""
    out = []
    for issue in issues:
        for p in issue.report.get("papers", []):
            brief = p.get("brief") or {}
            out.append({
                "issue": issue.number, "number": p.get("number"), "title": p.get("title", ""),
                "arxiv_id": p.get("arxiv_id") or "", "institutions": p.get("institutions", []),
                "tags": [t["name"] for t in p.get("tags", [])], "brief": brief.get("text", ""),
                "href": f"issues/{issue.number}/report.html#paper-{p.get('number')}",
            })
    return out


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def build_site(issues: Sequence[IssueRecord], out: str | Path, options: SiteOptions) -> Path:
    """Write the whole site for ``issues`` to ``out``, replacing it at once; returns ``out``."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    tmp = temp_beside(out)
    try:
        _render(sorted(issues, key=lambda i: i.number), tmp, options)
        replace_dir(tmp, out)
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _render(issues: list[IssueRecord], root: Path, options: SiteOptions) -> None:
    env = _env()
    trends = issue_trends_of(issues, options.n)
    newest = list(reversed(issues))
    common = {"site": options, "issue_count": len(issues)}
    _write(root / "index.html", env.get_template("index.html.j2").render(
        **common, root="", issues=newest, trends=trends))
    for issue in issues:
        folder = root / "issues" / str(issue.number)
        report = issue.report
        _write(folder / "index.html", env.get_template("issue.html.j2").render(
            **common, root="../../", issue=issue, report=report, t=trends[issue.number]))
        _write(folder / "report.html", issue.report_html)
        _write(folder / "report.json", issue.report_json)
        _write(folder / "trends.json", _dump(trends[issue.number].to_dict()))
    _write(root / "trends.html", env.get_template("trends.html.j2").render(
        **common, root="", issues=newest, trends=trends, matrix=_matrix(issues, trends)))
    _write(root / "trends.json", _dump({"n": options.n, "issues": [
        {"number": i.number, "since": i.since.isoformat(), "until": i.until.isoformat(), **trends[i.number].to_dict()}
        for i in issues]}))
    _write(root / "search.json", json.dumps(search_index(issues), ensure_ascii=False) + "\n")
    _write(root / "search.html", env.get_template("search.html.j2").render(**common, root=""))
    _write(root / "feed.xml", atom(issues, trends, FeedInfo(options.title, options.topic, options.base_url)))


def _matrix(issues: list[IssueRecord], trends: dict[int, Trends]) -> list[dict[str, Any]]:
    """Per tag, its count in every issue (oldest first), most papers overall first."""
    names: dict[str, list[int]] = {}
    for k, issue in enumerate(issues):
        for t in trends[issue.number].tags:
            names.setdefault(t.name, [0] * len(issues))[k] = t.count
    rows = [{"name": name, "counts": counts, "total": sum(counts)} for name, counts in names.items()]
    return sorted(rows, key=lambda r: (-r["total"], r["name"]))
