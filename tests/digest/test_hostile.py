"""The hostile paper of issue 21 in the digest's outputs: the site's pages, the Atom feed and the mail.

The same typeset paper as tests/test_cli_hostile.py (a `<script>` title, markup in an author and
an affiliation, an instruction in the abstract) is stored as an issue; every page of the site,
the feed and both parts of the mail must carry its text as text, never as markup.
"""
from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import feedparser
import pytest

from paperbrief.digest.records import IssueRecord
from paperbrief.mail import MailSettings, compose
from paperbrief.site import SiteOptions, build_site, issue_trends_of

from .. import hostile_paper as hostile

PAPER_TAGS = {"script", "img", "b"}  # the elements the paper prints; the pages may have scripts of their own


class Elements(HTMLParser):
    """Every element with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def issue(tmp_path_factory) -> IssueRecord:
    """The paper's issue, its stored JSON holding the fields as printed (extraction cleans them; the
    renderers must not rely on that: an older store, or another source, may hand them raw)."""
    files = hostile.reports(tmp_path_factory.mktemp("hostile-digest"))
    text = {fmt: path.read_text(encoding="utf-8") for fmt, path in files.items()}
    report = json.loads(text["json"])
    paper = report["papers"][0]
    paper.update(title=hostile.TITLE, authors=hostile.AUTHORS, affiliations=[hostile.AFFILIATION],
                 institutions=[hostile.AFFILIATION])
    return IssueRecord(topic="t", number=1, since=date(2026, 11, 30), until=date(2026, 12, 7),
                       created="2026-12-07T06:00:00Z", title="AI推理加速周报",
                       report_json=json.dumps(report, ensure_ascii=False), report_html=text["html"],
                       report_md=text["md"])


def assert_inert(html: str) -> None:
    page = parse(html)
    assert not [e for e in page.elements if "onerror" in e[1] or "onmouseover" in e[1]]
    assert not any(tag in PAPER_TAGS and "alert" in json.dumps(attrs) for tag, attrs in page.elements)
    assert "alert(1)" not in "".join(s for s in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))
    assert "<b>negligible</b>" not in html and "<img src=x" not in html


def test_every_page_of_the_site_keeps_the_papers_markup_as_text(issue, tmp_path) -> None:
    site = build_site([issue], tmp_path / "site", SiteOptions(title="AI推理加速周报", topic="t"))
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        assert_inert(page.read_text(encoding="utf-8"))
    shown = " ".join(parse((site / "issues" / "1" / "index.html").read_text(encoding="utf-8")).text)
    assert hostile.TITLE in shown  # as text


def test_the_feed_reads_the_title_as_text(issue, tmp_path) -> None:
    site = build_site([issue], tmp_path / "site", SiteOptions(title="AI推理加速周报", topic="t"))
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 1
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<img" not in raw
    assert feed.entries[0].summary_detail.type == "text/plain"  # a text construct: never parsed as markup
    assert hostile.TITLE in feed.entries[0].summary  # the title as text


def test_both_parts_of_the_mail_keep_the_papers_markup_as_text(issue) -> None:
    trends = issue_trends_of([issue])[1]
    msg = compose(issue, trends, MailSettings(host="127.0.0.1", sender="digest@example.org", to=("r@example.org",)))
    html = msg.get_body(("html",)).get_content()
    plain = msg.get_body(("plain",)).get_content()
    assert_inert(html)
    assert "<script>alert(1)</script>" not in html
    assert hostile.TITLE in " ".join(parse(html).text)  # shown, as text
    assert hostile.CLEAN_TITLE in plain
