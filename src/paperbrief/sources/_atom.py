"""The arXiv export API's Atom feed -> plain values. feedparser does the XML; we only map fields.

One public function, ``parse(content) -> Feed``. Entries whose ID is not a valid arXiv ID
(a hostile or broken mirror) are kept with ``entry=None`` so the caller can report them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser  # type: ignore[import-untyped]

from ..models import ArxivEntry
from ._ids import feed_id

# arXiv marks withdrawals in the comment ("This paper has been withdrawn by the author ...",
# "Withdrawn due to ...") and often replaces the abstract with the same sentence.
_WITHDRAWN_COMMENT = re.compile(r"\bwithdrawn\b", re.IGNORECASE)
_WITHDRAWN_SUMMARY = re.compile(
    r"^\s*(?:this|the) (?:paper|article|submission|manuscript|work|version) (?:has been|is|was) withdrawn", re.IGNORECASE)


class FeedError(ValueError):
    """The response is not an arXiv Atom feed (HTML error page, truncated XML)."""


@dataclass(frozen=True)
class FeedEntry:
    raw_id: str  # the <id> as given, for messages
    entry: ArxivEntry | None  # None when <id> is not an arXiv ID
    comment: str = ""
    withdrawn: bool = False


@dataclass(frozen=True)
class Feed:
    total: int
    start: int
    per_page: int
    entries: tuple[FeedEntry, ...]
    error: str | None = None  # the API's own error entry ("incorrect id format for ...")


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _entry(e: feedparser.FeedParserDict) -> FeedEntry:
    raw_id = _text(e.get("id"))
    comment = _text(e.get("arxiv_comment"))
    summary = _text(e.get("summary"))
    withdrawn = bool(_WITHDRAWN_COMMENT.search(comment) or _WITHDRAWN_SUMMARY.search(summary))
    arxiv_id = feed_id(raw_id)
    if arxiv_id is None:
        return FeedEntry(raw_id, None, comment, withdrawn)
    links = e.get("links", [])
    abs_url = next((ln["href"] for ln in links if ln.get("rel") == "alternate"), "")
    pdf_url = next((ln["href"] for ln in links if ln.get("title") == "pdf"), "")
    primary = (e.get("arxiv_primary_category") or {}).get("term", "")
    cats = [primary] if primary else []
    cats += [t["term"] for t in e.get("tags", []) if t.get("term") and t["term"] not in cats]
    entry = ArxivEntry(
        arxiv_id=arxiv_id,
        title=_text(e.get("title")),
        authors=tuple(n for a in e.get("authors", []) if (n := _text(a.get("name")))),
        abstract=summary,
        categories=tuple(cats),
        published=_text(e.get("published"))[:10],
        updated=_text(e.get("updated"))[:10],
        abs_url=abs_url,
        pdf_url=pdf_url,
    )
    return FeedEntry(raw_id, entry, comment, withdrawn)


def _int(feed: feedparser.FeedParserDict, key: str, default: int) -> int:
    try:
        return int(str(feed.get(key, default)).strip())
    except ValueError:
        return default


def parse(content: bytes) -> Feed:
    """Parse one API response. Raises ``FeedError`` when it is not a complete Atom feed."""
    d = feedparser.parse(content)
    if d.bozo or not str(d.get("version", "")).startswith("atom"):
        reason = d.get("bozo_exception") or "not an Atom feed"
        raise FeedError(f"malformed API response: {reason}")
    entries = d.entries
    errors = [e for e in entries if "/api/errors" in str(e.get("id", ""))]
    if errors:
        return Feed(0, 0, 0, (), error=_text(errors[0].get("summary")) or "arXiv API error")
    items = tuple(_entry(e) for e in entries)
    return Feed(
        total=_int(d.feed, "opensearch_totalresults", len(items)),
        start=_int(d.feed, "opensearch_startindex", 0),
        per_page=_int(d.feed, "opensearch_itemsperpage", len(items)),
        entries=items,
    )
