"""Topic profiles: a TOML file describing what a report is about.

The default profile, ``inference-acceleration``, ships in ``select/topics/``; a user picks
another with ``--topic FILE``. Keeping the field's description in data lets a user retarget
the tool without touching code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

DEFAULT_TOPIC = "inference-acceleration"


@dataclass(frozen=True)
class Topic:
    """What the report is about and how strictly papers are filtered.

    ``keywords`` are strong evidence, ``context_keywords`` weak evidence (generic words like
    'latency' that off-topic papers use too), ``negative_keywords`` lower the score.
    ``examples`` are short abstracts typical of the field, compared with each paper's abstract
    by a sentence-embedding model; ``counter_examples`` describe neighbouring fields. ``threshold`` is the score a paper needs to be reported.
    """

    name: str
    title: str
    keywords: tuple[str, ...]
    negative_keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    threshold: float = 0.5
    context_keywords: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()  # abstracts of neighbouring fields, to tell them apart
    semantic_weight: float = 0.5  # share of the score from semantic similarity (rest: keywords)
    semantic_floor: float = 0.30  # similarity that counts as 0 ...
    semantic_ceiling: float = 0.60  # ... and as 1


def load_topic(path: str | Path | None = None) -> Topic:
    """Read a topic profile; ``None`` gives the bundled default.

    Raises ConfigError(path, reason) when the file is missing, not TOML, or lacks a field.
    """
    if path is None:
        res = resources.files(__package__).joinpath("topics", f"{DEFAULT_TOPIC}.toml")
        return parse_topic(res.read_text(encoding="utf-8"), f"<bundled {DEFAULT_TOPIC}>")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(str(p), f"cannot read topic file: {e.strerror or e}") from e
    return parse_topic(text, str(p), default_name=p.stem)


def parse_topic(text: str, origin: str, *, default_name: str = "") -> Topic:
    """Parse the TOML text of a profile; ``origin`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(origin, f"invalid TOML: {e}") from e
    try:
        name = _str(data.get("name", default_name), "name")
        title = _str(data["title"], "title")
        keywords = _strs(data["keywords"], "keywords")
        threshold = float(data.get("threshold", 0.5))
        weight = float(data.get("semantic_weight", 0.5))
        floor = float(data.get("semantic_floor", 0.30))
        ceiling = float(data.get("semantic_ceiling", 0.60))
    except KeyError as e:
        raise ConfigError(origin, f"missing required field {e.args[0]!r}") from e
    except (TypeError, ValueError) as e:
        raise ConfigError(origin, str(e)) from e
    if not name:
        raise ConfigError(origin, "missing required field 'name'")
    if not keywords:
        raise ConfigError(origin, "'keywords' must list at least one phrase")
    if not 0.0 <= threshold <= 1.0 or not 0.0 <= weight <= 1.0:
        raise ConfigError(origin, "'threshold' and 'semantic_weight' must lie in [0, 1]")
    if ceiling <= floor:
        raise ConfigError(origin, "'semantic_ceiling' must be above 'semantic_floor'")
    try:
        return Topic(
            name=name, title=title, keywords=keywords, threshold=threshold,
            negative_keywords=_strs(data.get("negative_keywords", []), "negative_keywords"),
            context_keywords=_strs(data.get("context_keywords", []), "context_keywords"),
            categories=_strs(data.get("categories", []), "categories"),
            examples=_strs(data.get("examples", []), "examples"),
            counter_examples=_strs(data.get("counter_examples", []), "counter_examples"),
            semantic_weight=weight, semantic_floor=floor, semantic_ceiling=ceiling,
        )
    except TypeError as e:
        raise ConfigError(origin, str(e)) from e


def _str(v: object, field: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"{field!r} must be a string")
    return v.strip()


def _strs(v: object, field: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise TypeError(f"{field!r} must be a list of strings")
    return tuple(x.strip() for x in v if x.strip())
