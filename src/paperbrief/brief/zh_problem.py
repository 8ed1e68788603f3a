"""解决了<目标>中<痛点>的问题: the paper's target and the pain points its abstract names, in Chinese.

Both come from rule lists (``data/targets.tsv``, ``stages.tsv``, ``pains.tsv``), never from
copied English, so the clause is Chinese whatever the abstract's wording.
"""
from __future__ import annotations

import re

from .zh_patterns import Rule, load_rules

__all__ = ["pains", "problem", "target"]


TITLE, OPENING, LATER, LATER_CAP = 4, 2, 1, 2  # what a mention counts, by where it is
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _count(rules: tuple[Rule, ...], title: str, abstract: str, consume: bool,
           by_place: bool = True) -> list[tuple[int, int, str]]:
    """(score, -row, zh) per rule that matches, weighted by where (``TITLE``, ``OPENING``: the
    abstract's first two sentences, ``LATER`` up to ``LATER_CAP``; without ``by_place``, 3 for the
    title and 1 for each mention in the abstract). ``consume``: a span one rule took is blanked
    for the rules below it (so MLLM is not also LLM)."""
    parts = _SENTENCE.split(abstract, maxsplit=2)
    opening, later = " ".join(parts[:2]), " ".join(parts[2:])
    found = []
    for row, rule in enumerate(rules):
        n_title, n_open, n_later = (len(rule.pattern.findall(t)) for t in (title, opening, later))
        if by_place:
            score = TITLE * n_title + OPENING * n_open + min(LATER * n_later, LATER_CAP)
        else:
            score = 3 * n_title + n_open + n_later
        if consume:
            title, opening, later = (rule.pattern.sub(" ", t) for t in (title, opening, later))
        if score:
            found.append((score, -row, rule.zh))
    return sorted(found, reverse=True)


def target(title: str, abstract: str) -> str:
    """"大语言模型推理服务", "视觉Transformer部署", "" when no known model kind is named."""
    models = _count(load_rules("targets"), title, abstract, consume=True)
    stages = _count(load_rules("stages"), title, abstract, consume=False, by_place=False)
    model = models[0][2] if models else ""
    stage = stages[0][2] if stages and stages[0][0] >= 2 else ""
    if not model:
        return ""
    return model if stage in model else model + stage


def pains(problem_text: str, abstract: str, limit: int = 2) -> list[str]:
    """The pain points named, those in the problem statement (``problem_text``) first."""
    scored = []
    for row, rule in enumerate(load_rules("pains")):
        score = 2 * len(rule.pattern.findall(problem_text)) + len(rule.pattern.findall(abstract))
        if score and rule.zh not in [z for _, _, z in scored]:
            scored.append((score, -row, rule.zh))
    return [z for _, _, z in sorted(scored, reverse=True)[:limit]]


def problem(title: str, abstract: str, problem_text: str) -> str:
    """The 问题 slot without its closing 的问题; "" when neither target nor pain is known."""
    where, what = target(title, abstract), pains(problem_text, abstract)
    if where and what:
        return f"{where}中{'、'.join(what)}"
    if what:
        return "、".join(what)
    if where:
        return f"{where}中现有方法效率不足"
    return ""
