"""The default writer: the seed sentence in Chinese, built from the paper itself with no network or model.

「<机构>发布了<论文>论文，使用<技术>，解决了<问题>，达成了<效果>」: institutions come
from the bundled table (Chinese where known); the three clauses are composed in Chinese
from the title and abstract (see ``zh_brief``), never copied English. Numbers are only
copied, from the abstract, so none can be invented; ``stray_numbers`` checks that anyway,
the same way the report checker does. It is also the LLM writer's fallback, through
``write_one``.
"""
from __future__ import annotations

import logging
import re

from ..models import Brief, Paper
from . import OnBrief, Usage, WriterSettings
from .institutions import InstitutionTable, default_table, default_version, institution_names, join_names
from .zh_brief import Slots, Variant, compose, topic_tags

__all__ = ["OfflineWriter", "short_name", "stray_numbers"]

log = logging.getLogger(__name__)

VERSION = "5"  # bump when the wording or the picking changes: cached briefs are then redone

# The report checker's rules (shared/tools/check_report.py): a brief is wrong if it says these.
REFUSALS = ("请提供", "无法生成", "抱歉", "作为AI", "作为一个AI", "I cannot", "I can't", "As an AI", "please provide")
MAX_CHARS = 220  # the whole brief, institutions included
_NUM = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM.findall(text or "")}


def stray_numbers(text: str, *sources: str) -> set[str]:
    """Numbers in ``text`` that none of ``sources`` prints (the checker's test)."""
    allowed: set[str] = set()
    for s in sources:
        allowed |= numbers(s)
    return numbers(text) - allowed


def short_name(title: str) -> str:
    """"FineServe: Precision-Aware KV Slab ..." -> "FineServe"; a title without such a name stays whole."""
    title = " ".join(title.split()).rstrip(".")
    head, sep, _ = title.partition(":")
    if sep and head and len(head.split()) <= 3 and len(head) <= 40:
        return head.strip()
    return title


def _refuses(text: str) -> bool:
    low = text.lower()
    return any(r.lower() in low for r in REFUSALS)


def _clauses(variant: Variant) -> set[str]:
    return {variant.technique, variant.problem, variant.result}


class OfflineWriter:
    """Fills the seed sentence from the paper itself. Deterministic: the same papers in the same order give
    the same briefs (a paper may be worded apart from the run's earlier papers, never differently by chance)."""

    name = "offline"

    def __init__(self, settings: WriterSettings | None = None, table: InstitutionTable | None = None) -> None:
        self.settings = settings or WriterSettings()
        self._table = table
        self.usage = Usage()
        self._used: set[str] = set()  # clauses this writer has already given a paper (one writer per run)

    @property
    def table(self) -> InstitutionTable:
        if self._table is None:
            self._table = default_table()  # compiled on first use only
        return self._table

    def cache_key(self) -> str:
        return f"offline/{VERSION}/{self._table.version if self._table else default_version()}"

    def write(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        briefs = []
        for i, paper in enumerate(papers):
            try:
                brief = self.write_one(paper)
            except Exception:  # one odd paper must not stop the batch; the brief below is always valid
                log.exception("offline brief failed for %s", paper.file)
                brief = self._minimal(paper)
            briefs.append(brief)
            if on_brief:
                on_brief(i, brief)
        return briefs

    def write_one(self, paper: Paper) -> Brief:
        """The brief for one paper, in Chinese; every number in it is printed in the title or abstract."""
        title = " ".join((paper.title or "").split())
        abstract = " ".join((paper.abstract or "").split())
        institutions = self.institutions(paper)
        slots = compose(title, abstract, topic_tags(paper))
        brief = self._fit(institutions, slots)
        if stray_numbers(brief.text.replace(institutions, "", 1), title, abstract) or _refuses(brief.text):
            return self._minimal(paper, institutions)  # cannot happen by construction; the guard stays
        return brief

    def _fit(self, institutions: str, slots: Slots) -> Brief:
        """The longest wording of the slots that keeps the whole brief within ``MAX_CHARS`` and repeats
        the fewest clauses another paper of this run already has: generic clauses (「…中延迟高、吞吐受限」)
        would otherwise read the same in two briefs."""
        fitting = [(v, t) for v in slots.variants()
                   if len(t := self.sentence(institutions, v.label, v.technique, v.problem, v.result)) <= MAX_CHARS]
        if fitting:
            variant, text = min(fitting, key=lambda vt: len(self._used & _clauses(vt[0])))  # first of the least
        else:
            variant = list(slots.variants())[-1]
            institutions = institutions.split("、")[0].split("与")[0]
            text = self.sentence(institutions, variant.label, variant.technique, variant.problem, variant.result)
        self._used |= _clauses(variant)
        return Brief(text=text, institutions=institutions, technique=variant.technique, problem=variant.problem,
                     result=variant.result, writer=self.name, key_results=list(variant.key_results))

    def institutions(self, paper: Paper) -> str:
        """First 1-3 distinct institutions joined as in the seed; else "<first author> 等", else 研究团队."""
        names = institution_names(paper.affiliations, self.table)
        aff_text = " ".join(paper.affiliations)
        names = [n for n in names if not stray_numbers(n, paper.title, paper.abstract, aff_text)]
        if names:
            return join_names(names)
        authors = [a.strip() for a in paper.authors if a and a.strip()]
        if authors and not stray_numbers(authors[0], paper.title, paper.abstract):
            return f"{authors[0]} 等"
        return "研究团队"

    @staticmethod
    def sentence(institutions: str, label: str, technique: str, problem: str, result: str) -> str:
        tail = "" if problem.endswith("问题") else "的问题"  # 解决了…训练数据不足的问题, not …不足，达成了
        return f"{institutions}发布了{label}论文，使用{technique}，解决了{problem}{tail}，达成了{result}的效果。"

    def _minimal(self, paper: Paper, institutions: str = "研究团队") -> Brief:
        """A brief that is true of any paper: the stand-in when composing fails."""
        technique, problem, result = "论文提出的方法", "现有方法效率不足", "实验验证有效"
        return Brief(self.sentence(institutions, "该", technique, problem, result), institutions, technique,
                     problem, result, writer=self.name)
