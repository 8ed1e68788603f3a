"""The HTML page as text: self-contained, escaped, every title once, anchors that resolve."""
import json
import re
from html import unescape

from paperbrief.models import Brief, Entry, Failure, KeyResult, Paper, Relevance, Report, Tag
from paperbrief.report import render, sort_entries

from ..conftest import annotated

HOSTILE = ['<script>alert("t")</script>', "<img src=x onerror=alert(1)>"]


def entry(title, affs=("Tsinghua University",), tags=("量化",), url=None, arxiv_id=None, key_results=()):
    paper = Paper(file=f"{title}.pdf", sha256=title, title=title, authors=["Ann Lee"], affiliations=list(affs),
                  abstract="We cut latency by 2.5x.", url=url, arxiv_id=arxiv_id)
    brief = Brief(text=f"清华大学发布了{title}论文，使用量化，解决了延迟问题，达成了2.5x加速", institutions="清华大学",
                  technique="量化", problem="延迟问题", result="2.5x加速", writer="offline", key_results=list(key_results))
    return Entry(annotated(paper, [Tag(t, "evidence") for t in tags]), brief, None)


def report(entries, **kw):
    return Report(title="AI推理加速技术论文分析报告", generated_at="2026-11-25 10:00:00", entries=sort_entries(entries), **kw)


def test_self_contained():
    html = render(report([entry("Alpha: A", arxiv_id="2501.00001")]), "html")
    assert not re.search(r"<link\b|\bsrc=|url\(|@import", html, re.I)
    # the only network addresses are links the reader may follow
    assert {m.group(1) for m in re.finditer(r'(https?://[^"\s<]+)', html)} <= {
        "https://arxiv.org/abs/2501.00001", "https://arxiv.org/pdf/2501.00001", "http://www.w3.org/2000/svg"}
    assert '"Noto Sans CJK SC"' in html and "<svg" in html


def test_every_string_from_a_paper_is_escaped():
    hostile = [entry(HOSTILE[0], affs=[HOSTILE[1]], tags=[HOSTILE[1]],
                     key_results=[KeyResult(HOSTILE[0], HOSTILE[1])], url="javascript:alert(1)"),
               entry(HOSTILE[1], affs=[HOSTILE[0]])]
    hostile[0].paper.abstract = hostile[0].brief.text = HOSTILE[1]
    hostile[0].paper.authors = [HOSTILE[0]]
    excluded = entry(HOSTILE[0])
    html = render(report(hostile, failures=[Failure(HOSTILE[1], "extract", HOSTILE[0])],
                         excluded=[Entry(annotated(excluded.paper, []), None, Relevance(0.1, False))]), "html")
    assert "<img" not in html and "onerror=alert" in html  # present, but only as text
    assert html.count("<script") == 1  # the page's own filter script
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html


def test_each_title_once_with_an_anchor_every_link_reaches():
    entries = [entry("Alpha: A", key_results=[KeyResult("延迟", "2.5x", "降低")]), entry("Beta: B"), entry("gamma")]
    html = render(report(entries), "html")
    for title in ("Alpha: A", "Beta: B", "gamma"):
        assert html.count(f">{title}<") == 1
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {f"paper-{i}" for i in (1, 2, 3)} <= ids
    assert {h[1:] for h in re.findall(r'href="(#[^"]+)"', html)} <= ids


def test_charts_show_the_overview_counts():
    entries = [entry("A", tags=("量化", "剪枝")), entry("B", tags=("量化",), affs=("Peking University", "Google")),
               entry("C", tags=("KV缓存",), affs=("Peking University",))]
    html = render(report(entries), "html")
    # counted by hand: A is Tsinghua's, B Peking's and Google's (US), C Peking's; once per paper,
    # most first, then by name in code-point order
    expected = {
        "tags": [("量化", 2), ("KV缓存", 1), ("剪枝", 1)],
        "institutions": [("北京大学", 2), ("清华大学", 1), ("谷歌", 1)],
        "sectors": [("学术界", 2), ("产学合作", 1)],
        "regions": [("中国大陆", 3), ("美国", 1)],
    }
    for key, counts in expected.items():
        figure = re.search(rf'<figure class="chart" id="chart-{key}">(.*?)</figure>', html, re.S).group(1)
        bars = [(n, int(c)) for n, c in re.findall(r'data-name="([^"]*)" data-count="(\d+)"', figure)]
        assert bars == counts, key
    rows = re.findall(r"<tbody class=\"paper\" id=\"paper-(\d)\" data-tags='([^']*)'>", html)
    assert [(n, json.loads(unescape(tags))) for n, tags in rows] == [("1", ["量化", "剪枝"]), ("2", ["量化"]), ("3", ["KV缓存"])]


def test_the_middle_band_is_listed_apart_in_every_format():
    near = Entry(annotated(entry("Near Miss: Early Exit").paper, []), None, Relevance(0.31, False, category="early exit", borderline=True))
    r = report([entry("Alpha: A")], borderline=[near])
    html, md, data = render(r, "html"), render(r, "md"), json.loads(render(r, "json"))
    assert 'href="#borderline"' in html and "Near Miss: Early Exit（相关度 0.31，最接近：early exit）" in html
    assert "## 可能相关的论文" in md and "Near Miss: Early Exit（相关度 0.31，最接近：early exit）" in md
    assert [p["title"] for p in data["borderline"]] == ["Near Miss: Early Exit"]
    assert [p["title"] for p in data["papers"]] == ["Alpha: A"]  # not mixed in with the briefed papers
