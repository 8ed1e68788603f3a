"""The digest's site in Chromium (served over HTTP on 127.0.0.1, as `python3 -m http.server` would)
and its feed in feedparser."""
from __future__ import annotations

import functools
import json
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import pytest

from ..report.test_browser import ARGS, CHROMIUM
from .conftest import SHOWN

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install '.[test]')")
chromium = pytest.mark.skipif(not CHROMIUM or not __import__("pathlib").Path(CHROMIUM).is_file(), reason="needs chromium")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(weekly):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(weekly.site)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(weekly):  # after the runs: playwright's event loop must not be running while the LLM writer runs its own
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.errors = []
    # a missing file shows as a 404 response (checked by URL: browsers ask for /favicon.ico on their own)
    page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
            and page.errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
            and page.errors.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []
    assert page.evaluate("window.__pwned") is None  # nothing a paper brought ran
    page.close()


def _reports(weekly) -> dict[int, dict]:
    return {n: json.loads((weekly.site / "issues" / str(n) / "report.json").read_text(encoding="utf-8")) for n in (1, 2, 3)}


@chromium
def test_index_lists_the_three_issues_newest_first(page, served):
    page.goto(served + "index.html")
    assert page.eval_on_selector_all("li.issue", "xs => xs.map(x => x.dataset.number)") == ["3", "2", "1"]
    page.click("li.issue[data-number='1'] a")
    assert page.url == served + "issues/1/index.html"
    assert page.inner_text("h1") == "第1期"
    page.wait_for_load_state("load")  # the embedded report loads without errors too
    assert page.frame_locator("iframe.report").locator("h1").inner_text().startswith("AI推理加速技术论文分析报告")


@chromium
def test_search_finds_a_paper_from_issue_1(page, served, weekly):
    title = next(p["title"] for p in _reports(weekly)[1]["papers"] if "FP6" in p["title"])
    page.goto(served + "search.html")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('共')")
    page.fill("#q", "fp6 serving")
    hits = page.locator("#results li.hit")
    assert hits.count() == 1
    assert hits.first.get_attribute("data-issue") == "1"
    assert hits.first.locator("a").inner_text() == title
    hits.first.locator("a").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served + "issues/1/report.html#paper-")
    assert title in page.inner_text("body")
    page.goto(served + "search.html")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('共')")
    page.fill("#q", "sorted llama")  # the hostile title is found, and shown as text
    assert page.locator("#results li.hit a").inner_text() == SHOWN
    assert page.locator("#results li.hit").get_attribute("data-issue") == "2"


def _expected_tags(reports: dict[int, dict], n: int) -> dict[str, tuple[int, str, str]]:
    """Independently of the site code: per tag, (count, share as shown, last issue's count as shown)."""
    def counts(number: int) -> Counter:
        return Counter(t["name"] for p in reports[number]["papers"] for t in p["tags"])

    now, last = counts(n), counts(n - 1) if n > 1 else None
    papers = len(reports[n]["papers"])
    names = set(now) | set(last or ())
    return {name: (now[name], f"{now[name] / papers * 100:.0f}%", "—" if last is None else str(last[name]))
            for name in names}


@chromium
@pytest.mark.parametrize("number", [1, 2, 3])
def test_trend_numbers_on_the_page_equal_the_json(page, served, weekly, number):
    page.goto(served + f"issues/{number}/index.html")
    rows = page.eval_on_selector_all("#trend-tags tbody tr", """rows => rows.map(r => ({
        name: r.dataset.tag, count: r.querySelector('.count').textContent, share: r.querySelector('.share').textContent,
        last: r.querySelector('.last').textContent, vs: r.querySelector('.vs-last').textContent}))""")
    data = json.loads((weekly.site / "issues" / str(number) / "trends.json").read_text(encoding="utf-8"))
    everything = json.loads((weekly.site / "trends.json").read_text(encoding="utf-8"))
    assert everything["issues"][number - 1]["tags"] == data["tags"]
    assert [r["name"] for r in rows] == [t["name"] for t in data["tags"]]
    for row, t in zip(rows, data["tags"]):
        assert int(row["count"]) == t["count"]
        assert row["share"] == f"{t['share'] * 100:.0f}%"
        assert row["last"] == ("—" if t["last_count"] is None else str(t["last_count"]))
        assert row["vs"] == (t["vs_last"] or "—")
    expected = _expected_tags(_reports(weekly), number)
    assert {r["name"]: (int(r["count"]), r["share"], r["last"]) for r in rows} == expected
    # the arrows agree with the counts: a tag new this issue rises, one gone falls
    for r in rows:
        if r["last"] == "0":
            assert r["vs"] == "↑"
        if r["count"] == "0":
            assert r["vs"] == "↓"
    sparks = page.eval_on_selector_all("#trend-tags svg.spark title", "ts => ts.map(t => t.textContent)")
    assert sparks == [f"{t['name']}：{' → '.join(map(str, t['history']))}" for t in data["tags"]]
    earlier = {i["name"] for k in range(1, number) for p in _reports(weekly)[k]["papers"] for i in [{"name": n} for n in p["institutions"]]}
    now = {i for p in _reports(weekly)[number]["papers"] for i in p["institutions"]}
    shown = page.eval_on_selector_all("ul#new-institutions li", "xs => xs.map(x => x.textContent)")
    assert sorted(shown) == sorted(now - earlier) == data["new_institutions"]


@chromium
def test_trends_page_covers_every_issue(page, served, weekly):
    page.goto(served + "trends.html")
    heads = page.eval_on_selector_all("#tags-by-issue thead th a", "xs => xs.map(x => x.textContent)")
    assert heads == ["第1期", "第2期", "第3期"]
    rows = page.eval_on_selector_all("#tags-by-issue tbody tr", """rows => rows.map(r => [r.dataset.tag,
        [...r.querySelectorAll('.count')].map(c => +c.textContent), +r.querySelector('.total').textContent])""")
    reports = _reports(weekly)
    expected = Counter()
    for n in (1, 2, 3):
        for p in reports[n]["papers"]:
            for t in p["tags"]:
                expected[(t["name"], n)] += 1
    names = {name for name, _ in expected}
    assert {r[0] for r in rows} == names
    for name, counts, total in rows:
        assert counts == [expected[(name, n)] for n in (1, 2, 3)] and total == sum(counts)


@chromium
def test_hostile_title_stays_text_on_every_page(page, served):
    for path in ("issues/2/index.html", "issues/2/report.html", "trends.html", "index.html"):
        page.goto(served + path)
        page.wait_for_load_state("load")
    page.goto(served + "issues/2/index.html")
    assert SHOWN in page.inner_text("#papers")
    assert page.evaluate("window.__pwned") is None


def test_feed_is_atom_with_one_entry_per_issue(weekly):
    raw = (weekly.site / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title.split(" · ")[0] for e in feed.entries] == ["第3期", "第2期", "第1期"]
    assert len({e.id for e in feed.entries}) == 3
    assert [e.link for e in feed.entries] == [f"issues/{n}/index.html" for n in (3, 2, 1)]
    assert all(e.updated_parsed for e in feed.entries)
    assert b"<script" not in raw and b"__pwned" not in raw  # cleaned at the merge; raw markup: test_hostile.py
    assert "Sorted LLaMA" in feed.entries[1].summary


def test_feed_links_are_absolute_with_a_base_url(weekly, tmp_path):
    from click.testing import CliRunner

    from paperbrief.cli import cli

    runner = CliRunner(env={"PAPERBRIEF_HOME": str(weekly.home)})
    res = runner.invoke(cli, ["site", str(tmp_path / "s"), "--base-url", "https://example.org/digest/"])
    assert res.exit_code == 0, res.stderr
    feed = feedparser.parse((tmp_path / "s" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].link == "https://example.org/digest/issues/3/index.html"
    assert any(link.rel == "self" and link.href == "https://example.org/digest/feed.xml" for link in feed.feed.links)
