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
class Category:
    """One technique of the field: the paper's best-matching category is its semantic match,
    and the name tells the reader why a paper was kept or nearly kept."""

    name: str
    prototypes: tuple[str, ...]  # short descriptions, compared with each paper by the embedding model
    keywords: tuple[str, ...] = ()  # strong evidence; they also name the category for keyword-decided papers


@dataclass(frozen=True)
class Topic:
    """What the report is about and how strictly papers are filtered.

    ``keywords`` (and each category's) are strong evidence, ``context_keywords`` weak evidence
    (generic words like 'latency' that off-topic papers use too: they count only beside a
    strong one), ``negative_keywords`` lower the score. ``categories`` carry the prototypes the
    embedding model compares papers with; ``counter_examples`` describe neighbouring fields.
    ``threshold`` is the score a paper needs to be briefed; papers within ``band`` below it
    are listed as 可能相关.
    """

    name: str
    title: str
    keywords: tuple[str, ...]
    negative_keywords: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    threshold: float = 0.5
    band: float = 0.0
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
        band = float(data.get("band", 0.0))
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
    if not all(0.0 <= v <= 1.0 for v in (threshold, weight, band)):
        raise ConfigError(origin, "'threshold', 'band' and 'semantic_weight' must lie in [0, 1]")
    if ceiling <= floor:
        raise ConfigError(origin, "'semantic_ceiling' must be above 'semantic_floor'")
    try:
        return Topic(
            name=name, title=title, keywords=keywords, threshold=threshold, band=band,
            negative_keywords=_strs(data.get("negative_keywords", []), "negative_keywords"),
            context_keywords=_strs(data.get("context_keywords", []), "context_keywords"),
            categories=_categories(data, title),
            counter_examples=_strs(data.get("counter_examples", []), "counter_examples"),
            semantic_weight=weight, semantic_floor=floor, semantic_ceiling=ceiling,
        )
    except TypeError as e:
        raise ConfigError(origin, str(e)) from e


def _categories(data: dict, title: str) -> tuple[Category, ...]:
    """The ``[[category]]`` tables; a profile's plain ``examples`` list (the older form) is
    one category named after the topic's title."""
    tables = data.get("category", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise TypeError("'category' must be an array of tables ([[category]])")
    cats = []
    for i, t in enumerate(tables, 1):
        if "name" not in t or "prototypes" not in t:
            raise TypeError(f"category {i} needs 'name' and 'prototypes'")
        protos = _strs(t["prototypes"], f"category {i} prototypes")
        if not protos:
            raise TypeError(f"category {i} must list at least one prototype")
        cats.append(Category(_str(t["name"], f"category {i} name"), protos,
                             _strs(t.get("keywords", []), f"category {i} keywords")))
    examples = _strs(data.get("examples", []), "examples")
    if examples:
        cats.append(Category(title, examples))
    return tuple(cats)


def _str(v: object, field: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"{field!r} must be a string")
    return v.strip()


def _strs(v: object, field: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise TypeError(f"{field!r} must be a list of strings")
    return tuple(x.strip() for x in v if x.strip())
