"""解决了<目标>中<痛点>的问题: the pain points the abstract names, in Chinese, placed in the paper's
target (its annotation).

Pains come from a rule list (``data/pains.tsv``), never from copied English, so the clause is
Chinese whatever the abstract's wording.
"""
from __future__ import annotations

from .patterns import load_rules

__all__ = ["pains"]


def pains(problem_text: str, abstract: str, limit: int = 2) -> list[str]:
    """The pain points named, those in the problem statement (``problem_text``) first."""
    scored = []
    for row, rule in enumerate(load_rules("pains")):
        score = 2 * len(rule.pattern.findall(problem_text)) + len(rule.pattern.findall(abstract))
        if score and rule.zh not in [z for _, _, z in scored]:
            scored.append((score, -row, rule.zh))
    return [z for _, _, z in sorted(scored, reverse=True)[:limit]]

