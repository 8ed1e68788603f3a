"""Relevance of papers to a topic: keyword evidence plus semantic similarity.

Keywords catch papers that name the field's techniques; the embedding similarity to the
profile's example abstracts catches papers that describe them in other words, and keeps a
passing mention ('unlike pruning methods, ...') from deciding alone.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from ..models import Paper, Relevance
from ._text import phrase_in
from .embed import Embedder, default_embedder
from .topic import Topic

TITLE_WEIGHT = 2.0  # a phrase in the title says more than one in the abstract
CONTEXT_WEIGHT = 0.3  # weight of a context (generic) keyword relative to a strong one
CONTEXT_CAP = 2.0  # generic words alone never add up to much evidence
SATURATION = 4.0  # evidence at which the keyword score reaches 1 - 1/e
NEGATIVE_PENALTY = 0.12  # score removed per distinct negative keyword ...
MAX_PENALTY = 0.36  # ... up to this much
TOP_K = 5  # semantic similarity: mean of the k closest example abstracts


def score(papers: list[Paper], topic: Topic, *, embedder: Embedder | None = None,
          semantic: bool = True, embed_all: bool = False) -> list[Relevance]:
    """Score each paper against ``topic``; ``selected`` is ``score >= topic.threshold``.

    ``embedder=None`` loads the bundled MiniLM once for this call (or, if it is not
    installed, warns and scores by keywords alone); ``semantic=False`` skips it outright.
    Embedding is the expensive part, so by default a paper whose keyword evidence alone
    clears the threshold is not embedded: its score is the keyword part (a lower bound,
    ``semantic`` None) and the decision is the same. ``embed_all=True`` embeds every paper.
    """
    if not papers:
        return []
    parts = [keyword_part(p, topic) for p in papers]
    if not (semantic and topic.examples):
        return [combine(topic, part) for part in parts]
    todo = [i for i, part in enumerate(parts) if embed_all or not combine(topic, part, semantic_used=True).selected]
    if not todo:
        return [combine(topic, part, semantic_used=True) for part in parts]
    model = embedder if embedder is not None else default_embedder()
    if model is None:
        return [combine(topic, part) for part in parts]
    found = semantic_similarity([paper_text(papers[i]) for i in todo], topic.examples, model,
                                counter_examples=topic.counter_examples)
    sims = dict(zip(todo, found))
    return [combine(topic, part, sims.get(i), semantic_used=True) for i, part in enumerate(parts)]


def paper_text(p: Paper) -> str:
    return f"{p.title.strip()}. {p.abstract.strip()}".strip(". ")


def keyword_part(paper: Paper, topic: Topic) -> tuple[tuple[str, ...], float, tuple[str, ...]]:
    """(keywords found, keyword score in [0, 1], negative keywords found)."""
    hits, evidence = keyword_evidence(paper, topic)
    text = paper_text(paper)
    lowered = text.lower()
    negatives = tuple(k for k in topic.negative_keywords if phrase_in(k, text, lowered))
    return tuple(hits), 1.0 - math.exp(-evidence / SATURATION), negatives


def combine(topic: Topic, part: tuple[tuple[str, ...], float, tuple[str, ...]], sim: float | None = None, *,
            semantic_used: bool = False) -> Relevance:
    """A Relevance from a paper's keyword part and similarity. With ``semantic_used`` and no
    ``sim`` the semantic share counts as 0 (a lower bound); without ``semantic_used`` the
    score is the keyword score alone (keyword-only mode)."""
    hits, kw, negatives = part
    if sim is None:
        value = (1.0 - topic.semantic_weight) * kw if semantic_used else kw
    else:
        span = topic.semantic_ceiling - topic.semantic_floor
        sem = min(1.0, max(0.0, (sim - topic.semantic_floor) / span))
        value = topic.semantic_weight * sem + (1.0 - topic.semantic_weight) * kw
    value -= min(MAX_PENALTY, NEGATIVE_PENALTY * len(negatives))
    value = round(min(1.0, max(0.0, value)), 4)
    return Relevance(
        score=value,
        selected=value >= topic.threshold,
        keyword_hits=hits + tuple(f"-{k}" for k in negatives),
        semantic=None if sim is None else round(sim, 4),
    )


def keyword_evidence(paper: Paper, topic: Topic) -> tuple[list[str], float]:
    """Distinct keywords found (in profile order) and their weighted sum."""
    hits: list[str] = []
    totals = []
    title, abstract = paper.title, paper.abstract
    low_title, low_abstract = title.lower(), abstract.lower()
    for weight, phrases in ((1.0, topic.keywords), (CONTEXT_WEIGHT, topic.context_keywords)):
        total = 0.0
        for k in phrases:
            if phrase_in(k, title, low_title):
                hits.append(k)
                total += weight * TITLE_WEIGHT
            elif phrase_in(k, abstract, low_abstract):
                hits.append(k)
                total += weight
        totals.append(total)
    return hits, totals[0] + min(CONTEXT_CAP, totals[1])


def semantic_similarity(texts: Sequence[str], examples: Sequence[str], embedder: Embedder, *,
                        counter_examples: Sequence[str] = ()) -> list[float]:
    """Per text, the mean cosine similarity to its ``TOP_K`` nearest example abstracts, less
    the amount by which its nearest counter-example is closer still: a paper that reads most
    like a neighbouring field ('memory-efficient training') loses that margin."""
    import numpy as np  # comes with the embedding model; not needed for keyword-only scoring

    n_ex, n_ce = len(examples), len(counter_examples)
    vecs = np.asarray(embedder.encode(list(examples) + list(counter_examples) + list(texts)), dtype=np.float32)
    docs = vecs[n_ex + n_ce:]
    pos = -np.sort(-(docs @ vecs[:n_ex].T), axis=1)[:, : min(TOP_K, n_ex)].mean(axis=1)
    if n_ce:
        neg = (docs @ vecs[n_ex:n_ex + n_ce].T).max(axis=1)
        pos = pos - np.maximum(0.0, neg - pos)
    return [float(x) for x in pos]
