"""Affiliation and abstract failure classes of issue 11, on real2 papers and as pure-string rules.

Each real2 case stands for a class (a footnote key printed as a line of its own, a collective
"The authors are with" sentence, bracket e-mail groups, a publisher's © line, Elsevier's
letter-spaced "a b s t r a c t", a link in typewriter type ending the abstract); the scorer's
own matching decides, so a test fails when the field is wrong, not when wording differs.
"""
from __future__ import annotations

import importlib.util

import pytest

from paperbrief.extract import affiliations as affs
from paperbrief.extract.assign import readable
from paperbrief.extract.core import extract

from ..conftest import CORPUS, TOOLS, gold, needs_shared

REAL2 = CORPUS / "real2"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_metadata", TOOLS / "score_metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real2():
    return gold(REAL2), _scorer()


@needs_shared
@pytest.mark.parametrize("name", [
    "pandiri2020_ktsp_opsearch_springer.pdf",  # key '1' set apart from the footnote text; © line
    "chen2020_nbit_qnn_fpga_tnnls_ieee.pdf",  # "The authors are with the Institute ..."
    "bai2023_unified_data_free_compression_iccv.pdf",  # "[a, b]@zju.edu.cn" under the institution
    "qin2025_mooncake_fast25_usenix.pdf",  # footnote "2 Corresponding to ..." is no institution
    "xie2025_hivis_cvpr_style_arxiv.pdf",  # figure glyphs beside the header are no institution
])
def test_affiliations_match_gold(real2, name):
    golds, score = real2
    paper = extract(str(REAL2 / "pdf" / name))
    assert score.f1(golds[name]["affiliations"], paper.affiliations, score.affiliation_match) >= 0.99, paper.affiliations


@needs_shared
@pytest.mark.parametrize("name", [
    "pop2024_gtsp_survey_ejor_elsevier.pdf",  # "a b s t r a c t" beside the article-info column; © ends it
    "chen2023_data_free_quant_pr_elsevier.pdf",
    "deepseekai2025_deepseek_v32_exp_report.pdf",  # the last line is a URL in a larger typewriter font
])
def test_abstract_matches_gold(real2, name):
    golds, score = real2
    paper = extract(str(REAL2 / "pdf" / name))
    assert score.similarity(golds[name]["abstract"], paper.abstract) >= 0.95, paper.abstract[-200:]
    assert "©" not in paper.abstract
    assert not any("no heading" in w for w in paper.warnings)


def test_copyright_is_no_affiliation():
    assert affs.clean("© Operational Research Society of India 2020") == ""
    assert affs.clean("Meituan. Copyright 2025 by the author(s).") == "Meituan"


def test_contact_note_is_no_affiliation():
    assert affs.clean("Corresponding to zhang@mail.tsinghua.edu.cn, xuxin@moonshot.cn") == ""
    assert affs.clean("Tsinghua University. Corresponding author: a@b.cn") == "Tsinghua University"


@pytest.mark.parametrize("group", ["[shipengbai, junc, 22132133]@zju.edu.cn", "{ana, bo}@uni.edu", "(li, wu)@x.org"])
def test_grouped_emails_are_dropped(group):
    assert affs.clean(f"School of Physics, Example University {group}") == "School of Physics, Example University"


@pytest.mark.parametrize("subject", ["The authors are", "All authors are", "Both authors were", "All the authors are"])
def test_collective_subject_means_every_author(subject):
    found = affs.sentence_affiliations(f"Manuscript received May 1. {subject} with the Lab of Optics, "
                                       f"Riverside University, Oslo 0316, Norway (e-mail: x@y.no).")
    assert found == [(["<all>"], "Lab of Optics, Riverside University, Oslo 0316, Norway")]


def test_named_subjects_still_name_people():
    found = affs.sentence_affiliations("A. Berg and K. Ito are with Delta Institute, Lund, Sweden.")
    assert found == [(["A. Berg", "K. Ito"], "Delta Institute, Lund, Sweden")]


@pytest.mark.parametrize(("text", "ok"), [("\ud4e1\ufffd\ud4e1", False), ("\ue001\ue002 Lab", False), ("AIRIA", True),
                                          ("清华大学", True), ("x y", False)])
def test_readable(text, ok):
    assert readable(text) is ok


@needs_shared
def test_raised_digit_inside_a_name_is_kept():
    """HiViS prints its lab as C, a raised 2, DL: 'C2DL', not mark 2 before 'DL'."""
    paper = extract(str(REAL2 / "pdf" / "xie2025_hivis_cvpr_style_arxiv.pdf"))
    assert paper.affiliations[0].startswith("C2DL, Institute of Automation")
    assert paper.author_affiliations[0] == [0, 1]


def _line(text: str, x0: float, x1: float, y: float = 700.0, size: float = 9.0):
    from paperbrief.extract.layout import Line, Span

    span = Span(text=text, size=size, flags=4, font="Times", bbox=(x0, y - size, x1, y), origin_y=y - 2)
    return Line(spans=[span], bbox=(x0, y - size, x1, y), page=0, block=0)


def test_justified_footnote_pieces_across_the_middle_are_one_line():
    """A \\thanks line set full width comes as word pieces; the one straddling the middle is no gutter."""
    from paperbrief.extract.assign import merge_rows

    pieces = [_line("†Department of Electrical and Computer Engineering,", 92, 307),
              _line("North South University,", 314.5, 408), _line("Dhaka, Bangladesh.", 416, 493)]
    merged = merge_rows(pieces, mid=306.0)
    assert len(merged) == 1 and merged[0].text == ("†Department of Electrical and Computer Engineering, "
                                                   "North South University, Dhaka, Bangladesh.")
    columns = [_line("1 Dept. of Physics, Lund University", 54, 296), _line("2 Riverside Labs", 310, 400)]
    assert len(merge_rows(columns, mid=306.0)) == 2  # a 14 pt gutter between footnote columns


def test_abbreviated_particles_in_an_is_with_sentence():
    found = affs.sentence_affiliations("M. d. l. Cruz and P. v. d. Berg are with Department of Applied Physics, "
                                       "Eindhoven University of Technology, Eindhoven, The Netherlands.")
    assert found == [(["M. d. l. Cruz", "P. v. d. Berg"],
                      "Department of Applied Physics, Eindhoven University of Technology, Eindhoven, The Netherlands")]


@pytest.mark.parametrize(("text", "parts"), [
    ("NVIDIA, and Tsinghua University", ["NVIDIA", "Tsinghua University"]),
    ("Google Research, and Stanford University", ["Google Research", "Stanford University"]),
    ("School of Science, and Technology", ["School of Science, and Technology"]),
    ("Department of Computer Science and Engineering", ["Department of Computer Science and Engineering"]),
])
def test_two_institutions_listed_with_a_comma_and(text, parts):
    assert affs.split_double(text) == parts


def test_wide_space_after_a_full_stop_is_no_gutter(tmp_path):
    """ICML-like narrow abstract: TeX stretches the space after a sentence past 1.5 em in one line."""
    import pymupdf

    from paperbrief.extract import layout
    from paperbrief.extract.abstract import find_abstract

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((160, 190), "Abstract", fontsize=10, fontname="hebo")
    rows = ["Sparse experts have become a key part of", "scaling large language models efficiently.",
            None, "designs introduce hundreds of experts per layer,", "with many experts active per token, which",
            "keeps quality while the cost per token falls.", "We study why routers converge too early and",
            "how to pick experts after training ends."]
    for k, text in enumerate(rows):
        y = 211 + 12 * k
        if text is None:  # "stronger specialization." + a 16 pt space + "However, during pre-"
            page.insert_text((74, y), "stronger specialization.", fontsize=10, fontname="tiro")
            page.insert_text((186.5, y), "However, during pre-", fontsize=10, fontname="tiro")
        else:
            page.insert_text((74, y), text, fontsize=10, fontname="tiro")
    path = tmp_path / "icml.pdf"
    doc.save(path)
    with layout.open_document(str(path)) as pdf:
        text, _ = find_abstract(layout.read(pdf, 1), pdf)
    assert text.endswith("after training ends."), text
