"""The three Chinese slots of an offline brief, and shorter wordings of them for the length limit.

使用 (``zh_method``), 解决了 (``zh_problem``) and 达成了 (``zh_result``) are each built in
Chinese from the paper's title and abstract; a slot with nothing to build from gets a
shorter true phrase from the paper's technique tags, never English copied from the abstract.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import KeyResult, Paper
from ..select.tags import tag
from .sentences import pick_parts
from .zh_method import describe, method_name, title_name
from .zh_problem import pains, target
from .zh_result import claims, result

__all__ = ["Slots", "Variant", "compose", "topic_tags"]

FALLBACK_TAG = "其他"
LOOSE_COVERAGE = 0.4  # for the last-resort description, when the paper has no technique tag


def topic_tags(paper: Paper) -> list[str]:
    """The paper's technique tags (Chinese names, the tagger's own: one list for the whole report)."""
    return [t.name for t in tag(paper) if t.name != FALLBACK_TAG]


@dataclass(frozen=True)
class Variant:
    """One wording of the brief's slots."""

    label: str  # what goes before 论文: the title's short name, or 关于…的
    technique: str
    problem: str
    result: str
    key_results: tuple[KeyResult, ...] = ()


@dataclass(frozen=True)
class Slots:
    """Everything the slots are made of; ``variants`` words it from fullest to shortest."""

    label: str
    name: str
    description: str
    tag_description: str
    target: str
    pains: tuple[str, ...]
    results: tuple[tuple[str, tuple[KeyResult, ...]], ...]  # (phrase, key results), fullest first
    claim: str
    tags: tuple[str, ...] = field(default=())

    def technique(self, short: bool = False) -> str:
        desc = self.tag_description if short or not self.description else self.description
        if desc.endswith("的"):
            desc += "方法"
        if not self.name or self.name in desc:
            return desc
        return f"{desc} {self.name}" if re.search(r"[A-Za-z0-9]$", desc) else desc + self.name

    def problem(self, n_pains: int = 2) -> str:
        what = "、".join(self.pains[:n_pains])
        if self.target and what:
            return f"{self.target}中{what}"
        if what:
            return what
        area = self.target or (f"{self.tags[0]}" if self.tags else "")
        return f"{area}中现有方法效率不足" if area else "现有方法效率不足"

    def variants(self) -> Iterator[Variant]:
        results = list(self.results) or [(self.claim, ())]
        for short_result in (False, True):
            phrase, keys = results[-1] if short_result else results[0]
            for n_pains in (2, 1):
                for short_tech in (False, True):
                    for label in (self.label, "一篇"):
                        yield Variant(label, self.technique(short_tech), self.problem(n_pains), phrase, keys)


def compose(title: str, abstract: str, tags: list[str]) -> Slots:
    """The slots of one paper's brief (deterministic: same paper, same slots)."""
    parts = pick_parts(abstract, title)
    name = method_name(title, abstract)
    where = target(title, abstract)
    topic = where or (tags[0] if tags else "")
    short = title_name(title)
    label = short if short else (f"关于{topic}的" if topic else "一篇")
    loose = describe(parts.technique, name, title, min_coverage=LOOSE_COVERAGE, min_cjk=2)
    if tags:
        tag_desc = f"基于{'、'.join(tags[:2])}的方法"
    elif loose:  # off-topic papers have no tags: a looser rendering of the title keeps briefs apart
        tag_desc = loose if re.search(r"(?:方法|框架|系统|算法|模型|技术|策略|方案|架构)$", loose) else f"{loose}相关方法"
    else:
        tag_desc = f"面向{where}的方法" if where else "论文提出的方法"
    results = []
    for limit in (2, 1):
        phrase, keys = result(abstract, limit=limit)
        if phrase:
            results.append((phrase, tuple(keys)))
    claim = "、".join(claims(abstract)) or "方法有效性得到验证"
    return Slots(
        label=label,
        name=name,
        description=describe(parts.technique, name, title),
        tag_description=tag_desc,
        target=where,
        pains=tuple(pains(parts.problem, abstract)),
        results=tuple(results),
        claim=claim,
        tags=tuple(tags),
    )
