"""The HTML report in a real browser: Debian's chromium driven by playwright (no browser download).

Skips where playwright or chromium is missing (PAPERBRIEF_CHROMIUM names another binary);
.ci/run installs both.
"""
import json
import os
import shutil
from pathlib import Path

import pytest

from paperbrief.models import Brief, Entry, Failure, KeyResult, Paper, Relevance, Report, Tag
from paperbrief.report import render, sort_entries

from ..conftest import REAL, annotated, needs_shared

CHROMIUM = os.environ.get("PAPERBRIEF_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install '.[test]')")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="needs chromium (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def entry(title, tags, affs=("Tsinghua University",), key_results=()):
    paper = Paper(file=f"{title[:20]}.pdf", sha256=title, title=title, authors=["Ann Lee"], affiliations=list(affs),
                  abstract=f"We study {title} and cut latency by 2.5x.")
    brief = Brief(text="清华大学发布了X论文，使用量化，解决了延迟问题，达成了2.5x加速", institutions="清华大学",
                  technique="量化", problem="延迟问题", result="2.5x加速", writer="offline", key_results=list(key_results))
    return Entry(annotated(paper, [Tag(t, "evidence") for t in tags]), brief, None)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    entries = [entry("Alpha: fast quantized serving", ["量化", "推理服务与调度"], ["Peking University", "Google"],
                     [KeyResult("延迟", "2.5x", "降低")]),
               entry("Beta: pruning at scale", ["剪枝"]),
               entry("Gamma: pruned and quantized", ["剪枝", "量化"], ["Alibaba Group"]),
               entry(HOSTILE, ["KV缓存"], [HOSTILE])]
    report = Report(title="AI推理加速技术论文分析报告", generated_at="2026-11-25 10:00:00", entries=sort_entries(entries),
                    failures=[Failure("bad.pdf", "extract", "encrypted PDF")],
                    excluded=[Entry(annotated(entry("Currency notes", ["其他"]).paper, []), None, Relevance(0.1, False))])
    folder = tmp_path_factory.mktemp("html")
    (folder / "r.html").write_text(render(report, "html"), encoding="utf-8")
    return folder / "r.html", json.loads(render(report, "json"))


@pytest.fixture
def page(browser, built):
    page = browser.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(built[0].as_uri())
    yield page
    page.close()


def row_of(built, prefix):
    return next(f"paper-{p['number']}" for p in built[1]["papers"] if p["title"].startswith(prefix))


def visible_rows(page):
    return page.eval_on_selector_all("tbody.paper", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)")


def test_loads_without_console_errors_overview_on_top(page, built):
    assert page.errors == []
    assert page.requests == [built[0].as_uri()]  # self-contained: nothing else is fetched
    assert page.is_visible("#filters")  # the script ran
    overview, papers = page.locator("#overview").bounding_box(), page.locator("#papers").bounding_box()
    assert overview["y"] < papers["y"]
    links = page.locator("tbody.paper td.title a")
    assert links.all_inner_texts() == [p["title"] for p in built[1]["papers"]]
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.is_visible("text=encrypted PDF") and page.is_visible("text=Currency notes（相关度 0.10）")


def test_filter_by_tag_shows_only_those_papers(page, built):
    page.select_option("#tag-filter", "剪枝")
    want = {f"paper-{p['number']}" for p in built[1]["papers"] if "剪枝" in [t["name"] for t in p["tags"]]}
    assert set(visible_rows(page)) == want and len(want) == 2
    assert page.inner_text("#shown") == "2"
    page.select_option("#tag-filter", "")
    assert len(visible_rows(page)) == 4
    page.fill("#search", "beta: PRUNING")
    assert visible_rows(page) == [row_of(built, "Beta")]
    page.fill("#search", "")
    alpha = row_of(built, "Alpha")
    page.click(f"#{alpha} button.tag >> text=推理服务与调度")  # a tag in a row filters too
    assert visible_rows(page) == [alpha]
    assert page.errors == []


def test_readable_without_javascript(browser, built):
    page = browser.new_page(java_script_enabled=False)
    page.goto(built[0].as_uri())
    assert not page.is_visible("#filters")  # controls that would do nothing stay hidden
    assert len(visible_rows(page)) == len(built[1]["papers"])
    page.click("tbody.paper >> nth=0 >> details.more:not(.basis) > summary")  # details open natively
    assert page.locator("tbody.paper >> nth=0 >> .abstract").is_visible()
    page.close()


def test_hostile_title_stays_text(page):
    assert page.evaluate("window.__pwned") is None
    assert page.locator("tbody.paper td.title a", has_text="window.__pwned = 1").inner_text() == HOSTILE
    assert page.locator("img").count() == 0


def test_overview_numbers_match_the_json(page, built):
    overview = built[1]["overview"]
    for key in ("tags", "institutions", "sectors", "regions"):
        shown = page.eval_on_selector_all(
            f"#chart-{key} g.bar",
            "bars => bars.map(b => ({name: b.dataset.name, count: Number(b.querySelector('text.count').textContent)}))")
        assert shown == overview[key][:len(shown)] and shown, key
        labels = page.locator(f"#chart-{key} text.label").all_text_contents()
        assert len(labels) == len(shown)
        assert all(label == c["name"] or (label.endswith("…") and c["name"].startswith(label[:-1]))
                   for label, c in zip(labels, shown))
    cells = page.locator("table.results tbody td").all_inner_texts()
    assert cells == [f"{row_of(built, 'Alpha')[6:]}. Alpha", "量化", "延迟降低2.5x"]


@needs_shared
def test_real_corpus_report_shows_every_title(browser, tmp_path):
    from click.testing import CliRunner

    from paperbrief.cli import cli

    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(REAL / "pdf"), "-o", str(out), "--store", str(tmp_path / "s.db")],
                                env={"PAPERBRIEF_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    links = page.locator("tbody.paper td.title a")
    assert links.count() == len(list((REAL / "pdf").glob("*.pdf")))
    assert all(links.nth(i).is_visible() and links.nth(i).inner_text().strip() for i in range(links.count()))
    assert page.locator("#overview").bounding_box()["y"] < page.locator("#papers").bounding_box()["y"]
    assert errors == []
    page.close()


def test_hostile_paper_shows_its_text_and_fires_nothing(browser, tmp_path):
    """Issue 21's paper through ``paperbrief report``: the abstract's markup is text, no dialog opens."""
    from .. import hostile_paper as hostile

    html = hostile.reports(tmp_path, ("html",))["html"]
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri())
    page.click("tbody.paper >> nth=0 >> details.more:not(.basis) > summary")
    assert page.locator("tbody.paper .abstract").first.inner_text().strip() == f"摘要：{hostile.ABSTRACT}"
    assert page.locator("tbody.paper td.title a").first.inner_text() == hostile.CLEAN_TITLE
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0
    page.mouse.move(10, 10)
    page.hover("tbody.paper >> nth=0")
    assert dialogs == [] and errors == [] and page.evaluate("typeof window.alert") == "function"
    page.close()
