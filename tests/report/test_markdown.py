"""The Markdown report as CommonMark renderers (GitHub, markdown-it) show it."""
import importlib.util
import re

import pytest
from markdown_it import MarkdownIt

from paperbrief.models import Brief, Entry, Failure, KeyResult, Paper, Report, Tag
from paperbrief.report import render, sort_entries

from ..conftest import TOOLS, annotated, needs_shared

FIELDS = ("主要机构", "作者数量", "作者", "技术标签", "链接", "简报来源", "提取提示", "摘要")


def entry(title, fallback=False):
    paper = Paper(file=f"{title}.pdf", sha256=title, title=title, authors=["Ann Lee", "Bo Chen"],
                  affiliations=["Tsinghua University", "Alibaba Group"], abstract="We cut latency by 2.5x with 4-bit weights.",
                  warnings=["affiliations: low confidence"], url="https://arxiv.org/abs/2501.00001")
    brief = Brief(text=f"清华大学发布了{title}论文，使用4-bit量化，解决了延迟问题，达成了2.5x加速", institutions="清华大学",
                  technique="4-bit量化", problem="延迟问题", result="2.5x加速", writer="offline", fallback=fallback,
                  fallback_reason="refusal" if fallback else None, key_results=[KeyResult("延迟", "2.5x", "降低")])
    return Entry(annotated(paper, [Tag("量化", "4-bit weights")]), brief, None)


@pytest.fixture
def md():
    entries = sort_entries([entry("Beta: B | pipes", fallback=True), entry("Alpha: A", fallback=True)])
    report = Report(title="AI推理加速技术论文分析报告", generated_at="2026-11-25 10:00:00", entries=entries,
                    failures=[Failure("bad.pdf", "extract", "encrypted PDF")])
    return render(report, "md")


def test_each_details_field_renders_as_its_own_paragraph(md):
    html = MarkdownIt("commonmark").enable("table").render(md)
    details = html.split("<h2>论文详细信息</h2>", 1)[1].split("<h2>", 1)[0]
    for block in re.split(r"<h3>", details)[1:]:
        paragraphs = re.findall(r"<p>(.*?)</p>", block, re.S)
        labelled = [p for p in paragraphs if p.startswith("<strong>")]
        assert [re.match(r"<strong>(.+?)</strong>", p).group(1) for p in labelled] == list(FIELDS)
        for p in labelled:  # one field per paragraph: no second label and no line break inside
            assert p.count("<strong>") == 1 and "\n" not in p.strip(), p
        assert "We cut latency" in paragraphs[paragraphs.index("<strong>摘要</strong>:") + 1]


def test_overview_tables_render_as_tables(md):
    html = MarkdownIt("commonmark").enable("table").render(md)
    overview = html.split("<h2>本期概览</h2>", 1)[1].split("<h2>论文技术简报</h2>", 1)[0]
    assert overview.count("<table>") == 5  # tags, institutions, sectors, regions, key results
    assert "<td>量化</td>" in overview and "<td>清华大学</td>" in overview and "<td>阿里巴巴</td>" in overview
    assert "Beta: B | pipes" in overview  # an escaped pipe stays inside its cell


@needs_shared
def test_overview_keeps_the_seed_checker_happy(md, tmp_path):
    spec = importlib.util.spec_from_file_location("check_report", TOOLS / "check_report.py")
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    path = tmp_path / "r.md"
    path.write_text(md, encoding="utf-8")
    errors, stats = checker.check(str(path))
    assert errors == [] and stats["papers"] == 2
    assert md.index("## 本期概览") < md.index("## 论文技术简报") < md.index("## 论文详细信息")
