"""本期概览: counted from the papers' own lists, in Markdown and JSON alike."""
import json
import re

from paperbrief.models import Brief, Entry, KeyResult, Paper, Relevance, Report, Tag
from paperbrief.report import render, sort_entries
from paperbrief.report.overview import build_overview, count, paper_views

from ..conftest import annotated


def entry(title, affs, tags, key_results=(), technique="4-bit量化"):
    paper = Paper(file=f"{title}.pdf", sha256=title, title=title, authors=["Ann Lee"], affiliations=list(affs),
                  abstract="We cut latency by 2.5x and peak memory by 83%.")
    brief = Brief(text=f"某机构发布了{title}论文，使用{technique}，解决了延迟问题，达成了2.5x加速", institutions="某机构",
                  technique=technique, problem="延迟问题", result="2.5x加速", writer="offline",
                  key_results=list(key_results))
    return Entry(annotated(paper, [Tag(t, f"evidence for {t}") for t in tags]), brief, None)


def report():
    entries = [
        entry("Alpha", ["Dept. of CS, Tsinghua University, Beijing, China", "Tsinghua University", "Google DeepMind"],
              ["量化", "剪枝"], [KeyResult("峰值内存", "83%", "降低"), KeyResult("延迟", "2.5×")]),
        entry("Beta", ["School of Computer Science, Tsinghua University", "Peking University"], ["量化"]),
        entry("Gamma", ["Acme Robotics Inc., Springfield"], ["KV缓存"]),
        entry("Delta", ["Some Obscure Place"], ["量化"]),
    ]
    return Report(title="T", generated_at="2026-11-25 10:00:00", entries=sort_entries(entries),
                  excluded=[Entry(annotated(entry("Off topic", ["MIT"], ["其他"]).paper, [Tag("其他", "x")]), None, Relevance(0.1, False))])


def test_institutions_are_normalised_and_counted_once_per_paper():
    views = paper_views(report().entries)
    alpha = next(v for v in views if v.entry.paper.title == "Alpha")
    assert alpha.institutions == ["清华大学", "谷歌DeepMind"]  # the department and the repeat fold into one
    ov = build_overview(views)
    assert [(c.name, c.count) for c in ov.institutions][:1] == [("清华大学", 2)]
    names = {c.name for c in ov.institutions}
    assert {"北京大学", "谷歌DeepMind"} <= names and any(n.startswith("Acme Robotics") for n in names)


def test_sectors_and_regions_come_from_the_table_and_unknown_stays_unknown():
    views = {v.entry.paper.title: v for v in paper_views(report().entries)}
    assert views["Alpha"].sector == "产学合作" and views["Alpha"].regions == ["中国大陆", "英国"]
    assert views["Beta"].sector == "学术界" and views["Beta"].regions == ["中国大陆"]
    assert views["Gamma"].sector == "产业界" and views["Gamma"].regions == ["未知"]  # "Inc." says company, not where
    assert views["Delta"].sector == "未知"
    ov = build_overview(list(views.values()))
    assert sum(c.count for c in ov.sectors) == 4
    assert [c.name for c in ov.regions][-1] == "未知"


def test_highlights_only_from_key_results():
    ov = build_overview(paper_views(report().entries))
    assert [h.title for h in ov.highlights] == ["Alpha"]
    assert ov.highlights[0].text == "峰值内存降低83%；延迟 2.5×"
    md = render(report(), "md")
    section = md.split("### 关键结果", 1)[1].split("## 论文技术简报", 1)[0]
    assert "| 1. Alpha | 4-bit量化 | 峰值内存降低83%；延迟 2.5× |" in section
    assert "Beta" not in section and "Gamma" not in section


def test_no_key_results_no_results_table():
    r = report()
    for e in r.entries:
        e.brief.key_results = []
    assert "关键结果" not in render(r, "md") and "关键结果" not in render(r, "html")
    assert json.loads(render(r, "json"))["overview"]["highlights"] == []


# What the four papers of ``report()`` hold, worked out by hand from their inputs: Alpha prints Tsinghua
# twice (a department and the university) and Google DeepMind (a company in the UK), Beta Tsinghua and
# Peking, Gamma a company the table does not know ("Inc." says company, not where), Delta a place no one
# knows. The off-topic paper (MIT) is left out.
PAPERS = {
    "Alpha": (["量化", "剪枝"], ["清华大学", "谷歌DeepMind"], "产学合作", ["中国大陆", "英国"]),
    "Beta": (["量化"], ["清华大学", "北京大学"], "学术界", ["中国大陆"]),
    "Gamma": (["KV缓存"], ["Acme Robotics Inc"], "产业界", ["未知"]),
    "Delta": (["量化"], ["Some Obscure Place"], "未知", ["未知"]),
}
# Once per paper, most first, then by name in code-point order (Latin before Chinese), 未知 last.
OVERVIEW = {
    "tags": [("量化", 3), ("KV缓存", 1), ("剪枝", 1)],
    # ties in the order the institutions first appear (papers by title: Alpha, Beta, Delta, Gamma)
    "institutions": [("清华大学", 2), ("谷歌DeepMind", 1), ("北京大学", 1), ("Some Obscure Place", 1),
                     ("Acme Robotics Inc", 1)],
    "sectors": [("产业界", 1), ("产学合作", 1), ("学术界", 1), ("未知", 1)],
    "regions": [("中国大陆", 2), ("英国", 1), ("未知", 2)],
}


def test_json_overview_counts_are_the_hand_counted_ones():
    data = json.loads(render(report(), "json"))
    shown = {p["title"]: ([t["name"] for t in p["tags"]], p["institutions"], p["sector"], p["regions"])
             for p in data["papers"]}
    assert shown == PAPERS
    ov = data["overview"]
    assert {key: [(c["name"], c["count"]) for c in ov[key]] for key in OVERVIEW} == OVERVIEW
    assert ov["highlights"][0]["results"][0] == {"metric": "峰值内存", "value": "83%", "direction": "降低"}
    assert data["excluded"][0]["institutions"] == ["麻省理工学院"]  # left-out papers are not counted
    assert "麻省理工学院" not in {c["name"] for c in ov["institutions"]}


def test_markdown_overview_prints_the_hand_counted_numbers():
    md = render(report(), "md")
    section = md.split("## 本期概览", 1)[1].split("### 关键结果", 1)[0]
    assert "本期4篇论文，涉及3类技术、5个机构。" in section
    tables = [re.findall(r"^\| (.+?) \| (\d+) \|$", part, re.M) for part in section.split("### ")[1:]]
    assert tables == [[(name, str(n)) for name, n in OVERVIEW[key]]
                      for key in ("tags", "institutions", "sectors", "regions")]


def test_json_has_one_tags_list_per_paper_the_one_the_report_shows():
    r = report()
    data = json.loads(render(r, "json"))
    md = render(r, "md")
    for p in data["papers"]:
        assert "tags" not in p["brief"]  # the writer proposes no tags: one list per paper, from the tagger
        names = [t["name"] for t in p["tags"]]
        assert f"**技术标签**: {'、'.join(names)}\n" in md
        assert all(t["evidence"] for t in p["tags"])


def test_count_is_once_per_list_and_ordered():
    counts = count([["b", "a", "a"], ["a"], ["c"], ["未知", "b"]])
    assert [(c.name, c.count) for c in counts] == [("a", 2), ("b", 2), ("c", 1), ("未知", 1)]


def test_count_ties_by_first_appearance_ignore_the_script():
    counts = count([["甲大学", "Beta Labs"], ["Alpha Inc", "乙大学"], ["乙大学"]], ties_by_first_seen=True)
    assert [(c.name, c.count) for c in counts] == [("乙大学", 2), ("甲大学", 1), ("Beta Labs", 1), ("Alpha Inc", 1)]


def test_overview_institutions_tie_in_paper_then_printed_order():
    papers = [("P1", ["Peking University", "Acme Robotics Inc."]),  # 北京大学 from the table, then a printed name
              ("P2", ["Zeta Compute Ltd.", "Tsinghua University"]),
              ("P3", ["Beta Systems GmbH", "Fudan University"])]
    entries = [entry(title, affs, ["量化"]) for title, affs in papers]
    data = json.loads(render(Report(title="T", generated_at="2026-11-25 10:00:00", entries=entries), "json"))
    shown = [name for p in data["papers"] for name in p["institutions"]]  # report order, then printed order
    assert len(shown) == 6 and len(set(shown)) == 6
    assert [c["name"] for c in data["overview"]["institutions"]] == shown
    assert shown[0] == "北京大学" and shown[1].startswith("Acme Robotics") and shown[3] == "清华大学"
