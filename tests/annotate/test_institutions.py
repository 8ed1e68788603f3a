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
    """On the real corpora every name is Chinese from the table, found through one of its aliases printed in
    the affiliation as whole words, or words printed in the affiliation."""
    table = default_table()
    affs = [a for d in (TYPESET, REAL) for rec in gold(d).values() for a in rec["affiliations"]]
    known = 0
    for aff in affs:
        zh = table.lookup(aff)
        if zh:
            known += 1
            printed = f" {normalize(aff)} "
            aliases = [a for a, name in table.names.items() if name == zh]
            assert any(f" {a} " in (printed.lower() if a.islower() else printed) for a in aliases), (aff, zh)
        else:
            assert main_name(aff) in " ".join(aff.split()), aff
    assert known / len(affs) >= 0.85, known / len(affs)


# Names two institutions print alike. Each expectation is the institution the printed words
# denote (written from knowledge of the institutions, not read off the table); None means no
# name is safe without more context, so the printed English stays.
@pytest.mark.parametrize(
    ("affiliation", "expected"),
    [
        # direction words: Northwestern (Evanston) / Northwest (Xi'an) / Northwestern Polytechnical (Xi'an)
        ("Department of Computer Science, Northwestern University, Evanston, IL, USA", "美国西北大学"),
        ("Northwestern University", "美国西北大学"),
        ("School of Information Science and Technology, Northwest University, Xi'an, China", "西北大学"),
        ("Northwestern Polytechnical University, Xi'an, China", "西北工业大学"),
        # Northeastern: Boston or Shenyang; Tohoku is Japan's
        ("Khoury College of Computer Sciences, Northeastern University, Boston, MA, USA", "美国东北大学"),
        ("Northeastern University, Boston, MA 02115", "美国东北大学"),
        ("School of Computer Science and Engineering, Northeastern University, Shenyang 110819, China", "东北大学"),
        ("Northeastern University, China", "东北大学"),
        ("Northeastern University", None),
        ("Tohoku University, Sendai, Japan", "日本东北大学"),
        # Southern / Southeast / South Carolina
        ("University of Southern California, Los Angeles, CA", "南加州大学"),
        ("Southern University of Science and Technology, Shenzhen, China", "南方科技大学"),
        ("Department of Computer Science and Engineering, University of South Carolina", None),
        ("USC", None),
        ("Southeast University, Nanjing, China", "东南大学"),
        ("Department of CSE, Southeast University, Dhaka, Bangladesh", None),
        # "X University of Y" is another university than "X University"
        ("Nanjing University of Finance and Economics", None),
        ("Chongqing University of Posts and Telecommunications, Chongqing, China", None),
        ("Korea University of Technology and Education", None),
        ("Korea University, Seoul", "高丽大学"),
        ("Kyoto University of Advanced Science", None),
        ("Zhejiang University of Technology, Hangzhou", "浙江工业大学"),
        ("Renmin University of China", "中国人民大学"),
        ("Seoul National University of Science and Technology", "首尔科学技术大学"),
        ("Seoul National University", "首尔大学"),
        ("Shanghai University of International Business and Economics", "上海对外经贸大学"),
        ("University of International Business and Economics, Beijing", "对外经济贸易大学"),
        # "University of X" inside a longer name
        ("The Education University of Hong Kong", "香港教育大学"),
        ("The University of Hong Kong", "香港大学"),
        ("City University of Macau", "澳门城市大学"),
        ("Autonomous University of Barcelona", "巴塞罗那自治大学"),
        ("NOVA University of Lisbon", "里斯本新大学"),
        ("University of Maryland, Baltimore County", "马里兰大学巴尔的摩郡分校"),
        ("University of Maryland, College Park", "马里兰大学"),
        ("Texas A&M University-Corpus Christi", None),
        ("Texas A&M University, College Station, TX", "德克萨斯农工大学"),
        # National ... / Taiwan
        ("National Taiwan University, Taipei", "台湾大学"),
        ("National Taiwan University of Science and Technology, Taipei", "台湾科技大学"),
        ("National Tsinghua University, Hsinchu, Taiwan", "台湾清华大学"),
        ("National University of Singapore", "新加坡国立大学"),
        ("National University of Defense Technology, Changsha", "国防科技大学"),
        # acronyms with two meanings stay as printed; their long or qualified forms resolve
        ("NTU", None),
        ("NTU Singapore", "南洋理工大学"),
        ("Nanyang Technological University", "南洋理工大学"),
        ("NTNU", None),  # Norwegian University of Science and Technology or National Taiwan Normal University
        ("HUST", None),  # Huazhong or Hanoi University of Science and Technology
        ("Hanoi University of Science and Technology", None),
        ("DTU", None),  # Technical University of Denmark or Delhi Technological University
        ("Delhi Technological University", None),
        ("IIT", None),  # an Indian Institute of Technology, Illinois Tech or Istituto Italiano di Tecnologia
        ("IIT Bombay", "印度理工学院孟买分校"),
        ("Istituto Italiano di Tecnologia, Genoa", "意大利技术研究院"),
        ("ASU", None),  # Arizona State or Ain Shams University
        ("Indian Institute of Science Education and Research, Pune", "印度科学教育与研究学院"),
        ("MIT World Peace University, Pune, India", None),
        ("Manipal Institute of Technology (MIT), Manipal", None),
        ("CSAIL, MIT, Cambridge, MA", "麻省理工学院计算机科学与人工智能实验室"),
        ("HKU", "香港大学"),
        ("HKUST", "香港科技大学"),
        ("USTC", "中国科学技术大学"),
        ("SJTU", "上海交通大学"),
        ("NUS", "新加坡国立大学"),
        ("KAIST", "韩国科学技术院"),
        ("UCL", "伦敦大学学院"),
        ("ETH Zurich", "苏黎世联邦理工学院"),
        # Berkeley is a city before it is a university
        ("Lawrence Berkeley National Laboratory, Berkeley, CA", "劳伦斯伯克利国家实验室"),
        ("International Computer Science Institute, Berkeley, CA", None),
        ("University of California, Berkeley", "加州大学伯克利分校"),
        # Ecole ... in more than one city
        ("École Polytechnique, Palaiseau, France", "巴黎综合理工学院"),
        ("Polytechnique Montréal", "蒙特利尔综合理工学院"),
        ("École Polytechnique de Montréal", "蒙特利尔综合理工学院"),
        ("École Polytechnique Fédérale de Lausanne", "洛桑联邦理工学院"),
        ("ENS de Lyon", "里昂高等师范学院"),
        ("École Normale Supérieure Paris-Saclay", "巴黎-萨克雷高等师范学院"),
        # Tokyo Tech and its 2024 successor are two names
        ("Tokyo Institute of Technology", "东京工业大学"),
        ("Institute of Science Tokyo", "东京科学大学"),
        # standard Chinese names
        ("Carnegie Mellon University", "卡内基梅隆大学"),
        ("Georgia Institute of Technology", "佐治亚理工学院"),
        ("KTH Royal Institute of Technology, Stockholm", "瑞典皇家理工学院"),
        ("Imperial College London", "伦敦帝国理工学院"),
    ],
)
def test_look_alike_names_resolve_to_the_right_institution_or_stay_printed(affiliation: str, expected: str | None) -> None:
    assert default_table().lookup(affiliation) == expected


def test_an_ambiguous_name_keeps_its_printed_english() -> None:
    assert institution_names(["Dept. of ECE, Northeastern University"]) == ["Northeastern University"]
    assert institution_names(["NTU"]) == ["NTU"]


@pytest.mark.parametrize(
    "variants",
    [
        ["Google DeepMind", "DeepMind, London, UK", "Google DeepMind, Mountain View"],
        ["NVIDIA", "Nvidia Corporation", "Nvidia Research, Santa Clara", "NVIDIA Research"],
        ["Zhipu AI", "Beijing Zhipu Huazhang Technology Co., Ltd.", "Z.ai"],
        ["Microsoft Research Asia", "Microsoft Research Asia, Beijing", "MSR Asia", "MSRA"],
        ["Alibaba Group", "Alibaba Inc.", "Alibaba Group Holding Limited"],
        ["ByteDance", "ByteDance Inc.", "Bytedance Ltd."],
        ["Huawei Noah's Ark Lab", "Noah’s Ark Lab, Huawei Technologies"],
        ["Tencent AI Lab", "Tencent AI Lab, Shenzhen, China"],
        ["Naver Cloud", "NAVER Cloud"],
        ["NAVER", "Naver Corp.", "Naver Labs Europe"],
    ],
)
def test_printed_variants_of_one_institution_get_one_name(variants: list[str]) -> None:
    names = {default_table().lookup(v) for v in variants}
    assert len(names) == 1 and None not in names, names


@pytest.mark.parametrize(
    ("a", "b"),
    [("Alibaba Group", "Alibaba Cloud"), ("Microsoft Research", "Microsoft Research Asia"),
     ("ByteDance", "ByteDance Seed"), ("Tencent", "Tencent AI Lab"), ("Huawei", "Huawei Noah's Ark Lab"),
     ("Google", "Google DeepMind")],
)
def test_a_company_and_its_own_lab_are_two_names(a: str, b: str) -> None:
    assert None not in (default_table().lookup(a), default_table().lookup(b))
    assert default_table().lookup(a) != default_table().lookup(b)


def test_a_row_kept_as_printed_hides_only_its_longer_names() -> None:
    table = InstitutionTable.parse("麻省理工学院\tMIT\n-\tMIT World Peace University\n")
    assert table.lookup("MIT World Peace University") is None
    assert table.lookup("CSAIL, MIT") == "麻省理工学院"
    assert "-" not in table.kinds
