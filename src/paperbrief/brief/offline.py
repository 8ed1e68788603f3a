"""The default writer: the seed sentence filled from the paper's own words, with no network or model.

「<机构>发布了<论文>论文，使用<技术>，解决了<问题>，达成了<效果>」: institutions come
from the bundled table (Chinese where known), the clauses from the abstract's cue
sentences (see ``sentences``). It copies and never composes, so it cannot invent a
number; ``stray_numbers`` checks that anyway, the same way the report checker does.
It is also the LLM writer's fallback, through ``write_one``.
"""
from __future__ import annotations

import logging
import re

from ..models import Brief, Paper
from . import OnBrief, Usage, WriterSettings
from .institutions import InstitutionTable, default_table, default_version, institution_names, join_names
from .sentences import pick_parts, trim_clause

__all__ = ["OfflineWriter", "short_name", "stray_numbers"]

log = logging.getLogger(__name__)

VERSION = "2"  # bump when the wording or the picking changes: cached briefs are then redone

# The report checker's rules (shared/tools/check_report.py): a brief is wrong if it says these.
REFUSALS = ("请提供", "无法生成", "抱歉", "作为AI", "作为一个AI", "I cannot", "I can't", "As an AI", "please provide")
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


def _safe(part: str, stand_in: str, *sources: str) -> str:
    """``part`` unless it would break a checker rule (a foreign number, a refusal phrase)."""
    low = part.lower()
    if not part or stray_numbers(part, *sources) or any(r.lower() in low for r in REFUSALS):
        return stand_in
    return part


class OfflineWriter:
    """Fills the seed sentence from the paper itself. Deterministic: same paper, same brief."""

    name = "offline"

    def __init__(self, settings: WriterSettings | None = None, table: InstitutionTable | None = None) -> None:
        self.settings = settings or WriterSettings()
        self._table = table
        self.usage = Usage()

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
        """The brief for one paper; every number in it is printed in the title, abstract or affiliations."""
        title = " ".join((paper.title or "").split()) or "未命名"
        abstract = " ".join((paper.abstract or "").split())
        institutions = self.institutions(paper)
        parts = pick_parts(abstract, title)
        topic = trim_clause(title)
        technique = _safe(parts.technique, topic, title, abstract)
        problem = _safe(parts.problem, f"{topic}所针对的问题", title, abstract)
        result = _safe(parts.result, f"{topic}所报告的改进", title, abstract)
        return Brief(
            text=self.sentence(institutions, short_name(title), technique, problem, result),
            institutions=institutions,
            technique=technique,
            problem=problem,
            result=result,
            writer=self.name,
        )

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
    def sentence(institutions: str, name: str, technique: str, problem: str, result: str) -> str:
        named = re.search(r"(?:问题|problems?|issues?|challenges?|bottlenecks?)$", problem, re.I)
        problem_tail = "" if named else "的问题"
        return f"{institutions}发布了{name}论文，使用{technique}，解决了{problem}{problem_tail}，达成了{result}的效果。"

    def _minimal(self, paper: Paper) -> Brief:
        title = " ".join((paper.title or "").split()) or "未命名"
        topic = trim_clause(title)
        inst = "研究团队"
        problem, result = f"{topic}所针对的问题", f"{topic}所报告的改进"
        return Brief(self.sentence(inst, short_name(title), topic, problem, result), inst, topic, problem, result,
                     writer=self.name)
