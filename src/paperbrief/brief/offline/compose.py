"""The three Chinese slots of an offline brief, and shorter wordings of them for the length limit.

使用 (``method``), 解决了 (``problem``) and 达成了 (``result``) are each built in
Chinese from the paper's title and abstract; a slot with nothing to build from gets a
shorter true phrase from the paper's technique tags, never English copied from the abstract.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...models import KeyResult
from ..frame import paper_label
from .method import KIND, describe, method_name
from .patterns import load_table
from .problem import pains
from .result import claims, result, stated
from .sentences import pick_parts

__all__ = ["Slots", "Variant", "compose", "unclaimed"]

LOOSE_COVERAGE = 0.4  # for the last-resort description, when the paper has no technique tag


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
            where = self.target[:-2] if self.pains[0].startswith(self.target[-2:]) else self.target
            return f"{where}中{what}"  # not 图像识别模型训练中训练困难
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


SURVEY = re.compile(r"综述$|\b(?:survey|review)\b", re.I)
STUDY = re.compile(r"(?:研究|分析|考量|评测|评估|再思考)$|\b(?:study|analysis|benchmark\w*|investigat\w*|exploring)\b", re.I)
UNSTATED = "论文所述改进"  # the last resort: true of any paper, said only when nothing else is


def unclaimed(title: str, description: str, found_pains: tuple[str, ...]) -> str:
    """达成了 for an abstract with neither a number nor a claim: what a survey or a study gives, else
    the remedy of the pain point the abstract names (``data/remedies.tsv``)."""
    if SURVEY.search(description) or SURVEY.search(title):
        return "对现有研究的系统梳理"
    if STUDY.search(description) or STUDY.search(title):
        return "对该问题的实证分析"
    remedies = load_table("remedies")
    return next((remedies[p][0] for p in found_pains if p in remedies), UNSTATED)


def compose(title: str, abstract: str, tags: list[str], where: str) -> Slots:
    """The slots of one paper's brief (deterministic: same paper, same slots); ``tags`` and ``where``
    (the paper's target) are its annotations."""
    parts = pick_parts(abstract, title)
    name = method_name(title, abstract)
    label = paper_label(title, where, tags)
    loose = describe(parts.technique, name, title, min_coverage=LOOSE_COVERAGE, min_cjk=2)
    if tags:
        tag_desc = f"基于{'、'.join(tags[:2])}的方法"
    elif loose:  # off-topic papers have no tags: a looser rendering of the title keeps briefs apart
        tag_desc = loose if KIND.search(loose) else f"{loose}相关方法"
    else:
        tag_desc = f"面向{where}的方法" if where else "论文提出的方法"
    results = []
    for limit in (2, 1):
        phrase, keys = result(abstract, limit=limit)
        if phrase:
            results.append((phrase, tuple(keys)))
    description = describe(parts.technique, name, title)
    found_pains = tuple(pains(parts.problem, abstract))
    claim = "、".join((claims(abstract) + stated(abstract))[:2]) or unclaimed(title, description, found_pains)
    return Slots(
        label=label,
        name=name,
        description=description,
        tag_description=tag_desc,
        target=where,
        pains=found_pains,
        results=tuple(results),
        claim=claim,
        tags=tuple(tags),
    )
