"""Shape of the arXiv held-out set (tests/fixtures/select/arxiv_heldout.jsonl).

The set is kept unseen by the scorer, so these tests read it as data only: fields, label and
split vocabularies, unique ids, no overlap with labelled.jsonl, the split rule, and enough of
each label in both halves for a precision/recall score to mean something.
"""
from __future__ import annotations

import hashlib
import json
import re

from .conftest import FIXTURES

FIELDS = ("id", "title", "abstract", "label", "note", "split", "source")
MIN_SHARE = 0.35  # of each label, in each half


def split_of(title: str) -> str:
    """The README's rule: sha1 of the stripped, lowercased title; even first byte -> aside."""
    return "aside" if hashlib.sha1(title.strip().lower().encode()).digest()[0] % 2 == 0 else "tune"


def shape_errors(rows: list[dict], labelled_titles: set[str]) -> list[str]:
    """Every way `rows` breaks the fixture's contract, one message each (empty when sound)."""
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
        elif r["split"] != split_of(r["title"]):
            errors.append(f"{r['id']}: split {r['split']} disagrees with the title hash")
        if not re.fullmatch(r"arXiv:\d{4}\.\d{4,5}", r["id"]):
            errors.append(f"{r['id']}: id is not arXiv:YYMM.NNNNN")
        if not r["source"].startswith("http"):
            errors.append(f"{r['id']}: source is not a URL")
        if r["title"].strip().lower() in labelled_titles:
            errors.append(f"{r['id']}: title repeats labelled.jsonl")
    ok = [r for r in rows if all(isinstance(r.get(f), str) for f in FIELDS)]
    for key in ("id", "title"):
        seen = [r[key].strip().lower() for r in ok]
        dupes = sorted({k for k in seen if seen.count(k) > 1})
        if dupes:
            errors.append(f"duplicate {key}s: {dupes}")
    for half in ("tune", "aside"):
        part = [r for r in ok if r["split"] == half]
        for label in ("on", "off"):
            share = sum(r["label"] == label for r in part) / len(part) if part else 0.0
            if share < MIN_SHARE:
                errors.append(f"{half}: {label} is {share:.0%} of the half, under {MIN_SHARE:.0%}")
    return errors


def read(name: str) -> list[dict]:
    with open(FIXTURES / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labelled_titles() -> set[str]:
    return {r["title"].strip().lower() for r in read("labelled.jsonl")}


def test_heldout_fixture_has_the_promised_shape():
    rows = read("arxiv_heldout.jsonl")
    assert len(rows) >= 90
    assert shape_errors(rows, labelled_titles()) == []


def test_shape_check_catches_a_broken_fixture():
    rows = read("arxiv_heldout.jsonl")
    aside_on = next(r for r in rows if r["split"] == "aside" and r["label"] == "on")
    broken = [dict(r) for r in rows] + [
        dict(rows[0]),                                        # repeated id and title
        {**rows[1], "id": "arXiv:2401.99999", "label": "maybe"},
        {**rows[2], "id": "arXiv:2401.99998", "title": read("labelled.jsonl")[0]["title"]},
        {k: v for k, v in rows[3].items() if k != "source"},
    ]
    broken[0]["split"] = "aside" if broken[0]["split"] == "tune" else "tune"
    errors = shape_errors(broken, labelled_titles())
    for fragment in ("duplicate ids", "label 'maybe'", "repeats labelled.jsonl",
                     "missing or non-string ['source']", "disagrees with the title hash"):
        assert any(fragment in e for e in errors), fragment
    # one label nearly gone from a half
    lopsided = [r for r in rows if not (r["split"] == "aside" and r["label"] == "on")] + [aside_on]
    assert any(e.startswith("aside: on is") for e in shape_errors(lopsided, labelled_titles()))
