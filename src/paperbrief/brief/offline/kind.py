"""What kind of paper it is, so the brief words it as what it is.

A survey gives 梳理, a benchmark or an evaluation 系统评测, an empirical study 实证分析, a position
paper 观点论述: none of them is given a method's result (性能领先, 推理更快) it does not claim, and
their numbers (findings, or other works' figures) are not said as a gain of the paper's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Parts

__all__ = ["METHOD", "Kind", "paper_kind"]


@dataclass(frozen=True)
class Kind:
    name: str
    wording_technique: str = ""  # the 使用 slot, {topic} filled; "" for a method paper
    wording_result: str = ""  # the 达成了 slot when the abstract claims nothing of its own
    numbers: bool = True  # whether its numbers may be said as its own results
    claims: bool = True  # whether its claims may be said


METHOD = Kind("method")
SURVEY = Kind("survey", "对{topic}研究的文献综述", "对{topic}现有研究的系统梳理", numbers=False, claims=False)
BENCHMARK = Kind("benchmark", "面向{topic}的基准评测", "对现有方案的系统评测", numbers=False, claims=False)
STUDY = Kind("study", "", "对{topic}的实证分析", numbers=False, claims=False)
POSITION = Kind("position", "观点论述", "对{topic}研究方向的观点论证", numbers=False, claims=False)

_SURVEY = re.compile(r"\b(?:survey|review|overview|tutorial|primer|systematization of knowledge)\b", re.I)
_SURVEY_ABSTRACT = re.compile(
    r"\b(?:this|our|the present) (?:survey|review|overview|tutorial)\b|\bwe (?:survey|review)\b|"
    r"\b(?:comprehensive|systematic|extensive) (?:literature )?(?:survey|review|overview)\b", re.I)
_POSITION = re.compile(r"^position\s*:|\bposition paper\b|\bthis position\b", re.I)
_BENCHMARK_TITLE = re.compile(r"\bbenchmark\w*\b", re.I)
_BENCHMARK_ABSTRACT = re.compile(
    r"\bwe (?:introduce|present|propose|build|construct|release|develop)\b[^.]{0,80}\bbenchmark(?:s|ing)?\b", re.I)
_STUDY_TITLE = re.compile(
    r"^(?:an? )?(?:empirical|systematic|comprehensive|comparative|large-scale|in-depth)?\s*"
    r"(?:study|analysis|evaluation|characteri[sz]ation|measurement)\b|^(?:understanding|characteri[sz]ing|"
    r"evaluating|analy[sz]ing|measuring|benchmarking|investigating|examining|exploring|demystifying)\b|"
    r"\b(?:an? )?(?:empirical|comparative|systematic|measurement) (?:study|analysis|evaluation)\b", re.I)
_PROPOSES = re.compile(r"\b(?:we|this (?:paper|work))\s+(?:first\s+|further\s+|also\s+|then\s+)?"
                       r"(?:propose[sd]?|introduce[sd]?|present[sed]*|design(?:s|ed)?|develop(?:s|ed)?|devise[sd]?)\b"
                       r"(?![^.]{0,40}\b(?:benchmark\w*|survey|study|analysis|evaluation|taxonomy|overview)\b)", re.I)


def paper_kind(title: str, abstract: str, parts: Parts) -> Kind:
    """The paper's kind; a method paper unless the title or the abstract says otherwise."""
    head = (title.split(":", 1)[-1] if ":" in title else title).strip()
    if _POSITION.search(title) or _POSITION.search(abstract):
        return POSITION
    if _SURVEY.search(head) or (_SURVEY_ABSTRACT.search(abstract) and not _PROPOSES.search(abstract)):
        return SURVEY
    if _BENCHMARK_TITLE.search(title) and (_BENCHMARK_ABSTRACT.search(abstract) or _BENCHMARK_TITLE.search(head)) \
            and not _PROPOSES.search(abstract):
        return BENCHMARK
    if _STUDY_TITLE.search(head) and not _PROPOSES.search(abstract):
        return STUDY
    return METHOD
