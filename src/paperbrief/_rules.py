"""Regex -> Chinese rule lists and plain tables kept as TSV data files, so a new rule is a line, not code.

Rows are ``regex<TAB>中文``; ``#`` starts a comment line; patterns match case-insensitively.
The annotation step (targets, stages) and the offline writer (pains, metrics, claims …)
keep their lists in their own ``data/`` folders and read them through this one parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Rule", "parse_rows", "parse_rules"]


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


def parse_rows(text: str, width: int, origin: str = "<table>") -> list[list[str]]:
    """Rows of exactly ``width`` non-empty tab-separated cells; a malformed row is a one-line error naming it."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != width or not all(cells):
            raise ValueError(f"{origin} line {n}: expected {width} tab-separated cells: {line!r}")
        rows.append(cells)
    return rows
