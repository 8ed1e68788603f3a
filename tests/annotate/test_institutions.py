"""Institution lookup: aliases inside printed affiliation strings, no false matches, English kept when unknown."""
from __future__ import annotations

from importlib.resources import files

import pytest

from paperbrief.annotate.institutions import (
    InstitutionTable,
    default_table,
    institution_names,
    main_name,
    normalize,
)
from paperbrief.brief.frame import join_names

from ..conftest import REAL, TYPESET, gold, needs_shared


@pytest.mark.parametrize(
    ("affiliation", "expected"),
    [
        ("Department of Computer Science, Tsinghua University, Beijing, China", "清华大学"),
        ("Tsinghua Univ.", "清华大学"),
        ("THU", "清华大学"),
        ("Univ. of Tokyo", "东京大学"),
        ("MIT", "麻省理工学院"),
        ("Department of Mathematics, MIT, Cambridge, MA 02139", "麻省理工学院"),
        ("Massachusetts Institute of Technology", "麻省理工学院"),
        ("MIT-IBM Watson AI Lab", "MIT-IBM沃森人工智能实验室"),
        ("Institute of Automation, Chinese Academy of Sciences, Beijing", "中国科学院自动化研究所"),
        ("School of AI, University of Chinese Academy of Sciences", "中国科学院大学"),
        ("Chinese Academy of Sciences", "中国科学院"),
        ("Cloud Research Team, Samsung SDS", "三星SDS"),
        ("Samsung Electronics", "三星"),
        ("Institute of Computer Science, University of Göttingen", "哥廷根大学"),
        ("Tencent Weixin Group, Shenzhen", "腾讯微信"),
        ("Tencent", "腾讯"),
        ("Microsoft Research Asia, Beijing", "微软亚洲研究院"),
        ("Microsoft Research", "微软研究院"),
        ("Google DeepMind, London", "谷歌DeepMind"),
        ("Huawei Noah’s Ark Lab", "华为诺亚方舟实验室"),
        ("Shanghai AI Laboratory, Shanghai, China", "上海人工智能实验室"),
        ("Shanghai AI Lab", "上海人工智能实验室"),
        ("The Hong Kong University of Science and Technology (Guangzhou), Guangzhou, China", "香港科技大学（广州）"),
        ("Department of Computer Science, University of Hong Kong, Pok Fu Lam", "香港大学"),
        ("Chinese University of Hong Kong", "香港中文大学"),
        ("ETH Zürich", "苏黎世联邦理工学院"),
        ("Xi’an Jiaotong University", "西安交通大学"),
        ("DAMO Academy, Alibaba Group", "阿里巴巴达摩院"),
    ],
)
def test_alias_found_inside_printed_affiliation(affiliation: str, expected: str) -> None:
    assert default_table().lookup(affiliation) == expected


@pytest.mark.parametrize(
    "affiliation",
    ["Smith College", "Department of Mathematics, Smith University", "submitted to mit press",
     "Intelligent Systems Group, Acme Labs", "Metadata Systems Inc", "Thuringia Research Centre"],
)
def test_no_match_inside_other_words(affiliation: str) -> None:
    assert default_table().lookup(affiliation) is None


def test_unknown_institution_stays_english_main_part() -> None:
    aff = "Department of Computer Science, Texas Tech University, Lubbock, TX 79409, USA"
    assert default_table().lookup(aff) is None
    assert main_name(aff) == "Texas Tech University"
    assert institution_names(["Dept. of ECE, North South University, Dhaka, Bangladesh"]) == ["North South University"]
    assert main_name("Dept. of ECE North South University Dhaka") == "North South University Dhaka"
    assert main_name("Department of computer Sciences, NUST, Pakistan") == "NUST"


def test_names_distinct_ordered_limited_and_departments_dropped() -> None:
    affs = ["School of Computer Science, Nanjing University, China", "State Key Laboratory, Nanjing University",
            "Department of Computer Science", "Independent Researcher", "Tencent", "Peking University",
            "Zhejiang University"]
    assert institution_names(affs) == ["南京大学", "腾讯", "北京大学"]
    assert institution_names(affs, limit=1) == ["南京大学"]
    assert institution_names([]) == []
    assert institution_names(["", "  "]) == []


def test_join_names_like_the_seed() -> None:
    assert join_names(["腾讯"]) == "腾讯"
    assert join_names(["腾讯", "中国人民大学"]) == "腾讯与中国人民大学"
    assert join_names(["北京大学", "清华大学", "上海人工智能实验室"]) == "北京大学、清华大学与上海人工智能实验室"


def test_bundled_table_is_large_and_unambiguous() -> None:
    text = (files("paperbrief.annotate") / "data" / "institutions.tsv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(rows) >= 300
    seen: dict[str, str] = {}
    for row in rows:
        zh, tab, aliases = row.partition("\t")
        assert tab and zh.strip() and aliases.strip(), row
        for alias in aliases.split("|"):
            key = normalize(alias).lower()
            assert key, row
            assert seen.setdefault(key, zh) == zh, f"{alias!r} maps to both {seen[key]} and {zh}"


def test_table_version_follows_its_text() -> None:
    a = InstitutionTable.parse("清华大学\tTsinghua University\n")
    b = InstitutionTable.parse("清华大学\tTsinghua University | THU\n")
    assert a.version != b.version
    assert a.lookup("THU") is None and b.lookup("THU") == "清华大学"


@needs_shared
def test_gold_affiliations_resolve_to_table_or_printed_text() -> None:
    """On the real corpora every name is Chinese from the table or words printed in the affiliation."""
    table = default_table()
    affs = [a for d in (TYPESET, REAL) for rec in gold(d).values() for a in rec["affiliations"]]
    known = 0
    for aff in affs:
        zh = table.lookup(aff)
        if zh:
            known += 1
            assert zh in table.names.values()
        else:
            assert main_name(aff) in " ".join(aff.split()), aff
    assert known / len(affs) >= 0.85, known / len(affs)
