"""Shape of the arXiv held-out sets (tests/fixtures/select/arxiv_heldout*.jsonl).

The sets are kept unseen by the scorer, so these tests read them as data only: fields, label and
split vocabularies, unique ids, no paper shared with another fixture file, each file's split rule,
and enough of each label in every half for a precision/recall score to mean something.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

import pytest

from .conftest import FIXTURES

FIELDS = ("id", "title", "abstract", "label", "note", "split", "source")
MIN_SHARE = 0.35  # of each label, in each half
FILES = ("labelled.jsonl", "arxiv_heldout.jsonl", "arxiv_heldout2.jsonl", "arxiv_heldout3.jsonl",
         "arxiv_heldout4.jsonl", "arxiv_heldout5.jsonl")
ALL_ASIDE = ("arxiv_heldout2.jsonl", "arxiv_heldout3.jsonl", "arxiv_heldout4.jsonl",
             "arxiv_heldout5.jsonl")


def split_of(title: str) -> str:
    """arxiv_heldout.jsonl's rule: sha1 of the stripped, lowercased title; even first byte -> aside."""
    return "aside" if hashlib.sha1(title.strip().lower().encode()).digest()[0] % 2 == 0 else "tune"


def all_aside(title: str) -> str:
    """The rule of every set after the first (ALL_ASIDE): each row is kept for one final score."""
    return "aside"


SPLIT_RULES: dict[str, Callable[[str], str]] = {
    "arxiv_heldout.jsonl": split_of,
    **{name: all_aside for name in ALL_ASIDE},
}


def shape_errors(rows: list[dict], split_rule: Callable[[str], str],
                 others: dict[str, list[dict]]) -> list[str]:
    """Every way `rows` breaks the fixture's contract, one message each (empty when sound).

    `others` maps each other fixture file to its rows; no id or title may recur in them.
    """
    taken = {name: ({r["id"] for r in rs}, {r["title"].strip().lower() for r in rs})
             for name, rs in others.items()}
    errors = []
    for i, r in enumerate(rows):
        missing = [f for f in FIELDS if not isinstance(r.get(f), str)]
        if missing:
            errors.append(f"row {i}: missing or non-string {missing}")
            continue
        if r["label"] not in ("on", "off"):
            errors.append(f"{r['id']}: label {r['label']!r}")
        if r["split"] not in ("tune", "aside"):
            errors.append(f"{r['id']}: split {r['split']!r}")
        elif r["split"] != split_rule(r["title"]):
            errors.append(f"{r['id']}: split {r['split']} disagrees with the split rule")
        if not re.fullmatch(r"arXiv:\d{4}\.\d{4,5}", r["id"]):
            errors.append(f"{r['id']}: id is not arXiv:YYMM.NNNNN")
        if not r["source"].startswith("http"):
            errors.append(f"{r['id']}: source is not a URL")
        for name, (ids, titles) in taken.items():
            if r["id"] in ids:
                errors.append(f"{r['id']}: id repeats {name}")
            if r["title"].strip().lower() in titles:
                errors.append(f"{r['id']}: title repeats {name}")
    ok = [r for r in rows if all(isinstance(r.get(f), str) for f in FIELDS)]
    for key in ("id", "title"):
        seen = [r[key].strip().lower() for r in ok]
        dupes = sorted({k for k in seen if seen.count(k) > 1})
        if dupes:
            errors.append(f"duplicate {key}s: {dupes}")
    for half in sorted({split_rule(r["title"]) for r in ok}):
        part = [r for r in ok if r["split"] == half]
        for label in ("on", "off"):
            share = sum(r["label"] == label for r in part) / len(part) if part else 0.0
            if share < MIN_SHARE:
                errors.append(f"{half}: {label} is {share:.0%} of the half, under {MIN_SHARE:.0%}")
    return errors


def read(name: str) -> list[dict]:
    with open(FIXTURES / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def others_than(name: str) -> dict[str, list[dict]]:
    return {other: read(other) for other in FILES if other != name}


@pytest.mark.parametrize("name, at_least", [("arxiv_heldout.jsonl", 90),
                                            ("arxiv_heldout2.jsonl", 95),
                                            ("arxiv_heldout3.jsonl", 95),
                                            ("arxiv_heldout4.jsonl", 90),
                                            ("arxiv_heldout5.jsonl", 90)])
def test_heldout_fixture_has_the_promised_shape(name, at_least):
    rows = read(name)
    assert len(rows) >= at_least
    assert shape_errors(rows, SPLIT_RULES[name], others_than(name)) == []


@pytest.mark.parametrize("name", ALL_ASIDE)
def test_later_heldout_sets_are_all_aside(name):
    assert {r["split"] for r in read(name)} == {"aside"}


def test_shape_check_catches_a_broken_fixture():
    name = "arxiv_heldout.jsonl"
    rows, others = read(name), others_than(name)
    aside_on = next(r for r in rows if r["split"] == "aside" and r["label"] == "on")
    second = others["arxiv_heldout2.jsonl"][0]
    broken = [dict(r) for r in rows] + [
        dict(rows[0]),                                        # repeated id and title
        {**rows[1], "id": "arXiv:2401.99999", "label": "maybe"},
        {**rows[2], "id": "arXiv:2401.99998", "title": others["labelled.jsonl"][0]["title"]},
        {**rows[4], "id": second["id"], "title": "A title no file has"},
        {k: v for k, v in rows[3].items() if k != "source"},
    ]
    broken[0]["split"] = "aside" if broken[0]["split"] == "tune" else "tune"
    errors = shape_errors(broken, split_of, others)
    for fragment in ("duplicate ids", "label 'maybe'", "title repeats labelled.jsonl",
                     "id repeats arxiv_heldout2.jsonl", "missing or non-string ['source']",
                     "disagrees with the split rule"):
        assert any(fragment in e for e in errors), fragment
    # one label nearly gone from a half
    lopsided = [r for r in rows if not (r["split"] == "aside" and r["label"] == "on")] + [aside_on]
    assert any(e.startswith("aside: on is") for e in shape_errors(lopsided, split_of, others))


@pytest.mark.parametrize("name", ALL_ASIDE)
def test_shape_check_holds_the_later_sets_to_their_own_rule(name):
    rows, others = read(name), others_than(name)
    tuned = [dict(r) for r in rows]
    tuned[0]["split"] = "tune"
    assert any("disagrees with the split rule" in e
               for e in shape_errors(tuned, all_aside, others))
    for other in ("arxiv_heldout.jsonl", *(n for n in ALL_ASIDE if n != name)):
        copied = rows + [{**others[other][0]}]
        errors = shape_errors(copied, all_aside, others)
        assert any(f"repeats {other}" in e for e in errors), other
    offless = [r for r in rows if r["label"] == "on"] + [r for r in rows if r["label"] == "off"][:5]
    assert any(e.startswith("aside: off is") for e in shape_errors(offless, all_aside, others))
