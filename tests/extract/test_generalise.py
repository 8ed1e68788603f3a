"""Typesetting rules learned from layouts the corpus lacks (held-out acmsmall, revtex, IEEE
journal, ``\\thanks``): each test pins one general rule on strings as PDFs print them."""
from __future__ import annotations

from paperbrief.extract import affiliations as affs
from paperbrief.extract.header import _inline_author


def test_capitals_name_then_mixed_case_is_an_affiliation_without_institution_word():
    assert _inline_author("STÉPHANE PATEUX, Orange Innovation, Cesson-Sévigné, France") == (
        ["Stéphane Pateux"], "Orange Innovation, Cesson-Sévigné, France")
    assert _inline_author("HAOYU WANG, MiLM Plus, Xiaomi Inc.,")[0] == ["Haoyu Wang"]


def test_inline_author_reads_tex_spacing_accents():
    names, aff = _inline_author("ANNE-MARIE DUBOIS, Sorbonne Universit´e,")
    assert names == ["Anne-Marie Dubois"] and aff.startswith("Sorbonne Université")


def test_mixed_case_name_list_is_not_split_by_case():
    assert _inline_author("Alice Smith, Bob Jones") is None


def test_double_affiliation_split_at_and_between_institutions():
    assert affs.split_double("Nanjing University of Science and Technology, and Institute of Automation, "
                             "Chinese Academy of Sciences") == [
        "Nanjing University of Science and Technology", "Institute of Automation, Chinese Academy of Sciences"]
    assert affs.split_double("Harvard University, Cambridge, MA, USA and Kempner Institute for the Study of "
                             "Natural and Artificial Intelligence") == [
        "Harvard University, Cambridge, MA, USA",
        "Kempner Institute for the Study of Natural and Artificial Intelligence"]


def test_and_inside_one_institution_is_kept():
    for one in ("School of Computer Science and Engineering, Nanyang Technological University",
                "Southwestern University of Finance and Economics", "Texas A and M University"):
        assert affs.split_double(one) == [one]


def test_split_double_on_a_long_run_of_ands_keeps_it_whole():
    long = "Alpha and " * 3000 + "University"
    assert affs.split_double(long) == [long]
