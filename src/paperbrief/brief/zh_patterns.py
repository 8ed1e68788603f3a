"""Regex -> Chinese rule lists (``data/*.tsv``) for the offline writer's Chinese phrases.

Each list is a data file so that a new target, pain point or metric is a line, not code.
Rows are ``regex<TAB>中文``; ``#`` starts a comment line; patterns match case-insensitively.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = ["Rule", "load_rules", "load_table", "parse_rules"]

FILES = ("targets", "stages", "pains", "metrics", "directions", "claims", "settings")
TABLES = {"factors": 3, "remedies": 2}  # plain tables: name -> cells a row


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    zh: str


def parse_rules(text: str, origin: str = "<rules>") -> tuple[Rule, ...]:
    """Rules in file order; a malformed row or a bad regex is a one-line error naming the row."""
    rules = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
            raise ValueError(f"{origin}:{n}: expected 'regex<TAB>中文'")
        try:
            rules.append(Rule(re.compile(cells[0].strip(), re.I), cells[1].strip()))
        except re.error as err:
            raise ValueError(f"{origin}:{n}: bad regex: {err}") from None
    return tuple(rules)


@lru_cache(maxsize=len(FILES))
def load_rules(name: str) -> tuple[Rule, ...]:
    """A bundled rule list by name (one of ``FILES``); immutable, read once."""
    if name not in FILES:
        raise KeyError(name)
    path = files(__package__).joinpath("data", f"{name}.tsv")
    return parse_rules(path.read_text(encoding="utf-8"), f"{name}.tsv")


@lru_cache(maxsize=len(TABLES))
def load_table(name: str) -> dict[str, tuple[str, ...]]:
    """A bundled plain table by name (one of ``TABLES``): first cell -> the others; a bad row is a one-line error."""
    width = TABLES[name]
    text = files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != width or not all(cells):
            raise ValueError(f"{name}.tsv:{n}: expected {width} tab-separated cells")
        out[cells[0]] = tuple(cells[1:])
    return out
