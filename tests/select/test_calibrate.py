"""Threshold calibration: pure functions over labelled scores."""
from __future__ import annotations

import pytest

from paperbrief.select import calibrate


def test_point_counts_precision_recall_and_kept():
    p = calibrate.point([0.9, 0.8, 0.4, 0.2], [True, False, True, False], 0.5)
    assert (p.precision, p.recall, p.selected) == (0.5, 0.5, 2)
    assert calibrate.point([0.1], [True], 0.5).precision == 1.0  # nothing kept, nothing wrong


def test_separable_scores_get_a_threshold_in_the_gap():
    scores = [0.1, 0.2, 0.3, 0.6, 0.7, 0.8]
    labels = [False, False, False, True, True, True]
    assert calibrate.best_threshold(scores, labels) == pytest.approx(0.45)
    cv = calibrate.cross_validate(scores * 3, labels * 3, k=3)
    assert (cv.precision, cv.recall, cv.missed_by) == (1.0, 1.0, ())


def test_threshold_keeps_both_targets_as_far_as_possible():
    high = [0.6 + 0.02 * i for i in range(10)]
    # recall binds: dropping the on-topic paper at 0.4 would cost more recall than keeping
    # the off-topic one at 0.5 costs precision
    scores, labels = high + [0.4, 0.5, 0.1], [True] * 10 + [True, False, False]
    t = calibrate.best_threshold(scores, labels)
    assert 0.1 < t < 0.4 and calibrate.point(scores, labels, t).recall == 1.0
    # precision binds: five off-topic papers just above a lone on-topic one
    high = [0.6 + 0.01 * i for i in range(20)]
    scores, labels = high + [0.3, 0.31, 0.32, 0.33, 0.34, 0.35], [True] * 21 + [False] * 5
    t = calibrate.best_threshold(scores, labels)
    assert 0.34 < t < 0.6 and calibrate.point(scores, labels, t).precision > 0.95


def test_folds_are_stratified_and_cover_every_paper_once():
    labels = [True] * 10 + [False] * 5
    folds = calibrate.folds(labels, 5)
    assert sorted(i for f in folds for i in f) == list(range(15))
    assert all(sum(labels[i] for i in f) == 2 and len(f) == 3 for f in folds)


def test_cross_validation_reports_held_out_misses():
    # one on-topic paper scores low: whichever fold holds it, the other folds' threshold misses it
    scores = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.26]
    labels = [False] * 5 + [True] * 5
    cv = calibrate.cross_validate(scores, labels, k=5)
    assert cv.recall < 1.0 and cv.missed_by == (0.065,)
    assert calibrate.band_width(cv) == 0.07


def test_band_width_is_floored_and_capped():
    cv = calibrate.CrossValidation((0.3,), 1.0, 1.0, ())
    assert calibrate.band_width(cv) == 0.05
    assert calibrate.band_width(calibrate.CrossValidation((0.3,), 1.0, 0.9, (0.061,))) == 0.07
    assert calibrate.band_width(calibrate.CrossValidation((0.3,), 1.0, 0.9, (0.15,))) == 0.15
    # a paper missed by more than the cap cannot be held: it does not widen the band
    assert calibrate.band_width(calibrate.CrossValidation((0.3,), 1.0, 0.9, (0.4,))) == 0.05
    assert calibrate.band_width(calibrate.CrossValidation((0.3,), 1.0, 0.9, (0.061, 0.4))) == 0.07
