"""The three Chinese slots of an offline brief, shorter wordings of them for the length limit, and the
sentence each was built from.

使用 (``method``), 解决了 (``problem``) and 达成了 (``result``) are each built in Chinese from the
paper's title and abstract. Each slot says only what its evidence sentence supports: a pain only
where the abstract states it, a number only with the metric, direction and stage its clause prints,
a claim only where the abstract claims it for the paper. Where nothing grounded fills a slot the
clause is shorter and true (「大语言模型推理服务中的效率问题」, 「论文所述问题」), never a generic claim.
Surveys, benchmarks, studies and position papers are worded as what they are (``kind``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..._rules import parse_rules
from ...models import KeyResult
from ..frame import is_name, paper_label
from .kind import SURVEY, Kind, paper_kind, paper_topic, problem_wording
from .method import KIND, common_term, describe, method_source
from .patterns import load_table
from .problem import Pain, addressed, pains, stated_problems
from .result import INFERENCE, TRAINING, said_result
from .sentences import pick_parts, split_sentences

__all__ = ["Slots", "Variant", "compose", "unclaimed"]

NEAR_COVERAGE = 0.6  # with no technique tag: a rendering of the title with no gap (``Phrase.gap``)
LOOSE_COVERAGE = 0.4  # for the last-resort description, when the paper has no technique tag
UNSTATED = "摘要所描述"  # the last resort: claims no gain the abstract does not state (not 论文所述改进)
UNSTATED_PROBLEM = "论文所针对的问题"
EFFICIENCY = re.compile(r"\b(?:efficien\w*|fast\w*|speed\w*|accelerat\w*|latency|throughput|memory|costs?|"
                        r"compress\w*|lightweight|energy|FLOPs|overhead)\b", re.I)
# Tags that name where a method works, not what it does: 「基于端侧部署的方法」 would misname a DNN-to-SNN
# conversion; such a paper is 面向<目标>的方法 instead.
AREA_TAGS = {"推理服务与调度": "面向推理服务与调度的方法", "高效架构": "高效架构设计", "端侧部署": "面向端侧部署的方法",
             "算子与硬件优化": "算子与硬件优化方法"}  # how each is said when nothing more specific is known
TITLE_EFFICIENCY = re.compile(r"\b(?:efficien\w*|fast\w*|speed\w*|accelerat\w*|latency|throughput|lightweight|"
                              r"low-cost|cost-effective|energy-efficient)\b", re.I)
SPEED_AIM = re.compile(r"\b(?:accelerat\w*|speed(?:s|ing)? up|speed-?ups?|faster|reduc\w* (?:the )?(?:inference |decoding |"
                       r"end-to-end )?(?:latency|inference time|inference cost|memory (?:footprint|usage))|"
                       r"(?:lower|reduced) latency|higher throughput)\b", re.I)  # the paper's aim is speed or memory
MAX_AIMED = 40  # characters of a survey's 「如何系统梳理…以应对…」; longer, the plain wording
TRAINING_PAINS = frozenset({"梯度消失", "训练困难", "过拟合", "训练数据不足"})  # pains of training, whatever the stage


@lru_cache(maxsize=1)
def stage_words() -> tuple[str, ...]:
    """The stages a target may end with (annotate/data/stages.tsv: 推理服务, 部署, 推理 …), longest first."""
    text = files("paperbrief.annotate").joinpath("data", "stages.tsv").read_text(encoding="utf-8")
    return tuple(sorted({r.zh for r in parse_rules(text, "stages.tsv")}, key=len, reverse=True))


@dataclass(frozen=True)
class Variant:
    """One wording of the brief's slots."""

    label: str  # what goes before 论文: the title's short name, or 关于…的
    technique: str
    problem: str
    result: str
    key_results: tuple[KeyResult, ...] = ()
    result_evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slots:
    """Everything the slots are made of; ``variants`` words it from fullest to shortest."""

    label: str
    name: str
    description: str
    tag_description: str
    target: str
    pains: tuple[str, ...]
    results: tuple[tuple[str, tuple[KeyResult, ...], tuple[str, ...]], ...]  # (phrase, keys, evidence), fullest first
    claim: str
    tags: tuple[str, ...] = field(default=())
    technique_evidence: str = ""
    problem_evidence: tuple[str, ...] = ()
    claim_evidence: tuple[str, ...] = ()
    grounded_problem: str = ""  # the problem with no pain stated: 「<target>中的效率问题」 or ""

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
            where = self.target
            for stage in stage_words():  # 图像识别模型训练 + 训练困难: 图像识别模型中训练困难
                if where.endswith(stage) and len(where) > len(stage) and (
                        self.pains[0].startswith(stage) or (stage != "训练" and self.pains[0] in TRAINING_PAINS)):
                    where = where[:-len(stage)]  # nor 深度神经网络推理中梯度消失: a training pain has no inference stage
                    break
            return f"{where}中{what}"
        return what or self.grounded_problem or UNSTATED_PROBLEM

    def variants(self) -> Iterator[Variant]:
        results = list(self.results) or [(self.claim, (), self.claim_evidence)]
        for short_result in (False, True):
            phrase, keys, evidence = results[-1] if short_result else results[0]
            for n_pains in (2, 1):
                for short_tech in (False, True):
                    for label in (self.label, "一篇"):
                        yield Variant(label, self.technique(short_tech), self.problem(n_pains), phrase, keys, evidence)

    def evidence(self, variant: Variant) -> dict[str, str]:
        """slot -> the title or abstract sentence(s) the slot was built from."""
        n = 2 if variant.problem == self.problem(2) else 1
        out = {"technique": self.technique_evidence,
               "problem": " … ".join(dict.fromkeys(self.problem_evidence[:n])),
               "result": " … ".join(variant.result_evidence)}
        return {k: v for k, v in out.items() if v}


def _as_method(phrase: str) -> str:
    """A rendering of the title said as a method: 「…相关方法」 unless it already ends in what it is (框架, 系统 …)."""
    return phrase if KIND.search(phrase) else f"{phrase}相关方法"


def _pain_place(where: str, sentence: str) -> str:
    """The target the pain is placed in: without its stage where the pain's sentence names another stage only
    (a pretraining paper whose stated pain is at inference: 混合专家模型中精度下降, not …训练中…)."""
    for stage, mine, other in (("训练", TRAINING, INFERENCE), ("推理服务", INFERENCE, TRAINING), ("推理", INFERENCE, TRAINING)):
        if where.endswith(stage) and len(where) > len(stage):
            return where[:-len(stage)] if other.search(sentence) and not mine.search(sentence) else where
    return where


def unclaimed(kind: Kind, topic: str, found_pains: tuple[str, ...]) -> str:
    """达成了 for an abstract with neither a number nor a claim: what a survey, benchmark or study gives,
    else the remedy of the pain point the abstract states (``data/remedies.tsv``), else ``UNSTATED``."""
    if kind.wording_result:
        return kind.wording_result.format(topic=topic or "该领域")
    remedies = load_table("remedies")
    return next((remedies[p][0] for p in found_pains if p in remedies), UNSTATED)


def _aimed(found: list[Pain]) -> tuple[str, ...]:
    """The pains the abstract says the method targets: only their remedy may stand for an unstated result."""
    return tuple(p.zh for p in found if p.addressed)


def compose(title: str, abstract: str, tags: list[str], where: str,
            tag_evidence: dict[str, str] | None = None) -> Slots:
    """The slots of one paper's brief (deterministic: same paper, same slots); ``tags`` and ``where``
    (the paper's target) are its annotations, ``tag_evidence`` the phrase behind each tag; ``title`` and
    ``abstract`` hold no injected instruction."""
    parts = pick_parts(abstract, title)
    sentences = split_sentences(abstract)
    kind = paper_kind(title, abstract, parts)
    name, name_src = method_source(title, abstract)
    name = name if kind.named else ""  # a study's measuring tool (MELODI) is not what 使用 says
    topic = paper_topic(kind, title, abstract, tags, where)
    label = paper_label(title, topic if kind.name == "survey" else where, tags)  # a survey is about its subject
    # a tag says what the method is based on only where the title or the sentence introducing the method prints
    # its phrase: "pruning-friendly" later in the abstract does not make ColBERT 基于剪枝的方法
    where_said = f"{title} {parts.technique_src or ''}".lower()
    shown = [t for t in tags if tag_evidence is None or tag_evidence.get(t, "").lower() in where_said]
    means = [t for t in shown if t not in AREA_TAGS]
    areas = [t for t in shown if t in AREA_TAGS]
    if kind.wording_technique:
        tag_desc = kind.wording_technique.format(topic=topic or "相关")
    elif means:
        tag_desc = f"基于{'、'.join(means[:2])}的方法"
    elif near := describe(parts.technique, name, title, min_coverage=NEAR_COVERAGE, min_cjk=2):
        tag_desc = _as_method(near)  # keeps untagged papers apart, and true
    elif where:
        tag_desc = f"面向{where}的方法"
    elif areas:
        tag_desc = AREA_TAGS[areas[0]]
    elif loose := describe(parts.technique, name, title, min_coverage=LOOSE_COVERAGE, min_cjk=2):
        tag_desc = _as_method(loose)  # off-topic papers have neither: a looser rendering keeps briefs apart
    else:  # a name the method sentence prints (AHP, MADR) keeps the clause true and the paper's own
        named = [t for t in re.findall(r"[A-Za-z][\w\-]*[A-Za-z0-9]", parts.technique_src or "")
                 if is_name(t) and not common_term(t) and t != name]
        tag_desc = f"基于{named[0]}的方法" if named else "论文提出的方法"
    description = "" if kind.wording_technique else describe(parts.technique, name, title)
    from_title = bool(description) and describe("", "", title) == description
    tech_src = name_src or (title if from_title or not description else parts.technique_src or title)

    tech_at = abstract.find(parts.technique_src) if parts.technique_index is not None else -1
    results = []
    for limit in (2, 1):
        said = said_result(abstract, limit=limit, name=name, numbers=kind.numbers, results_from=max(tech_at, 0))
        if said.text and (said.keys or said.text.startswith("在")):  # numbers, or a setting framing a claim
            results.append((said.text, said.keys, said.evidence))
    stretches = stated_problems(sentences, parts.problem if parts.problem_src else "", parts.technique_index,
                                parts.problem_index)
    sources = {text: next((x for x in sentences if text in x), text) for _, text in stretches}
    if parts.problem_src:
        sources[parts.problem] = parts.problem_src
    found = pains(stretches, sources, addressed=addressed(stretches, parts.problem_src))
    kind_problem, kind_problem_src = problem_wording(kind, topic, abstract)
    if kind is SURVEY and found and kind_problem == SURVEY.wording_problem.format(topic=topic or "该领域"):
        # the pain the abstract states is what the surveyed work answers: 如何系统梳理X研究以应对<目标>中<痛点>
        aimed = f"如何系统梳理{topic or '相关'}研究以应对{f'{where}中' if where else ''}{found[0].zh}"
        if len(aimed) <= MAX_AIMED:
            kind_problem, kind_problem_src = aimed, found[0].sentence
    if kind_problem:  # a survey or a study addresses its subject: it solves none of the pains it cites
        found = []
    found_pains = tuple(p.zh for p in found)
    # sentences after the one that introduces the method are about it, unless marked as background
    own_from = tech_at + len(parts.technique_src) if tech_at >= 0 else -1
    said = said_result(abstract, name=name, numbers=False, own_from=own_from) if kind.claims else None
    claim = said.text if said and said.text else unclaimed(kind, topic, _aimed(found))
    if said and said.text:
        claim_ev = said.evidence
    elif kind.wording_result:
        claim_ev = (parts.technique_src,)
    else:  # the remedy of the first stated pain it names
        remedies = load_table("remedies")
        claim_ev = next(((p.sentence,) for p in found if p.zh in remedies and remedies[p.zh][0] == claim), ())
    # no pain stated: 「<目标>中的效率问题」 where the title says the paper is about speed or cost, or a stretch
    # that states a problem names it; a compression paper whose stated problem is accuracy has no 效率问题
    efficiency = bool(TITLE_EFFICIENCY.search(title) or SPEED_AIM.search(abstract)
                      or any(EFFICIENCY.search(t) for _, t in stretches))
    grounded = (f"{where}中的效率问题" if where else "效率问题") if tags and efficiency and not kind.wording_technique else ""
    grounded = kind_problem or grounded
    return Slots(
        label=label,
        name=name,
        description=description,
        tag_description=tag_desc,
        target=_pain_place(where, found[0].sentence if found else ""),
        pains=found_pains,
        results=tuple(results),
        claim=claim,
        tags=tuple(tags),
        technique_evidence=tech_src,
        problem_evidence=tuple(p.sentence for p in found) or ((kind_problem_src or tech_src,) if kind_problem else ()),
        claim_evidence=claim_ev,
        grounded_problem=grounded,
    )

