"""The offline writer's rule lists and plain tables (``data/*.tsv``), read once.

Each list is a data file so that a new pain point or metric is a line, not code; rows are
read by ``paperbrief._rules``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from ..._rules import Rule, parse_rows, parse_rules

__all__ = ["Rule", "load_rules", "load_table", "parse_rules"]

FILES = ("pains", "metrics", "directions", "claims", "settings")
TABLES = {"factors": 3, "remedies": 2}  # plain tables: name -> cells a row


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
    text = files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    return {cells[0]: tuple(cells[1:]) for cells in parse_rows(text, TABLES[name], f"{name}.tsv")}
