"""arXiv as a source: look up IDs and/or run a query on the export API, cache each PDF.

Public: ``ArxivSettings``, ``parse_id``, ``build_query``, ``cache_path``, ``fetch_sources``.

Transport is httpx (an injectable ``transport`` lets tests use a fake, and base URLs are
settings so tests and mirrors can point at 127.0.0.1); the Atom feed is read by feedparser
(``_atom``); retries are tenacity (``_http``). The ``arxiv`` PyPI package was not used: it
hard-codes ``requests``, so it takes neither an httpx transport nor our cache rules.

Politeness follows arXiv's API terms: one request at a time, at least ``delay`` seconds
(default 3) between the end of one request and the start of the next, PDFs included; a
User-Agent naming paperbrief and its version; transient errors retried with backoff,
honouring ``Retry-After``. Cached PDFs are reused without any request.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from ..errors import ArxivError, SourceError
from ..models import ArxivEntry, Failure, Source
from ._atom import Feed, FeedEntry, FeedError, parse
from ._download import DownloadError, download_pdf
from ._http import EmptyPage, PoliteClient
from ._ids import base_id, cache_name, parse_id

__all__ = [
    "DEFAULT_API_URL",
    "ENV_API_URL",
    "USER_AGENT",
    "ArxivSettings",
    "build_query",
    "cache_path",
    "fetch_sources",
    "parse_id",
]

DEFAULT_API_URL = "http://export.arxiv.org/api/query"
ENV_API_URL = "PAPERBRIEF_ARXIV_API_URL"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("paperbrief")
    except PackageNotFoundError:
        return "0+unknown"


USER_AGENT = f"paperbrief/{_version()} (AI-inference paper briefs; arXiv API client; httpx/{httpx.__version__})"

ProgressFn = Callable[[int, int, str], None]  # (done, total, label) after each paper


@dataclass(frozen=True)
class ArxivSettings:
    api_url: str = DEFAULT_API_URL
    delay: float = 3.0  # seconds between requests (arXiv asks for >= 3)
    retries: int = 3  # extra attempts after the first, for transient errors only
    page_size: int = 100  # results per API page
    timeout: float = 30.0  # per request (connect/read/write/pool)
    max_pdf_bytes: int = 50 * 2**20
    user_agent: str = USER_AGENT
    backoff: float = 3.0  # first retry waits this long, then doubles
    pdf_deadline: float = 300.0  # whole-body limit per PDF download attempt


def cache_path(cache_dir: Path, arxiv_id: str) -> Path:
    """Where the PDF of a canonical ID lives; always directly inside ``cache_dir``."""
    path = Path(cache_dir) / cache_name(arxiv_id)
    if path.resolve().parent != Path(cache_dir).resolve():
        raise ValueError(f"cache path escapes {cache_dir}: {arxiv_id!r}")
    return path


_FIELD = re.compile(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all|submittedDate|lastUpdatedDate):")
_BOOL = re.compile(r"\b(?:AND|OR|ANDNOT)\b")
_CATEGORY = re.compile(r"[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?")
_TERM = re.compile(r'"[^"]+"|\S+')


def build_query(query: str | None, *, since: date | None = None, until: date | None = None,
                categories: list[str] | tuple[str, ...] = (), today: date | None = None) -> str:
    """The API's ``search_query``: the user's query AND categories AND a submittedDate window.

    A query already in arXiv syntax (``ti:``, ``abs:``, ``AND`` ...) is used as is; plain
    words become ``all:`` terms joined by AND (quoted phrases stay phrases).
    Raises ``SourceError`` for a malformed category or an empty query.
    """
    parts: list[str] = []
    q = (query or "").strip()
    if q:
        if _FIELD.search(q) or _BOOL.search(q):
            parts.append(f"({q})")
        else:
            parts.append(" AND ".join(f"all:{t}" for t in _TERM.findall(q)))
    for cat in categories:
        if not _CATEGORY.fullmatch(cat):
            raise SourceError(cat, "not an arXiv category (like cs.LG)")
    if categories:
        parts.append("(" + " OR ".join(f"cat:{c}" for c in categories) + ")")
    if since or until:
        start = since.strftime("%Y%m%d") + "0000" if since else "199107010000"
        end = (until or today or datetime.now(UTC).date()).strftime("%Y%m%d") + "2359"
        parts.append(f"submittedDate:[{start} TO {end}]")
    if not parts:
        raise SourceError("--arxiv", "empty query: give words, --category or --since")
    return " AND ".join(parts)


def _in_window(entry: ArxivEntry, since: date | None, until: date | None) -> bool:
    """Belt and braces for mirrors that ignore submittedDate: filter on the published date."""
    if not (since or until) or not entry.published:
        return True
    try:
        day = date.fromisoformat(entry.published)
    except ValueError:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


def _get_feed(client: PoliteClient, url: str, params: dict[str, str | int], *, want_more: bool) -> Feed:
    """One API page, retried; ``want_more`` treats an empty page as transient."""
    def request(http: httpx.Client) -> Feed:
        resp = http.get(url, params=params)
        if resp.status_code == 400:  # the API explains bad queries in an Atom error entry
            try:
                feed = parse(resp.content)
            except FeedError:
                feed = None
            if feed is not None and feed.error:
                return feed
        resp.raise_for_status()
        feed = parse(resp.content)
        if want_more and not feed.entries and not feed.error and feed.total > int(params.get("start", 0)):
            raise EmptyPage(f"empty page at start={params.get('start')} of {feed.total}")
        return feed
    return client.call(request)


def _why(exc: BaseException) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code} from {exc.request.url}"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__}) for {exc.request.url}"
    if isinstance(exc, httpx.TransportError):
        return f"network error for {exc.request.url}: {exc or type(exc).__name__}"
    return str(exc)


def _lookup(client: PoliteClient, settings: ArxivSettings, wanted: dict[str, str]) -> tuple[list[tuple[str, FeedEntry]], list[Failure]]:
    """Metadata for canonical IDs (``wanted``: canonical -> as typed), in the order given."""
    found: dict[str, FeedEntry] = {}
    failures: list[Failure] = []
    ids = list(wanted)
    for i in range(0, len(ids), settings.page_size):
        chunk = ids[i:i + settings.page_size]
        params: dict[str, str | int] = {"id_list": ",".join(chunk), "start": 0, "max_results": len(chunk)}
        try:
            feed = _get_feed(client, settings.api_url, params, want_more=False)
        except (httpx.HTTPError, FeedError, EmptyPage) as exc:
            failures += [Failure(wanted[c], "source", f"arXiv lookup failed: {_why(exc)}") for c in chunk]
            continue
        if feed.error:
            failures += [Failure(wanted[c], "source", f"arXiv lookup failed: {feed.error}") for c in chunk]
            continue
        by_base = {base_id(fe.entry.arxiv_id): fe for fe in feed.entries if fe.entry is not None}
        for c in chunk:
            fe = by_base.get(base_id(c))
            if fe is None:
                failures.append(Failure(wanted[c], "source", "not found on arXiv"))
            else:
                found[c] = fe
    return [(c, found[c]) for c in ids if c in found], failures


def _search(client: PoliteClient, settings: ArxivSettings, search_query: str, *, since: date | None,
            until: date | None, max_results: int | None) -> tuple[list[FeedEntry], list[Failure]]:
    """All entries of a query, page by page, newest submissions first, up to ``max_results``."""
    got: list[FeedEntry] = []
    start = 0
    while max_results is None or len(got) < max_results:
        n = settings.page_size if max_results is None else min(settings.page_size, max_results - len(got))
        params: dict[str, str | int] = {"search_query": search_query, "start": start, "max_results": n,
                                        "sortBy": "submittedDate", "sortOrder": "descending"}
        try:
            feed = _get_feed(client, settings.api_url, params, want_more=True)
        except (httpx.HTTPError, FeedError, EmptyPage) as exc:
            if start == 0:
                raise ArxivError(settings.api_url, f"query failed: {_why(exc)}", client.retries + 1) from None
            return got, [Failure(search_query, "source", f"results after {start} not fetched: {_why(exc)}")]
        if feed.error:
            raise ArxivError(settings.api_url, f"query rejected: {feed.error}")
        for fe in feed.entries:
            if fe.entry is None or _in_window(fe.entry, since, until):
                got.append(fe)
        start += len(feed.entries)
        if not feed.entries or start >= feed.total:
            break
    return (got if max_results is None else got[:max_results]), []


def _materialise(client: PoliteClient, settings: ArxivSettings, cache_dir: Path, label: str,
                 fe: FeedEntry) -> Source | Failure:
    """The cached PDF for one entry (downloading it if needed), or why not."""
    entry = fe.entry
    if entry is None:
        return Failure(fe.raw_id or label, "source", "API entry has no valid arXiv ID")
    if fe.withdrawn:
        return Failure(label, "source", f"withdrawn on arXiv: {(fe.comment or entry.abstract)[:160]}")
    path = cache_path(cache_dir, entry.arxiv_id)
    if path.is_file() and path.stat().st_size > 0:
        return Source(str(path), label, entry)
    if not entry.pdf_url:
        return Failure(label, "source", "API entry has no PDF link")
    try:
        client.call(lambda http: download_pdf(http, entry.pdf_url, path, settings.max_pdf_bytes,
                                             settings.pdf_deadline))
    except (DownloadError, httpx.HTTPError) as exc:
        return Failure(label, "source", _why(exc))
    except OSError as exc:
        return Failure(label, "source", f"cannot write {path}: {exc.strerror or exc}")
    return Source(str(path), label, entry)


def fetch_sources(ids: list[str], query: str | None, *, since: date | None, until: date | None,
                  categories: list[str], max_results: int | None, settings: ArxivSettings,
                  cache_dir: Path, transport: httpx.BaseTransport | None = None,
                  on_progress: ProgressFn | None = None, sleep: Callable[[float], None] = time.sleep,
                  clock: Callable[[], float] = time.monotonic, today: date | None = None,
                  skip: Collection[str] = (),
                  ) -> tuple[list[Source], list[Failure]]:
    """IDs/URLs and/or a query -> one ``Source`` per paper with its PDF cached, plus failures.

    ``ids`` are inputs as typed (IDs, abs/pdf URLs); each bad one is a ``Failure``. The query
    (with ``since``/``until``/``categories``) runs when ``query`` is not None; ``max_results``
    caps its results. Papers named in ``ids`` come first, then query results, without
    duplicates. Query results whose base ID is in ``skip`` (papers a digest already sent, in any
    version) are dropped before their PDF is fetched. Raises ``ArxivError`` only when the
    query's first page cannot be fetched.
    """
    failures: list[Failure] = []
    wanted: dict[str, str] = {}  # canonical ID -> as typed; one per paper (the first version named)
    bases: set[str] = set()
    for raw in ids:
        cid = parse_id(raw)
        if cid is None:
            failures.append(Failure(raw, "source", "not an arXiv ID or arxiv.org abs/pdf URL"))
        elif base_id(cid) not in bases:
            bases.add(base_id(cid))
            wanted[cid] = raw
    cache_dir = Path(cache_dir)
    with PoliteClient(user_agent=settings.user_agent, timeout=settings.timeout, delay=settings.delay,
                      retries=settings.retries, backoff=settings.backoff, transport=transport,
                      sleep=sleep, clock=clock) as client:
        todo, failed = _lookup(client, settings, wanted) if wanted else ([], [])
        named = len(todo)
        failures += failed
        if query is not None:
            search_query = build_query(query, since=since, until=until, categories=categories, today=today)
            found, failed = _search(client, settings, search_query, since=since, until=until,
                                    max_results=max_results)
            failures += failed
            seen = {base_id(fe.entry.arxiv_id) for _, fe in todo if fe.entry} | set(skip)
            for fe in found:
                key = base_id(fe.entry.arxiv_id) if fe.entry else fe.raw_id
                if key not in seen:
                    seen.add(key)
                    todo.append((fe.entry.arxiv_id if fe.entry else fe.raw_id, fe))
        sources: list[Source] = []
        for done, (label, fe) in enumerate(todo, 1):
            result = _materialise(client, settings, cache_dir, label, fe)
            if isinstance(result, Source):
                sources.append(replace(result, from_query=done > named))
            else:
                failures.append(result)
            if on_progress is not None:
                on_progress(done, len(todo), label)
    return sources, failures

