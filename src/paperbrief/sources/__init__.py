"""Inputs -> Sources: local PDFs and folders, arXiv IDs/URLs, an arXiv query.

Public entry: ``collect(inputs, ...) -> (sources, failures)``. What cannot be read is a
``Failure`` naming the input, never an exception that stops the batch.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..models import Failure, Source
from .local import local_sources

__all__ = ["ArxivQuery", "collect", "local_sources"]


@dataclass(frozen=True)
class ArxivQuery:
    query: str | None = None
    since: date | None = None
    until: date | None = None
    categories: list[str] = field(default_factory=list)
    max_results: int | None = None


def _looks_like_arxiv(item: str) -> str | None:
    if Path(item).exists():
        return None
    from .arxiv import parse_id

    return parse_id(item)


def collect(inputs: list[str], *, arxiv: ArxivQuery | None = None, arxiv_settings=None,
            cache_dir: Path | None = None, transport=None, skip: Collection[str] = ()) -> tuple[list[Source], list[Failure]]:
    """``skip``: base arXiv IDs to leave out of query results (see ``arxiv.fetch_sources``)."""
    ids = [i for i in inputs if _looks_like_arxiv(i)]
    local = [i for i in inputs if i not in ids]
    sources, failures = local_sources(local)
    if ids or (arxiv and (arxiv.query or arxiv.categories or arxiv.since or arxiv.until)):
        from .arxiv import ArxivSettings, fetch_sources

        q = arxiv or ArxivQuery()
        searching = q.query is not None or bool(q.categories or q.since or q.until)
        got, failed = fetch_sources(
            ids, (q.query or "") if searching else None, since=q.since, until=q.until, categories=q.categories,
            max_results=q.max_results, settings=arxiv_settings or ArxivSettings(),
            cache_dir=cache_dir or Path("."), transport=transport, skip=skip,
        )
        sources += got
        failures += failed
    return sources, failures
