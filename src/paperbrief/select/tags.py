"""Technique tags from the bundled taxonomy, each with the phrase that justifies it.

The taxonomy (``select/taxonomy.toml``) holds a regex list per tag, so adding a technique
is a data change. A tag needs its pattern in the title or at least ``min_hits`` times in
the abstract: a single passing mention ('outperforms distillation-based methods') does not
make a distillation paper. If nothing clears that bar the best single mention is used, and
failing that the taxonomy's fallback tag, so every paper gets at least one tag.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..models import Paper, Tag
from ._text import compile_pattern, phrase_at, required_literal


@dataclass(frozen=True)
class TagRule:
    name: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # regexes for look-alike phrases that must not count


@dataclass(frozen=True)
class Taxonomy:
    rules: tuple[TagRule, ...]
    fallback: str | None = None
    min_hits: int = 2
    max_tags: int = 3


def tag(paper: Paper, *, taxonomy: Taxonomy | None = None) -> list[Tag]:
    """The paper's technique tags, strongest first, each with its evidence phrase."""
    tax = taxonomy or load_taxonomy()
    found = []  # (strength, first position, Tag)
    for order, rule in enumerate(tax.rules):
        in_title, evidence, hits, pos = _find(rule, paper.title, paper.abstract)
        if evidence is None:
            continue
        strength = hits + (tax.min_hits if in_title else 0)
        found.append((strength, in_title, -pos, -order, Tag(rule.name, evidence)))
    found.sort(reverse=True, key=lambda f: f[:4])
    strong = [f[4] for f in found if f[0] >= tax.min_hits]
    if strong:
        return strong[: tax.max_tags]
    if found:
        return [found[0][4]]
    return [Tag(tax.fallback, paper.title.strip())] if tax.fallback else []


def _find(rule: TagRule, title: str, abstract: str) -> tuple[bool, str | None, int, int]:
    """(matched in title, evidence phrase, abstract sentences matched, first abstract position)."""
    evidence, in_title, sentences, first = None, False, set(), 10**9
    for text, is_title in ((title, True), (abstract, False)):
        lowered = text.lower()
        matches = [m for p in rule.patterns if required_literal(p) in lowered
                   for m in compile_pattern(p).finditer(text)]
        for m in sorted(matches, key=lambda m: m.start()):
            if rule.exclude:
                context = phrase_at(text, m.start(), m.end(), lead=3, trail=3)
                if any(compile_pattern(x).search(context) for x in rule.exclude):
                    continue
            if is_title:
                in_title = True
            else:  # two patterns in one sentence are one mention
                sentences.add(len(_SENTENCE_END.findall(text, 0, m.start())))
                first = min(first, m.start())
            if evidence is None:
                evidence = phrase_at(text, m.start(), m.end())
    return in_title, evidence, len(sentences), -1 if in_title else first


_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


@lru_cache(maxsize=1)
def taxonomy_text() -> str:
    """The bundled taxonomy's text."""
    return resources.files(__package__).joinpath("taxonomy.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Read a taxonomy file (``None``: the bundled one). Cached: it is immutable data."""
    if path is None:
        text, origin = taxonomy_text(), "<bundled taxonomy>"
    else:
        try:
            text, origin = Path(path).read_text(encoding="utf-8"), path
        except OSError as e:
            raise ConfigError(path, f"cannot read taxonomy: {e.strerror or e}") from e
    try:
        data = tomllib.loads(text)
        rules = tuple(
            TagRule(t["name"], tuple(t["patterns"]), tuple(t.get("exclude", ()))) for t in data["tag"]
        )
        for r in rules:  # fail on a bad regex now, not on some later paper
            for p in r.patterns + r.exclude:
                compile_pattern(p)
        return Taxonomy(rules, data.get("fallback"), int(data.get("min_hits", 2)), int(data.get("max_tags", 3)))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise ConfigError(origin, f"invalid taxonomy: {e}") from e
    except Exception as e:  # re.error
        raise ConfigError(origin, f"invalid pattern in taxonomy: {e}") from e
