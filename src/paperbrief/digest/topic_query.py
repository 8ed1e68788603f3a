"""A topic profile's arXiv query for the digest: the optional ``[digest]`` table of the topic TOML.

    [digest]
    arxiv = 'abs:"speculative decoding" OR abs:quantization'
    categories = ["cs.LG", "cs.CL"]
    max = 200

The relevance profile (``select.topic``) ignores this table; keeping the query beside the
profile lets one file say both what to fetch and what to keep.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True)
class TopicQuery:
    query: str | None = None
    categories: list[str] = field(default_factory=list)
    max_results: int | None = None


def topic_query(path: str | Path | None) -> TopicQuery:
    if path is None:
        return TopicQuery()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read topic file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
    table = data.get("digest", {})
    if not isinstance(table, dict):
        raise ConfigError(str(path), "[digest] must be a table")
    query, cats, most = table.get("arxiv"), table.get("categories", []), table.get("max")
    if query is not None and not isinstance(query, str):
        raise ConfigError(str(path), "[digest] arxiv must be a string (an arXiv query)")
    if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
        raise ConfigError(str(path), "[digest] categories must be a list of strings")
    if most is not None and (isinstance(most, bool) or not isinstance(most, int) or most < 1):
        raise ConfigError(str(path), "[digest] max must be a positive integer")
    return TopicQuery(query, list(cats), most)
