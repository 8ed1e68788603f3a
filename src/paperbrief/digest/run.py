"""One digest run: under the topic's lock, the next window's new papers become the next issue.

The papers come through the same path as ``paperbrief report`` (``_runner.build_report``:
sources, selection, briefs, the store's caches), with every paper an earlier issue showed
or set aside skipped by base arXiv ID before its PDF is fetched. So a window with nothing
new costs one API request and no LLM request, and a new version of a paper already sent
never comes back.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..models import Report
from ..sources._ids import base_id
from .records import DigestRecords, IssueRecord
from .trends import DEFAULT_N, IssueCounts, Trends, issue_trends
from .windows import Window, next_window

# (window, number, skip) -> the Report of that window's new papers
BuildFn = Callable[[Window, int, Collection[str]], Report]
# (number, JSON report, trends) -> (本期综述, None) or (None, why it was left out)
SummaryFn = Callable[[int, dict, Trends], tuple[str | None, str | None]]


@dataclass(frozen=True)
class DigestPlan:
    topic: str  # the topic's name: the key of its issues in the store
    title: str  # the digest's title (the site's, and each issue's report before "第N期")
    today: date
    every: str = "week"
    site: Path | None = None
    base_url: str = ""
    n: int = DEFAULT_N


@dataclass(frozen=True)
class DigestOutcome:
    window: Window
    number: int  # the number this run's issue has, or would have had
    issue: IssueRecord | None  # None: nothing new
    report: Report
    site: Path | None
    summary_note: str | None = None  # why the 本期综述 was left out, when it was asked for and is not there


def _ids(entries: list, role: str) -> list[tuple[str, str]]:
    return [(base_id(e.paper.arxiv_id), role) for e in entries if e.paper.arxiv_id]


def run_digest(records: DigestRecords, plan: DigestPlan, build: BuildFn, summarize: SummaryFn | None = None
               ) -> DigestOutcome:
    """Make the next issue of ``plan.topic`` (or find nothing new), then rebuild the site. With
    ``summarize``, the issue gets a 本期综述 from its briefs and trend numbers when one passes the checks."""
    import json

    from ..report import render

    with records.lock(plan.topic):
        window = next_window(records.last_until(plan.topic), plan.today, plan.every)
        number = len(records.issues(plan.topic)) + 1
        report = build(window, number, frozenset(records.seen(plan.topic)))
        left_out = _ids(report.excluded, "excluded") + _ids(report.borderline, "borderline")
        issue, note = None, None
        if report.entries:
            report_json = render(report, "json")
            summary = None
            if summarize is not None:
                history = [IssueCounts.from_report(i.number, i.report) for i in records.issues(plan.topic)]
                history.append(IssueCounts.from_report(number, json.loads(report_json)))
                summary, note = summarize(number, json.loads(report_json), issue_trends(history, plan.n))
            issue = records.add_issue(plan.topic, window.since, window.until, plan.title, report_json,
                                      render(report, "html"), render(report, "md"),
                                      _ids(report.entries, "paper") + left_out, summary=summary)
        elif left_out:
            records.set_aside(plan.topic, left_out)
        site = None
        if plan.site is not None and (issue is not None or not plan.site.exists()):
            site = rebuild_site(records, plan.topic, plan.site, plan.title, plan.base_url, plan.n)
    return DigestOutcome(window, number, issue, report, site, note)


def llm_summarizer(settings) -> SummaryFn:
    """The ``SummaryFn`` that asks the LLM endpoint (``digest.summary.SummarySettings``)."""
    from .summary import summary_input, write_summary

    return lambda number, report, trends: write_summary(summary_input(number, report, trends), settings)


def rebuild_site(records: DigestRecords, topic: str, out: Path, title: str, base_url: str = "",
                 n: int = DEFAULT_N) -> Path:
    from ..site import SiteOptions, build_site

    return build_site(records.issues(topic), out, SiteOptions(title=title, topic=topic, base_url=base_url, n=n))


def build_with_runner(*, env: Mapping[str, str], file_cfg: Mapping[str, Any], llm, topic_path: str | None,
                      query: str | None, categories: list[str], max_results: int | None, title: str,
                      store_path: str, **kwargs: Any) -> BuildFn:
    """The ``BuildFn`` that runs ``paperbrief report``'s pipeline on a window's query."""
    from .._runner import build_report

    def build(window: Window, number: int, skip: Collection[str]) -> Report:
        return build_report(inputs=[], env=env, file_cfg=file_cfg, llm=llm, title=f"{title}（第{number}期）",
                            store_path=store_path, topic_path=topic_path, arxiv_query=query or "",
                            since=window.since, until=window.until, categories=categories,
                            max_results=max_results, skip_arxiv=skip, **kwargs)

    return build
