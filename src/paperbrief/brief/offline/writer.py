"""The default writer: the seed sentence in Chinese, built from the paper itself with no network or model.

「<机构>发布了<论文>论文，使用<技术>，解决了<问题>，达成了<效果>」: institutions come
from the bundled table (Chinese where known); the three clauses are composed in Chinese
from the title and abstract (see ``compose``), never copied English. Numbers are only
copied, from the abstract, so none can be invented; ``stray_numbers`` checks that anyway,
the same way the report checker does. The LLM writer falls back to it through the writer
registry, never by importing it.
"""
from __future__ import annotations

import logging
import re

from ...annotate import annotate
from ...models import Annotations, Brief, Paper
from .. import OnBrief, Usage, WriterSettings
from .._injection import clean_paper
from ..frame import MAX_BRIEF, is_refusal, join_names, named_institutions, sentence, stray_numbers, technique_tags
from .compose import UNSTATED, UNSTATED_PROBLEM, Slots, Variant, compose

__all__ = ["OfflineWriter"]

log = logging.getLogger(__name__)

VERSION = "13"  # bump when the wording or the picking changes: cached briefs are then redone


def _clauses(variant: Variant) -> set[str]:
    return {variant.technique, variant.problem, variant.result}


class OfflineWriter:
    """Fills the seed sentence from the paper itself. Deterministic: the same papers in the same order give
    the same briefs (a paper may be worded apart from the run's earlier papers, never differently by chance)."""

    name = "offline"

    def __init__(self, settings: WriterSettings | None = None) -> None:
        self.settings = settings or WriterSettings()
        self.usage = Usage()
        self._used: set[str] = set()  # clauses this writer has already given a paper (one writer per run)

    def cache_key(self) -> str:
        return f"offline/{VERSION}"

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
        notes = paper.annotations or annotate(paper)
        title, abstract = source_text(paper)
        institutions = self.institutions(paper, notes)
        slots = compose(title, abstract, technique_tags(notes), notes.target, {t.name: t.evidence for t in notes.tags})
        brief = self._fit(institutions, slots)
        if any(word in brief.text for word in injected_words(paper)):
            return self._minimal(paper, institutions)  # cannot happen: the clauses come from the cleaned text
        if stray_numbers(brief.text.replace(institutions, "", 1), title, abstract) or is_refusal(brief.text):
            return self._minimal(paper, institutions)  # cannot happen by construction; the guard stays
        return brief

    def _fit(self, institutions: str, slots: Slots) -> Brief:
        """The longest wording of the slots that keeps the whole brief within ``MAX_BRIEF`` and repeats
        the fewest clauses another paper of this run already has: generic clauses (「…中延迟高、吞吐受限」)
        would otherwise read the same in two briefs."""
        fitting = [(v, t) for v in slots.variants()
                   if len(t := sentence(institutions, v.label, v.technique, v.problem, v.result)) <= MAX_BRIEF]
        if fitting:
            variant, text = min(fitting, key=lambda vt: len(self._used & _clauses(vt[0])))  # first of the least
        else:
            variant = list(slots.variants())[-1]
            institutions = institutions.split("、")[0].split("与")[0]
            text = sentence(institutions, variant.label, variant.technique, variant.problem, variant.result)
        self._used |= _clauses(variant)
        return Brief(text=text, institutions=institutions, technique=variant.technique, problem=variant.problem,
                     result=variant.result, writer=self.name, key_results=list(variant.key_results),
                     evidence=slots.evidence(variant))

    @staticmethod
    def institutions(paper: Paper, notes: Annotations) -> str:
        """First 1-3 distinct institutions joined as in the seed; else "<first author> 等", else 研究团队."""
        names = named_institutions(notes)
        aff_text = " ".join(paper.affiliations)
        names = [n for n in names if not stray_numbers(n, paper.title, paper.abstract, aff_text)]
        if names:
            return join_names(names)
        authors = [a.strip() for a in paper.authors if a and a.strip()]
        if authors and not stray_numbers(authors[0], paper.title, paper.abstract):
            return f"{authors[0]} 等"
        return "研究团队"

    def _minimal(self, paper: Paper, institutions: str = "研究团队") -> Brief:
        """A brief that is true of any paper: the stand-in when composing fails."""
        technique, problem, result = "论文提出的方法", UNSTATED_PROBLEM, UNSTATED
        return Brief(sentence(institutions, "该", technique, problem, result), institutions, technique,
                     problem, result, writer=self.name)


_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>")  # "<b>negligible</b>", "</paper>": markup, not the paper's words


def source_text(paper: Paper) -> tuple[str, str]:
    """The title and abstract the clauses are built from: instruction spans (``_injection``) and markup
    removed, whitespace folded, so nothing a paper tells a model can reach its brief."""
    clean = clean_paper(paper)
    return (" ".join(_MARKUP.sub(" ", clean.title or "").split()),
            " ".join(_MARKUP.sub(" ", clean.abstract or "").split()))


def injected_words(paper: Paper) -> set[str]:
    """Latin words of the paper's instruction spans that its cleaned text does not print (HACKED)."""
    from .._injection import injection_spans

    spans = [s for text in (paper.title or "", paper.abstract or "") for s in injection_spans(text)]
    title, abstract = source_text(paper)
    kept = set(re.findall(r"[A-Za-z]{4,}", f"{title} {abstract}".lower()))
    return {w for s in spans for w in re.findall(r"[A-Za-z]{4,}", s) if w.lower() not in kept}
