"""Renderers against the seed format's own checker (../shared/tools/check_report.py)."""
import json
import re

import pytest

from paperbrief.models import Brief, Entry, Failure, Paper, Relevance, Report, Tag
from paperbrief.report import render, sort_entries

from ..conftest import annotated, needs_shared, shared_tool

check_report = shared_tool("check_report")


def entry(title, abstract="We cut latency by 2.5x with 4-bit weights.", affs=("Tsinghua University",), fallback=False):
    paper = Paper(file=f"{title}.pdf", sha256=title, title=title, authors=["Ann Lee", "Bo Chen"],
                  affiliations=list(affs), abstract=abstract, warnings=["affiliations: low confidence"])
    brief = Brief(text=f"清华大学发布了{title}论文，使用4-bit量化，解决了延迟问题，达成了2.5x加速", institutions="清华大学",
                  technique="4-bit量化", problem="延迟问题", result="2.5x加速", writer="offline",
                  fallback=fallback, fallback_reason="refusal" if fallback else None)
    return Entry(annotated(paper, [Tag("量化", "4-bit weights")]), brief, None)


@pytest.fixture
def report():
    entries = sort_entries([entry("beta: B"), entry("Alpha: A"), entry("gamma", fallback=True)])
    return Report(title="AI推理加速技术论文分析报告", generated_at="2026-11-25 10:00:00", entries=entries,
                  failures=[Failure("bad.pdf", "extract", "encrypted PDF (needs a password)")],
                  excluded=[Entry(annotated(entry("Currency notes").paper, []), None, Relevance(0.1, False))])


@needs_shared
def test_markdown_passes_the_seed_checker(report, tmp_path):
    md = render(report, "md")
    path = tmp_path / "r.md"
    path.write_text(md, encoding="utf-8")
    errors, stats = check_report.check(str(path))
    assert errors == []
    assert stats["papers"] == 3
    assert md.startswith("# AI推理加速技术论文分析报告\n生成时间: 2026-11-25 10:00:00\n分析论文数量: 3篇\n")


def test_markdown_sorted_by_title_casefold_and_lists_failures(report):
    md = render(report, "md")
    titles = [l for l in md.splitlines() if re.match(r"### \d+\. ", l)]
    assert titles[:3] == ["### 1. Alpha: A", "### 2. beta: B", "### 3. gamma"]
    tail = md.split("## 处理失败的文件", 1)[1]
    assert "`bad.pdf`" in tail and "encrypted PDF" in tail
    assert "**技术标签**: 量化" in md
    assert "**作者数量**: 2人\n\n**作者**: Ann Lee, Bo Chen\n" in md
    # institutions that themselves contain commas stay distinguishable
    assert "**主要机构**: Tsinghua University\n" in md
    assert "LLM 回答未采用：refusal" in md  # fallback briefs are marked
    assert "Currency notes（相关度 0.10）" in md


@needs_shared
def test_checker_rejects_a_broken_report(report, tmp_path):
    """The contract test above can fail: an empty title or a refusal is caught."""
    report.entries[0].paper.title = ""
    report.entries[1].brief.text = "请提供论文的标题、主要机构和摘要信息"
    path = tmp_path / "r.md"
    path.write_text(render(report, "md"), encoding="utf-8")
    errors, _ = check_report.check(str(path))
    assert any("empty title" in e for e in errors)
    assert any("refusal" in e for e in errors)


def test_institutions_are_separated_unambiguously():
    e = entry("X", affs=("Stanford University, Stanford, CA", "NVIDIA, Santa Clara, CA"))
    md = render(Report(title="T", generated_at="2026-11-25 10:00:00", entries=[e]), "md")
    assert "**主要机构**: Stanford University, Stanford, CA；NVIDIA, Santa Clara, CA\n" in md


def test_json_has_every_field(report):
    data = json.loads(render(report, "json"))
    assert data["paper_count"] == 3
    first = data["papers"][0]
    for key in ("file", "title", "authors", "author_count", "affiliations", "abstract", "warnings", "brief", "tags"):
        assert key in first
    assert first["author_count"] == 2
    assert first["brief"]["writer"] == "offline"
    assert data["failures"] == [{"file": "bad.pdf", "stage": "extract", "reason": "encrypted PDF (needs a password)"}]
    assert data["excluded"][0]["relevance"]["score"] == 0.1


def test_html_escapes_paper_text(report):
    report.entries[0].paper.abstract = "<script>alert(1)</script>"
    html = render(report, "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert html.count('<tbody class="paper" id="paper-') == 3
