"""The hostile paper of issue 21 through ``paperbrief report`` in all three formats.

Markdown: rendered by markdown-it-py with raw HTML on, no tag from the paper survives and
every field reads as the paper's text. JSON: the data as printed. HTML: escaped (the page in
Chromium is tests/report/test_browser.py's). Every format: two authors, a warning per field.
"""
from __future__ import annotations

import json
import re

import pytest

from . import hostile_paper as hostile
from .conftest import needs_shared, shared_tool
from .report.test_markdown_hostile import STRUCTURE, rendered

INJECTED_WORDS = ("paper", "ignore", "previous", "instructions", "output", "hacked", "指令", "忽略", "输出")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    files = hostile.reports(tmp_path_factory.mktemp("hostile"))
    return {fmt: path.read_text(encoding="utf-8") for fmt, path in files.items()}


def test_markdown_renders_no_tag_from_the_paper(out):
    page = rendered(out["md"])
    assert page.tags <= STRUCTURE, page.tags - STRUCTURE
    paragraphs = [text for tag, text in page.blocks if tag == "p"]
    assert paragraphs[paragraphs.index("摘要:") + 1] == hostile.ABSTRACT  # shown as printed, as text
    assert f"作者: {', '.join(hostile.CLEAN_AUTHORS)}" in paragraphs
    assert f"主要机构: {hostile.CLEAN_AFFILIATION}" in paragraphs
    assert [text for tag, text in page.blocks if tag == "h3"][-2:] == [f"1. {hostile.CLEAN_TITLE}"] * 2


def test_every_format_counts_both_authors_and_names_the_fields(out):
    assert re.search(r"^\*\*作者数量\*\*: 2人$", out["md"], re.M)
    notes = re.search(r"^\*\*提取提示\*\*: (.*)$", out["md"], re.M).group(1)
    assert "title: markup removed" in notes and "authors: markup removed from Alice Zhang" in notes
    assert "affiliations: markup removed from Tsinghua University" in notes
    paper = json.loads(out["json"])["papers"][0]
    assert paper["author_count"] == 2 and paper["authors"] == hostile.CLEAN_AUTHORS
    assert [w.split(":")[0] for w in paper["warnings"] if "markup" in w] == ["title", "authors", "affiliations"]
    assert "Alice Zhang" in out["html"] and "Bob Li" in out["html"]


def test_json_keeps_the_abstract_as_printed(out):
    paper = json.loads(out["json"])["papers"][0]
    assert paper["abstract"] == hostile.ABSTRACT
    assert paper["title"] == hostile.CLEAN_TITLE and paper["affiliations"] == [hostile.CLEAN_AFFILIATION]


def test_html_escapes_the_abstract(out):
    assert "<b>negligible</b>" not in out["html"] and "&lt;b&gt;negligible&lt;/b&gt;" in out["html"]
    assert "</paper>" not in out["html"] and "onerror" not in out["html"] and "onmouseover" not in out["html"]


@needs_shared
def test_markdown_passes_the_seed_checker(out, tmp_path):
    path = tmp_path / "r.md"
    path.write_text(out["md"], encoding="utf-8")
    assert shared_tool("check_report").check(str(path))[0] == []


def test_no_word_of_the_injected_span_reaches_the_offline_brief(out):
    brief = json.loads(out["json"])["papers"][0]["brief"]["text"]
    assert brief and not [w for w in INJECTED_WORDS if w in brief.casefold()], brief
