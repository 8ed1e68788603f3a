"""The abstract finder on real corpus PDFs, checked against gold with the scorer's own similarity."""
from __future__ import annotations

from pathlib import Path

import pytest

from paperbrief.extract import layout
from paperbrief.extract.abstract import find_abstract, locate

from ..conftest import REAL, TYPESET, gold, needs_shared, shared_tool

pytestmark = needs_shared
score = shared_tool("score_metadata")
GOLD = {**{("real", k): v for k, v in gold(REAL).items()}, **{("typeset-dev", k): v for k, v in gold(TYPESET).items()}}
SETS = {"real": REAL, "typeset-dev": TYPESET}


def run(set_name: str, name: str) -> tuple[str, list[str], layout.Document]:
    pdf = layout.open_document(str(SETS[set_name] / "pdf" / name))
    with pdf:
        doc = layout.read(pdf, pages=1)
        text, warnings = find_abstract(doc, pdf, None)
    return text, warnings, doc


def similar(set_name: str, name: str, text: str) -> float:
    return score.similarity(GOLD[(set_name, name)]["abstract"], text)


@pytest.mark.parametrize("set_name, name", sorted(GOLD), ids=[f"{s}/{n}" for s, n in sorted(GOLD)])
def test_abstract_matches_gold(set_name, name):
    text, _, _ = run(set_name, name)
    assert similar(set_name, name, text) >= 0.95, text[:200]


# Layout families, each named by a corpus file typeset that way.
CAPTION_BEFORE_ABSTRACT = [("real", "caron2021_dino_iccv.pdf"), ("real", "he2016_resnet_cvpr.pdf")]
IEEE_INLINE_PREFIX = [("real", "chang1997_scalable_video_ieee_tcsvt.pdf"), ("real", "iqbal2010_requirement_prioritization_ieee.pdf"),
                      ("typeset-dev", "d005.pdf"), ("typeset-dev", "d012.pdf")]
LNCS_INLINE_PREFIX = [("real", "he2018_amc_eccv.pdf"), ("real", "kopp2019_gadr_lncs.pdf"), ("typeset-dev", "d006.pdf")]
KEYWORDS_AFTER = [("real", "fedus2022_switch_transformers_jmlr.pdf"), ("real", "gal2009_tracemonkey_pldi.pdf"),
                  ("real", "roisin2022_strain_sensor_elsevier.pdf"), ("typeset-dev", "d013.pdf"),
                  ("typeset-dev", "d019.pdf")]
INDENTED_ONE_COLUMN = [("real", "han2015_pruning_nips.pdf"), ("real", "ma2024_bitnet_b158_arxiv.pdf"),
                       ("typeset-dev", "d002.pdf")]
CONTINUES_ON_PAGE_TWO = [("typeset-dev", "d021.pdf"), ("typeset-dev", "d040.pdf")]


@pytest.mark.parametrize("set_name, name", CAPTION_BEFORE_ABSTRACT)
def test_teaser_caption_between_authors_and_abstract_is_left_out(set_name, name):
    text, _, doc = run(set_name, name)
    assert "Figure 1" in doc.pages[0].text
    assert "Figure 1" not in text
    assert similar(set_name, name, text) >= 0.95


@pytest.mark.parametrize("set_name, name", IEEE_INLINE_PREFIX + LNCS_INLINE_PREFIX)
def test_inline_heading_word_is_removed(set_name, name):
    text, _, _ = run(set_name, name)
    assert not text.lower().startswith("abstract")
    assert text.split()[0] == GOLD[(set_name, name)]["abstract"].split()[0]


@pytest.mark.parametrize("set_name, name", KEYWORDS_AFTER)
def test_stops_before_keywords_and_index_terms(set_name, name):
    text, _, doc = run(set_name, name)
    page = doc.pages[0].text.lower()
    assert "keywords" in page or "index terms" in page or "key words" in page
    for word in ("keywords", "index terms", "key words", "categories and subject"):
        assert word not in text.lower()
    assert similar(set_name, name, text) >= 0.95


@pytest.mark.parametrize("set_name, name", INDENTED_ONE_COLUMN)
def test_indented_block_stops_before_the_introduction(set_name, name):
    text, _, _ = run(set_name, name)
    assert "Introduction" not in text
    assert text.endswith(GOLD[(set_name, name)]["abstract"][-20:])


@pytest.mark.parametrize("set_name, name", CONTINUES_ON_PAGE_TWO)
def test_abstract_running_off_page_one_is_finished_from_page_two(set_name, name):
    text, _, doc = run(set_name, name)
    assert len(doc.pages) == 2, "page 2 is read and kept for the other finder"
    assert text.endswith(GOLD[(set_name, name)]["abstract"][-30:])
    assert "Introduction" not in text


def test_page_two_is_not_read_when_page_one_finishes_the_abstract():
    _, _, doc = run("real", "caron2021_dino_iccv.pdf")
    assert len(doc.pages) == 1


def test_multi_paragraph_abstract_is_one_paragraph():
    text, _, _ = run("real", "he2016_resnet_cvpr.pdf")
    assert "\n" not in text and "  " not in text
    assert similar("real", "he2016_resnet_cvpr.pdf", text) >= 0.95


def test_footnote_marks_are_dropped_and_hyphens_repaired():
    text, _, _ = run("real", "fedus2022_switch_transformers_jmlr.pdf")
    assert text.endswith("over the T5-XXL model.")  # the printed "model.1 2" marks are gone
    assert "incoming" in text and "in- coming" not in text


def test_headingless_abstract_is_guessed_with_a_warning():
    text, warnings, _ = run("real", "wen2020_taso_arxiv_acm.pdf")
    assert any("no heading" in w for w in warnings)
    assert "Additional Key Words" not in text and "ACM Reference Format" not in text
    assert similar("real", "wen2020_taso_arxiv_acm.pdf", text) >= 0.95


def test_found_abstract_has_no_warning():
    _, warnings, _ = run("real", "kwon2023_pagedattention_sosp.pdf")
    assert warnings == []


@pytest.mark.parametrize("set_name, name", sorted(GOLD)[::6])
def test_locate_points_between_title_and_abstract_text(set_name, name):
    _, _, doc = run(set_name, name)
    where = locate(doc)
    assert where is not None and where[0] == 0
    page = doc.pages[0]
    first_words = " ".join(GOLD[(set_name, name)]["abstract"].split()[:3])
    start = next(l for l in page.lines if first_words in l.text or l.text.strip().endswith(first_words.split()[0]))
    title = max((l for l in page.lines if l.horizontal), key=lambda l: l.size)
    assert title.y0 < where[1] <= start.y0 + 0.5


def _without_heading(src: Path, dst: Path) -> bool:
    """Copy ``src`` with the abstract heading word redacted from page 1; False if none printed."""
    import pymupdf

    with pymupdf.open(src) as pdf:
        page = pdf[0]
        hits = page.search_for("Abstract") or page.search_for("ABSTRACT")
        if not hits:
            return False
        page.add_redact_annot(hits[0])
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
        pdf.save(dst)
    return True


@pytest.mark.parametrize("set_name, name", sorted(GOLD)[1::5], ids=[f"{s}/{n}" for s, n in sorted(GOLD)[1::5]])
def test_abstract_is_still_found_when_its_heading_is_not_printed(set_name, name, tmp_path):
    dst = tmp_path / name
    if not _without_heading(SETS[set_name] / "pdf" / name, dst):
        pytest.skip("no heading word to remove")
    with layout.open_document(str(dst)) as pdf:
        doc = layout.read(pdf, pages=1)
        text, warnings = find_abstract(doc, pdf, None)
    assert similar(set_name, name, text) >= 0.95, text[:200]
    assert text[0].isalnum()
    assert warnings == ["abstract: no heading found, used first paragraph"]
