"""Issue 11's header classes on 10 small PDFs from benchmarks/heldout/layouts_classes.py.

Made once with TeX Live (``make_set.py tests/fixtures/heldout_classes --short --papers
benchmarks/heldout/papers_classes.json --select <the files in gold.jsonl>``), so no TeX is
needed here: small capitals and capitals titles, surnames in capitals, nicknames, collective
authors, a USENIX-like cover sheet, 45 authors in revtex and in an ACM grid that runs on to
page 2. Each (file, field) is one case, right or wrong by the shared scorer's rule; cases
still wrong are strict xfail with their cause, so a fix shows as a failure to update.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from paperbrief.extract import extract

from ..conftest import needs_shared
from .test_heldout import FIELDS, _right

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "heldout_classes"

KNOWN: dict[tuple[str, str], str] = {
    ("c07_caps-report.pdf", "authors"): "TeX kerns before an accent inside a surname set in capitals "
                                        "('ZIELI ´NSKA'): in text a kern reads like a word break",
    ("c07_caps-report.pdf", "author_count"): "same as authors",
    ("c06_acm-sigconf.pdf", "abstract"): "the abstract follows an author list continued on page 2; abstract.py "
                                         "does not look past it",
}


def _gold() -> list[dict]:
    with open(FIXTURES / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def _predicted(name: str) -> dict:
    return extract(str(FIXTURES / "pdf" / name)).to_dict()


def _cases() -> list:
    out = []
    for gold in _gold():
        for field in FIELDS:
            if field == "affiliations" and not gold["affiliations"]:
                continue
            why = KNOWN.get((gold["file"], field))
            marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
            out.append(pytest.param(gold, field, id=f"{gold['file'][:-4]}:{field}", marks=marks))
    return out


@needs_shared
@pytest.mark.parametrize("gold,field", _cases())
def test_class_field(gold: dict, field: str) -> None:
    pred = _predicted(gold["file"])
    assert _right(field, gold, pred), (
        f"{gold['file']} {field}: gold={gold.get('authors' if field == 'author_count' else field)!r} "
        f"pred={pred.get('authors' if field == 'author_count' else field)!r}")


def test_collective_author_and_cover_warnings_reach_the_paper() -> None:
    collective = _predicted("c03_caps-report.pdf")
    assert collective["authors"] == ["Heron Team"]
    cover = _predicted("c06_usenix-cover.pdf")
    assert len(cover["authors"]) == 45
    assert any("cover page" in w for w in cover["warnings"])
