"""Relevance of papers to a topic: the best-matching technique category, backed by keywords.

Each paper is compared with a few prototype descriptions per category of the topic; its
semantic score is the closest prototype's similarity, so a paper about one technique needs
to resemble that technique, not the field's average. Keywords support the decision: strong
ones (the field's terms) add evidence, generic ones ('efficient', 'latency') add a little
only beside a strong one, so generic words never select a paper alone. The threshold and
the width of the 可能相关 band below it are calibrated on labelled papers
(benchmarks/select_calibrate.py, docs/select.md).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..models import Paper, Relevance
from ._text import Phrases, phrase_regex
from .embed import Embedder, ReadsFurther, default_embedder
from .topic import Topic

TITLE_WEIGHT = 2.0  # a phrase in the title says more than one in the abstract
CONTEXT_WEIGHT = 0.3  # weight of a context (generic) keyword relative to a strong one
CONTEXT_CAP = 1.0  # generic words add at most this much, and only beside a strong keyword
SATURATION = 4.0  # evidence at which the keyword score reaches 1 - 1/e
NEGATIVE_PENALTY = 0.12  # score removed per distinct negative keyword ...
MAX_PENALTY = 0.36  # ... up to this much
COUNTER_WEIGHT = 2.0  # a paper closer to a neighbouring field than to any category loses twice the margin
UNSUPPORTED_MARGIN = 0.1  # similarity a paper without any strong keyword must make up to count the same
SECOND_READING = 96  # tokens read for a paper whose first reading scores near the threshold ...
NEAR = 0.08  # ... within this much of it


@dataclass(frozen=True)
class KeywordPart:
    """What the keywords say about one paper."""

    hits: tuple[str, ...]  # strong and context keywords found, in profile order
    score: float  # in [0, 1]
    negatives: tuple[str, ...]
    category: str  # the category whose keywords weigh most ('' when none hit)
    strong: float = 0.0  # evidence from strong keywords alone


@dataclass(frozen=True)
class SemanticPart:
    similarity: float  # to the closest prototype, less the counter-example margin
    category: str


def score(papers: list[Paper], topic: Topic, *, embedder: Embedder | None = None,
          semantic: bool = True, embed_all: bool = False) -> list[Relevance]:
    """Score each paper against ``topic``; ``selected`` is ``score >= topic.threshold``.

    ``embedder=None`` loads the bundled model once for this call (or, if it is not
    installed, warns and scores by keywords alone); ``semantic=False`` skips it outright.
    Embedding is the expensive part, so by default a paper whose keyword evidence alone
    clears the threshold is not embedded: its score is the keyword part (a lower bound,
    ``semantic`` None) and the decision is the same. ``embed_all=True`` embeds every paper.
    """
    if not papers:
        return []
    parts = [keyword_part(p, topic) for p in papers]
    if not (semantic and topic.categories):
        return [combine(topic, part) for part in parts]
    todo = [i for i, part in enumerate(parts) if embed_all or not combine(topic, part, semantic_used=True).selected]
    if not todo:
        return [combine(topic, part, semantic_used=True) for part in parts]
    model = embedder if embedder is not None else default_embedder()
    if model is None:
        return [combine(topic, part) for part in parts]
    anchors = Anchors.embed(topic, model)
    found = semantic_parts([paper_text(papers[i]) for i in todo], anchors, model)
    sems = dict(zip(todo, found))
    if isinstance(model, ReadsFurther):  # a close call is decided on more of the abstract
        near = [i for i in todo if abs(combine(topic, parts[i], sems[i], semantic_used=True).score
                                       - topic.threshold) < NEAR]
        if near:
            longer = model.reading(SECOND_READING)
            sems.update(zip(near, semantic_parts([paper_text(papers[i]) for i in near], anchors, longer)))
    return [combine(topic, part, sems.get(i), semantic_used=True) for i, part in enumerate(parts)]


def paper_text(p: Paper) -> str:
    return f"{p.title.strip()}. {p.abstract.strip()}".strip(". ")


def strong_keywords(topic: Topic) -> tuple[str, ...]:
    """The topic's keywords and its categories', each once, in profile order."""
    return tuple(dict.fromkeys(topic.keywords + tuple(k for c in topic.categories for k in c.keywords)))


def keyword_part(paper: Paper, topic: Topic) -> KeywordPart:
    """Keyword evidence. A negative phrase claims the words inside it: "dataset distillation"
    is a neighbouring field's phrase, so its "distill" is no evidence for this one."""
    strong_list, context_list, negative_list = _phrases(topic)
    text = paper_text(paper)
    negatives = tuple(negative_list.found(text, text.lower()))
    title, abstract = _without(paper.title, negatives), _without(paper.abstract, negatives)
    in_title = set(strong_list.found(title, title.lower()) + context_list.found(title, title.lower()))
    in_abstract = strong_list.found(abstract, abstract.lower()) + context_list.found(abstract, abstract.lower())

    def weight(phrase: str) -> float:
        return TITLE_WEIGHT if phrase in in_title else 1.0

    found = in_title.union(in_abstract)
    strong = {k: weight(k) for k in strong_keywords(topic) if k in found}
    context = {k: weight(k) for k in topic.context_keywords if k in found and k not in strong}
    evidence = sum(strong.values())
    if evidence:  # generic words only support a strong keyword
        evidence += min(CONTEXT_CAP, CONTEXT_WEIGHT * sum(context.values()))
    by_category = [(sum(strong.get(k, 0.0) for k in c.keywords), -i, c.name) for i, c in enumerate(topic.categories)]
    best = max(by_category, default=(0.0, 0, ""))
    return KeywordPart(
        hits=tuple(strong) + tuple(context),
        score=1.0 - math.exp(-evidence / SATURATION),
        negatives=negatives,
        category=best[2] if best[0] > 0 else "",
        strong=sum(strong.values()),
    )


@lru_cache(maxsize=8)
def _phrases(topic: Topic) -> tuple[Phrases, Phrases, Phrases]:
    """The topic's strong, context and negative phrases, compiled once per topic."""
    return Phrases(strong_keywords(topic)), Phrases(topic.context_keywords), Phrases(topic.negative_keywords)


def _without(text: str, phrases: Sequence[str]) -> str:
    for phrase in phrases:
        text = phrase_regex(phrase).sub(" ", text)
    return text


def combine(topic: Topic, part: KeywordPart, sem: SemanticPart | None = None, *,
            semantic_used: bool = False) -> Relevance:
    """A Relevance from a paper's keyword and semantic parts. With ``semantic_used`` and no
    ``sem`` the semantic share counts as 0 (a lower bound); without ``semantic_used`` the
    score is the keyword score alone (keyword-only mode)."""
    if sem is None:
        value = (1.0 - topic.semantic_weight) * part.score if semantic_used else part.score
    else:
        span = topic.semantic_ceiling - topic.semantic_floor
        sim = sem.similarity - (0.0 if part.strong else UNSUPPORTED_MARGIN)
        norm = min(1.0, max(0.0, (sim - topic.semantic_floor) / span))
        value = topic.semantic_weight * norm + (1.0 - topic.semantic_weight) * part.score
    value -= min(MAX_PENALTY, NEGATIVE_PENALTY * len(part.negatives))
    value = round(min(1.0, max(0.0, value)), 4)
    selected = value >= topic.threshold
    return Relevance(
        score=value,
        selected=selected,
        keyword_hits=part.hits + tuple(f"-{k}" for k in part.negatives),
        semantic=None if sem is None else round(sem.similarity, 4),
        category=sem.category if sem is not None else part.category,
        borderline=not selected and value >= topic.threshold - topic.band,
    )


@dataclass(frozen=True)
class Anchors:
    """The topic's prototypes and counter-examples as vectors, embedded once per call of
    ``score`` with the first reading and shared by both: a prototype is cut where a paper's
    first reading is cut (13 of 46 are longer than 48 tokens), so openings meet openings."""

    categories: tuple[str, ...]  # the category of each prototype row
    prototypes: Any
    counter: Any

    @classmethod
    def embed(cls, topic: Topic, embedder: Embedder) -> Anchors:
        import numpy as np  # comes with the embedding model; not needed for keyword-only scoring

        protos = [(c.name, p) for c in topic.categories for p in c.prototypes]
        vecs = np.asarray(embedder.encode([p for _, p in protos] + list(topic.counter_examples)), dtype=np.float32)
        return cls(tuple(name for name, _ in protos), vecs[:len(protos)], vecs[len(protos):])


def semantic_parts(texts: Sequence[str], anchors: Anchors, embedder: Embedder) -> list[SemanticPart]:
    """Per text, the closest prototype's category and cosine similarity, less twice the
    amount by which the nearest counter-example is closer still: a paper that reads most like
    a neighbouring field ('memory-efficient training') loses more than that margin."""
    import numpy as np

    docs = np.asarray(embedder.encode(list(texts)), dtype=np.float32)
    sims = docs @ anchors.prototypes.T
    best = sims.argmax(axis=1)
    pos = sims[np.arange(len(docs)), best]
    if len(anchors.counter):
        neg = (docs @ anchors.counter.T).max(axis=1)
        pos = pos - COUNTER_WEIGHT * np.maximum(0.0, neg - pos)
    return [SemanticPart(float(s), anchors.categories[j]) for s, j in zip(pos, best)]
