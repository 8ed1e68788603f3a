"""The Atom feed (RFC 4287): one entry per issue, newest first, with a text summary and a link.

Built with ElementTree, which escapes every string a paper brings (a title holding
``<script>`` stays text). Ids are ``tag:`` URIs (RFC 4151) of the topic and issue number,
so they never change when the site moves; links are absolute when a base URL is known and
relative to the feed otherwise (RFC 4287 allows both; feed readers resolve the latter
against the feed's own address).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from ..digest.records import IssueRecord
from ..digest.trends import Trends

ATOM = "http://www.w3.org/2005/Atom"
ID_YEAR = "2026"  # the tag URI's date: fixed, so ids stay the same forever


@dataclass(frozen=True)
class FeedInfo:
    title: str
    topic: str
    base_url: str = ""  # e.g. https://you.github.io/digest/ ; "" keeps links relative


def _url(info: FeedInfo, path: str) -> str:
    return (info.base_url.rstrip("/") + "/" + path) if info.base_url else path


def _tag(info: FeedInfo, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in info.topic) or "topic"
    return f"tag:paperbrief.digest,{ID_YEAR}:{safe}{suffix}"


def summary(issue: IssueRecord, trends: Trends) -> str:
    """One paragraph of plain text: paper count, leading tags with arrows, new institutions, the titles."""
    report = issue.report
    tags = "、".join(f"{t.name} {t.count}{t.vs_last}" for t in trends.tags if t.count)[:300]
    parts = [f"第{issue.number}期（{issue.since} – {issue.until}）：{trends.papers}篇论文。"]
    if issue.summary:
        parts.append(issue.summary)
    if tags:
        parts.append(f"技术标签：{tags}。")
    if trends.new_institutions:
        parts.append(f"首次出现的机构：{'、'.join(trends.new_institutions[:10])}。")
    titles = [p["title"] for p in report.get("papers", [])]
    if titles:
        parts.append("论文：" + "；".join(titles))
    return " ".join(parts)


def atom(issues: Sequence[IssueRecord], trends: dict[int, Trends], info: FeedInfo) -> bytes:
    """The feed document for ``issues`` (any order; entries come out newest first)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    newest = sorted(issues, key=lambda i: -i.number)

    def sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", _tag(info, ""))
    sub(feed, "title", info.title)
    sub(feed, "updated", newest[0].created if newest else "1970-01-01T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", "paperbrief")
    sub(feed, "generator", "paperbrief")
    sub(feed, "link", rel="alternate", type="text/html", href=_url(info, "index.html"))
    if info.base_url:
        sub(feed, "link", rel="self", type="application/atom+xml", href=_url(info, "feed.xml"))
    for issue in newest:
        entry = sub(feed, "entry")
        sub(entry, "id", _tag(info, f"/issue/{issue.number}"))
        sub(entry, "title", f"第{issue.number}期 · {issue.title}")
        sub(entry, "updated", issue.created)
        sub(entry, "published", issue.created)
        sub(entry, "link", rel="alternate", type="text/html", href=_url(info, f"issues/{issue.number}/index.html"))
        sub(entry, "summary", summary(issue, trends[issue.number]), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
