"""Threshold calibration from labelled scores: pure functions, no model.

The operating point is the threshold that keeps precision and recall furthest above their
targets (the worse of the two margins is maximised) on the papers it is fitted on: the
targets are what the report promises a reader, so the threshold is placed where a shift in
either direction costs the least. Cross-validation fits it on k-1 folds and scores the
k-th, so the precision and recall it reports are those of papers the threshold never saw.
The 可能相关 band is as wide as needed to catch the on-topic papers those folds missed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TARGETS = (0.90, 0.95)  # precision, recall


@dataclass(frozen=True)
class Point:
    threshold: float
    precision: float
    recall: float
    selected: int


@dataclass(frozen=True)
class CrossValidation:
    thresholds: tuple[float, ...]  # one per fold
    precision: float  # of the pooled held-out decisions
    recall: float
    missed_by: tuple[float, ...]  # how far below its fold's threshold each missed on-topic paper scored


def point(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> Point:
    kept = [y for s, y in zip(scores, labels) if s >= threshold]
    tp, positives = sum(kept), sum(labels)
    return Point(threshold, tp / len(kept) if kept else 1.0, tp / positives if positives else 1.0, len(kept))


def margin(p: Point, targets: tuple[float, float] = TARGETS) -> float:
    """How far the point clears the worse of its two targets (negative: misses one)."""
    return min(p.precision - targets[0], p.recall - targets[1])


def candidates(scores: Sequence[float]) -> list[float]:
    """Midpoints between consecutive distinct scores: every distinct decision, each as far
    from the papers on either side as it can be."""
    s = sorted(set(scores))
    return [round((a + b) / 2, 4) for a, b in zip(s, s[1:])] or [s[0] if s else 0.5]


def best_threshold(scores: Sequence[float], labels: Sequence[bool], targets: tuple[float, float] = TARGETS) -> float:
    """The threshold with the widest margin over both targets; among equals, the middle one."""
    cands = candidates(scores)
    values = [margin(point(scores, labels, t), targets) for t in cands]
    top = max(values)
    best = [t for t, v in zip(cands, values) if v >= top - 1e-12]
    return best[len(best) // 2]


def folds(labels: Sequence[bool], k: int) -> list[list[int]]:
    """Stratified folds by position: on- and off-topic papers are dealt round-robin."""
    out: list[list[int]] = [[] for _ in range(k)]
    for cls in (True, False):
        for n, i in enumerate(i for i, y in enumerate(labels) if y == cls):
            out[n % k].append(i)
    return out


def cross_validate(scores: Sequence[float], labels: Sequence[bool], k: int = 5,
                   targets: tuple[float, float] = TARGETS) -> CrossValidation:
    thresholds, tp, fp, fn = [], 0, 0, 0
    missed_by = []
    for held in folds(labels, k):
        held_set = set(held)
        train = [i for i in range(len(scores)) if i not in held_set]
        t = best_threshold([scores[i] for i in train], [labels[i] for i in train], targets)
        thresholds.append(t)
        for i in held:
            if scores[i] >= t:
                tp += labels[i]
                fp += not labels[i]
            elif labels[i]:
                fn += 1
                missed_by.append(round(t - scores[i], 4))
    return CrossValidation(tuple(thresholds), tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                           tuple(sorted(missed_by)))


def band_width(cv: CrossValidation, *, floor: float = 0.05, cap: float = 0.15) -> float:
    """The smallest band (rounded up to 0.01) that holds every on-topic paper the held-out
    folds missed within reach of ``cap``, and at least ``floor``. The floor covers how far a
    score may move with the embedding backend (a similarity shift of 0.02 moves a score by
    ~0.025); past the cap a band lists more noise than rescues, so a paper missed by more
    does not widen it: the band could not hold that paper anyway."""
    need = max((m for m in cv.missed_by if m <= cap), default=0.0)
    return max(floor, -(-need * 100 // 1) / 100)
