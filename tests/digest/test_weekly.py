"""Three weekly `paperbrief digest` runs: three issues, no paper twice, nothing new costs nothing."""
from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from paperbrief.cli import cli
from paperbrief.digest import DigestRecords

from .conftest import UNTIL, WEEKS, digest_args, week_ids

TOPIC = "inference-acceleration"  # the bundled profile's name keys the issues


def _base(arxiv_id: str) -> str:
    return arxiv_id.rsplit("v", 1)[0]


def test_three_weeks_make_three_issues_with_no_paper_twice(weekly):
    with DigestRecords(weekly.store) as records:
        issues = records.issues(TOPIC)
    assert [i.number for i in issues] == [1, 2, 3]
    # the first window is the 7 days up to the run; each later one starts where the last ended
    assert (issues[0].since, issues[0].until) == (date(2026, 11, 3), UNTIL[1])
    assert [(i.since, i.until) for i in issues[1:]] == [(UNTIL[1], UNTIL[2]), (UNTIL[2], UNTIL[3])]
    shown = []
    for issue in issues:
        report = json.loads(issue.report_json)
        papers = {_base(p["arxiv_id"]) for p in report["papers"]}
        left_out = {_base(p["arxiv_id"]) for p in report["excluded"] + report["borderline"]}
        assert papers, f"issue {issue.number} is empty"
        expected = week_ids(issue.number) - {b for b, *_ in WEEKS[1]} if issue.number > 1 else week_ids(1)
        assert papers | left_out == expected  # every new paper of the week is shown or set aside, none lost
        shown += sorted(papers)
    assert len(shown) == len(set(shown))
    # the week-2 version of a week-1 paper did not come back, and its PDF was never fetched
    assert shown.count("2402.17764") == 1
    assert weekly.runs[2].pdfs == len(WEEKS[2]) - 1


def test_each_run_briefs_only_its_new_papers(weekly):
    with DigestRecords(weekly.store) as records:
        issues = records.issues(TOPIC)
    for week in (1, 2, 3):
        report = issues[week - 1].report
        # one brief per new paper plus one yes/no question per 可能相关 one: nothing from earlier weeks is re-asked
        assert weekly.runs[week].llm == len(report["papers"]) + len(report["borderline"])
        assert weekly.runs[week].api == 1


def test_nothing_new_costs_one_api_request_and_no_llm_request(weekly):
    run = weekly.runs[4]
    assert run.exit_code == 0
    assert "nothing new in 2026-11-23 – 2026-11-23" in run.stderr
    assert "0 LLM requests" in run.stderr
    assert (run.api, run.pdfs, run.llm) == (1, 0, 0)
    with DigestRecords(weekly.store) as records:
        assert len(records.issues(TOPIC)) == 3


def test_a_held_lock_stops_a_second_run(weekly, windowed_arxiv, tmp_path):
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(weekly.home), "OPENAI_BASE_URL": ""})
    with DigestRecords(weekly.store) as records, records.lock(TOPIC):  # a live run of this process holds it
        api = len(windowed_arxiv.api_hits())
        res = runner.invoke(cli, digest_args(windowed_arxiv, weekly.llm_url, tmp_path / "site", date(2026, 11, 30)))
        assert res.exit_code == 2
        assert res.stderr.count("\n") == 1 and "holds the lock" in res.stderr
        assert len(windowed_arxiv.api_hits()) == api  # refused before any work
    with DigestRecords(weekly.store) as records:
        assert len(records.issues(TOPIC)) == 3


def test_site_command_rebuilds_the_site_from_the_store_alone(weekly, tmp_path):
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(weekly.home), "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    res = runner.invoke(cli, ["site", str(tmp_path / "again")])
    assert res.exit_code == 0, res.stderr
    for name in ("index.html", "trends.html", "trends.json", "search.json", "feed.xml", "issues/2/report.html"):
        assert (tmp_path / "again" / name).read_bytes() == (weekly.site / name).read_bytes(), name
    res = runner.invoke(cli, ["site", str(tmp_path / "x"), "--store", str(tmp_path / "empty.sqlite3")])
    assert res.exit_code == 2 and "no issue" in res.stderr and not (tmp_path / "x").exists()
