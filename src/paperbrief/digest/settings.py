"""The digest's settings: flag > ``[digest]`` of paperbrief.toml > the topic file's ``[digest]`` > default.

    [digest]
    topic = "my-topic.toml"     # else [report] topic, else the bundled profile
    site = "site"               # the static site's folder (none: no site)
    base_url = "https://you.github.io/digest/"   # absolute links in feed.xml and the mail
    every = "week"              # or "day": the first issue's window
    trend_issues = 4            # N of "the last N issues"
    mail = false                # mail each new issue ([mail] holds the SMTP settings)
    summary = false             # a 本期综述 paragraph from the LLM endpoint, checked (digest/summary.py)
    arxiv = "..."               # the query, categories = [...], max = N: as in the topic file's [digest]
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .topic_query import topic_query
from .trends import DEFAULT_N
from .windows import PERIODS


@dataclass(frozen=True)
class DigestSettings:
    topic_path: str | None
    query: str | None
    categories: list[str] = field(default_factory=list)
    max_results: int | None = None
    site: Path | None = None
    base_url: str = ""
    every: str = "week"
    n: int = DEFAULT_N
    mail: bool = False
    summary: bool = False  # ask the LLM endpoint for a 本期综述


def _get(flags: Mapping[str, Any], table: Mapping[str, Any], key: str, default: Any = None) -> Any:
    if flags.get(key) is not None:
        return flags[key]
    return table[key] if table.get(key) is not None else default


def digest_settings(flags: Mapping[str, Any], file_cfg: Mapping[str, Any]) -> DigestSettings:
    """Resolve everything a digest run needs besides the LLM and the arXiv client's politeness."""
    table = file_cfg.get("digest", {})
    if not isinstance(table, dict):
        raise ConfigError("paperbrief.toml", "[digest] must be a table")
    topic_path = _get(flags, table, "topic") or file_cfg.get("report", {}).get("topic")
    tq = topic_query(topic_path)
    query = flags.get("query") or table.get("arxiv") or tq.query
    categories = list(flags.get("categories") or table.get("categories") or tq.categories)
    every = str(_get(flags, table, "every", "week"))
    if every not in PERIODS:
        raise ConfigError("paperbrief.toml", f"[digest] every must be one of {sorted(PERIODS)}, not {every!r}")
    n = _get(flags, table, "trend_issues", DEFAULT_N)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ConfigError("paperbrief.toml", f"[digest] trend_issues must be a positive integer, not {n!r}")
    site = _get(flags, table, "site")
    return DigestSettings(topic_path=topic_path, query=query, categories=categories,
                          max_results=flags.get("max_results") or table.get("max") or tq.max_results,
                          site=Path(site) if site else None, base_url=str(_get(flags, table, "base_url", "")),
                          every=every, n=n, mail=bool(_get(flags, table, "mail", False)),
                          summary=bool(_get(flags, table, "summary", False)))
