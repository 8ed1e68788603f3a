"""Each layout family pinned with corpus PDFs, checked against the hand-written gold.

The gold file is the expected value; comparisons follow its conventions (case, spacing,
punctuation and accents ignored; an affiliation is found when the predicted string holds
most of the gold one's words).
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from paperbrief.extract import header, layout

from ..conftest import needs_shared

pytestmark = needs_shared  # every case is a corpus PDF with its gold record

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

# A few files per family; the family is the gold "layout" field (typeset-dev) or the template.
FAMILIES = {
    "authblk": ["typeset-dev/d001.pdf", "typeset-dev/d015.pdf", "typeset-dev/d029.pdf"],
    "neurips-table": ["typeset-dev/d002.pdf", "typeset-dev/d009.pdf", "typeset-dev/d023.pdf", "typeset-dev/d037.pdf",
                      "real/han2015_pruning_nips.pdf", "real/hinton2015_distilling_arxiv.pdf"],
    "icml-footnote": ["typeset-dev/d003.pdf", "typeset-dev/d017.pdf", "typeset-dev/d038.pdf",
                      "real/zhao2024_galore_icml.pdf", "real/katharopoulos2020_linear_transformers_icml.pdf",
                      "real/houlsby2019_adapters_icml.pdf"],
    "cvpr-teaser": ["typeset-dev/d004.pdf", "typeset-dev/d025.pdf", "typeset-dev/d039.pdf",
                    "real/caron2021_dino_iccv.pdf", "real/deng2019_getis_ord_pooling_cv.pdf"],
    "ieeetran": ["typeset-dev/d005.pdf", "typeset-dev/d012.pdf", "typeset-dev/d040.pdf",
                 "real/iqbal2010_requirement_prioritization_ieee.pdf",
                 "real/chang1997_scalable_video_ieee_tcsvt.pdf"],
    "llncs": ["typeset-dev/d006.pdf", "typeset-dev/d013.pdf", "typeset-dev/d027.pdf",
              "real/he2018_amc_eccv.pdf", "real/kopp2019_gadr_lncs.pdf"],
    "elsarticle": ["typeset-dev/d007.pdf", "typeset-dev/d021.pdf", "typeset-dev/d028.pdf",
                   "real/roisin2022_strain_sensor_elsevier.pdf"],
    "acm": ["real/wen2020_taso_arxiv_acm.pdf", "real/kwon2023_pagedattention_sosp.pdf",
            "real/gal2009_tracemonkey_pldi.pdf"],
    "report": ["real/ma2024_bitnet_b158_arxiv.pdf", "real/dai2024_deepseekmoe_arxiv.pdf",
               "real/zhang2024_tinyllama_arxiv.pdf", "real/xia2024_fp6_llm_arxiv.pdf"],
}
CASES = [(fam, f) for fam, files in FAMILIES.items() for f in files]


def _gold(rel: str) -> dict:
    set_name, name = rel.split("/")
    with open(CORPUS / set_name / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["file"] == name:
                return rec
    raise KeyError(rel)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _aff_found(gold: str, pred: str) -> bool:
    stop = {"of", "the", "and", "for", "de", "in", "at", "univ", "university", "inc", "ltd", "co"}
    g = [w for w in _norm(gold).split() if w not in stop] or _norm(gold).split()
    p = set(_norm(pred).split())
    return sum(w in p for w in g) / len(g) >= 0.8


def _pdf(rel: str) -> str:
    set_name, name = rel.split("/")
    return str(CORPUS / set_name / "pdf" / name)


def _header(rel: str) -> header.Header:
    with layout.open_document(_pdf(rel)) as pdf:
        return header.find_header(layout.read(pdf, pages=1), pdf)


@pytest.mark.parametrize("family,rel", CASES, ids=[f"{fam}:{Path(r).stem}" for fam, r in CASES])
def test_header_matches_gold(family: str, rel: str) -> None:
    gold, got = _gold(rel), _header(rel)
    assert _norm(got.title) == _norm(gold["title"])
    assert [_norm(a) for a in got.authors] == [_norm(a) for a in gold["authors"]]
    assert len(got.affiliations) == len(gold["affiliations"]), got.affiliations
    for g in gold["affiliations"]:
        assert sum(_aff_found(g, p) for p in got.affiliations) >= 1, (g, got.affiliations)
    assert len(got.author_affiliations) == len(got.authors)


@pytest.mark.parametrize("rel", ["typeset-dev/d001.pdf", "typeset-dev/d002.pdf", "typeset-dev/d021.pdf",
                                 "real/gal2009_tracemonkey_pldi.pdf", "real/hinton2015_distilling_arxiv.pdf",
                                 "real/ma2024_bitnet_b158_arxiv.pdf", "real/zhao2024_galore_icml.pdf"])
def test_author_affiliation_map_matches_gold(rel: str) -> None:
    gold, got = _gold(rel), _header(rel)
    pairs = {(_norm(a), _norm(got.affiliations[i])) for a, idx in zip(got.authors, got.author_affiliations)
             for i in idx}
    for a, idx in zip(gold["authors"], gold["author_affiliations"]):
        for i in idx:
            assert any(n == _norm(a) and _aff_found(gold["affiliations"][i], p) for n, p in pairs), (a, i)


def test_margin_arxiv_stamp_is_the_id_never_the_title() -> None:
    got = _header("real/hinton2015_distilling_arxiv.pdf")
    assert got.arxiv_id == "1503.02531"
    assert "arxiv" not in got.title.lower()


def test_no_email_or_person_in_affiliations() -> None:
    for rel in ["typeset-dev/d002.pdf", "typeset-dev/d003.pdf", "real/kwon2023_pagedattention_sosp.pdf",
                "real/caron2021_dino_iccv.pdf"]:
        got = _header(rel)
        for aff in got.affiliations:
            assert "@" not in aff and "correspond" not in aff.lower()
            assert not any(_norm(a) in _norm(aff) for a in got.authors)


def test_end_y_is_below_the_authors_and_above_the_abstract() -> None:
    got = _header("typeset-dev/d001.pdf")
    with layout.open_document(_pdf("typeset-dev/d001.pdf")) as pdf:
        page = layout.read(pdf, pages=1).pages[0]
    abstract_y = next(l.y0 for l in page.lines if l.text.strip() == "Abstract")
    names_y = max(l.y1 for l in page.lines if "Zhen Li" in l.text)
    assert names_y <= got.end_y < abstract_y
