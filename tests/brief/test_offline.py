"""The offline writer on real abstracts: every brief passes the report checker's brief rules."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from paperbrief.brief import WriterSettings, get_writer
from paperbrief.brief.frame import stray_numbers, title_name
from paperbrief.brief.offline import OfflineWriter
from paperbrief.models import Brief, Entry, KeyResult, Paper, Report
from paperbrief.report import render, sort_entries

from ..conftest import CORPUS, REAL, TYPESET, needs_shared, shared_tool, skip_without_shared

SHARED = CORPUS.parent
REFERENCE = SHARED / "reference" / "000_ee340ae9bd814c68.txt"


CHECK = shared_tool("check_report")


def gold_papers() -> list[Paper]:
    skip_without_shared()
    papers = []
    for d in (TYPESET, REAL):
        with open(d / "gold.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    papers.append(Paper.from_dict(json.loads(line) | {"sha256": ""}))
    return papers


def reference_papers() -> list[Paper]:
    """The 28 papers of the seed report's details section (institutions as printed there)."""
    skip_without_shared()
    text = REFERENCE.read_text(encoding="utf-8")
    details = text[text.index("## 论文详细信息"):]
    papers = []
    for block in re.split(r"^### \d+\. ?", details, flags=re.M)[1:]:
        inst = re.search(r"^\*\*主要机构\*\*: ?(.*)$", block, re.M).group(1)
        n = int(re.search(r"^\*\*作者数量\*\*: ?(\d+)人", block, re.M).group(1))
        abstract = re.search(r"^\*\*摘要\*\*:\s*\n(.*)", block, re.M | re.S).group(1).strip()
        papers.append(Paper(file="ref.pdf", sha256="", title=block.split("\n", 1)[0].strip(),
                            authors=[f"Author {chr(65 + i % 26)}" for i in range(n)],
                            affiliations=[a for a in inst.split(", ") if a.strip()], abstract=abstract))
    return papers


def brief_errors(paper: Paper, brief: Brief) -> list[str]:
    """The checker's brief rules, plus ours: numbers come from the title or abstract only."""
    skip_without_shared()  # the rules are ../shared/tools/check_report.py's
    errors = []
    if not re.search(r"发布了.+论文.*使用.+解决了.+达成", brief.text, re.S):
        errors.append("pattern")
    if any(r.lower() in brief.text.lower() for r in CHECK.REFUSALS):
        errors.append("refusal")
    body = brief.text.replace(brief.institutions, "", 1)
    stray = CHECK.numbers(body) - CHECK.numbers(paper.title) - CHECK.numbers(paper.abstract)
    if stray:
        errors.append(f"numbers {sorted(stray)}")
    stray_inst = CHECK.numbers(brief.institutions) - CHECK.numbers(" ".join(paper.affiliations))
    if stray_inst:
        errors.append(f"institution numbers {sorted(stray_inst)}")
    return errors


@pytest.fixture(scope="module")
def writer() -> OfflineWriter:
    return OfflineWriter(WriterSettings())


@needs_shared
@pytest.mark.parametrize("source", ["gold", "reference"])
def test_every_brief_passes_the_checker_rules(writer: OfflineWriter, source: str) -> None:
    papers = gold_papers() if source == "gold" else reference_papers()
    assert len(papers) == (73 if source == "gold" else 28)
    briefs = writer.write(papers)
    bad = {p.title[:60]: errs for p, b in zip(papers, briefs, strict=True) if (errs := brief_errors(p, b))}
    assert not bad, bad


@needs_shared
def test_brief_fields_and_shape(writer: OfflineWriter) -> None:
    for paper in gold_papers():
        b = writer.write_one(paper)
        assert (b.writer, b.fallback, b.model) == ("offline", False, None)
        assert b.text.startswith(f"{b.institutions}发布了")
        assert f"论文，使用{b.technique}，解决了{b.problem}" in b.text and f"达成了{b.result}的效果。" in b.text
        assert len(b.text) <= 220, b.text
        for part in (b.technique, b.problem, b.result):
            assert part and not re.search(r"[A-Za-z]+\s+[A-Za-z]+\s+[A-Za-z]+\s+[A-Za-z]+", part), part
        assert b.institutions and "发布了" not in b.institutions


@needs_shared
def test_rendered_report_passes_check_report(writer: OfflineWriter, tmp_path: Path) -> None:
    """The real renderer and the real checker, end to end, on the typeset corpus."""
    papers = gold_papers()
    entries = sort_entries([Entry(p, b) for p, b in zip(papers, writer.write(papers), strict=True)])
    report = Report(title="AI推理加速技术论文分析报告", generated_at="2026-01-01 00:00:00", entries=entries)
    path = tmp_path / "report.md"
    path.write_text(render(report, "md"), encoding="utf-8")
    errors, stats = CHECK.check(str(path))
    assert errors == [] and stats["papers"] == len(papers)


@needs_shared
def test_known_institutions_in_chinese_and_joined_like_the_seed(writer: OfflineWriter) -> None:
    by_file = {p.file: p for p in gold_papers()}
    assert writer.write_one(by_file["han2016_deep_compression_iclr.pdf"]).institutions == "斯坦福大学、清华大学与英伟达"
    ref = {p.title.split(":")[0]: p for p in reference_papers()}
    assert writer.write_one(ref["FineServe"]).text.startswith("三星SDS发布了FineServe论文，使用")
    sensitivity = ref["Sensitivity-Aware Post-Training Quantization for Deep Neural Networks"]
    assert writer.write_one(sensitivity).institutions == "华南理工大学"


@needs_shared
def test_key_numbers_of_the_result_are_kept(writer: OfflineWriter) -> None:
    ref = {p.title.split(":")[0]: p for p in reference_papers()}
    fineserve = writer.write_one(ref["FineServe"])
    assert "SLO达成率最高提升2.2倍" in fineserve.result
    assert KeyResult("SLO达成率", "2.2×", "最高提升") in fineserve.key_results  # the slot's words, "up to" kept
    assert "92.85%" in writer.write_one(ref["BioLite U-Net"]).result
    assert "1.46倍" in writer.write_one(ref["SpecPrune-VLA"]).result
    for b in (fineserve, writer.write_one(ref["BioLite U-Net"])):
        assert [k.value.replace("×", "倍") in b.result for k in b.key_results] == [True] * len(b.key_results)


@needs_shared
def test_no_affiliations_falls_back_to_first_author(writer: OfflineWriter) -> None:
    paper = gold_papers()[0]
    paper.affiliations = []
    b = writer.write_one(paper)
    assert b.institutions == f"{paper.authors[0]} 等"
    assert not brief_errors(paper, b)
    paper.authors = []
    assert writer.write_one(paper).institutions == "研究团队"


@needs_shared
def test_empty_or_hostile_abstract_still_gives_a_valid_brief(writer: OfflineWriter) -> None:
    empty = Paper(file="e.pdf", sha256="", title="FooNet: Fast Things", authors=["A B"], affiliations=[], abstract="")
    hostile = Paper(file="h.pdf", sha256="", title="BarNet", authors=["C D"], affiliations=["Tsinghua University"],
                    abstract="However, please provide the answer. We propose BarNet, which I cannot describe. "
                             "It achieves a 3x speedup over 12 baselines.")
    for paper in (empty, hostile, Paper(file="x.pdf", sha256="", title="", authors=[], affiliations=[], abstract="")):
        b = writer.write_one(paper)
        assert not brief_errors(paper, b), (b.text, brief_errors(paper, b))
    assert "提升3倍" in writer.write_one(hostile).result


@needs_shared
def test_deterministic_and_on_brief_in_order() -> None:
    """Two runs over the same papers word them the same (a fresh writer each: the module's shared writer has
    already worded other papers, and a run words a paper apart from its earlier ones)."""
    papers = gold_papers()[:10]
    seen: list[tuple[int, Brief]] = []
    first = OfflineWriter(WriterSettings()).write(papers, on_brief=lambda i, b: seen.append((i, b)))
    again = OfflineWriter(WriterSettings()).write(papers)
    assert [b.to_dict() for b in first] == [b.to_dict() for b in again]
    assert [i for i, _ in seen] == list(range(10)) and [b for _, b in seen] == first


def test_a_corrected_institution_name_gives_a_new_brief_key() -> None:
    """The writer's key names only the writer; what it sees of a paper, annotations included, is the brief key."""
    from dataclasses import replace

    from paperbrief.annotate import annotate
    from paperbrief.models import Institution
    from paperbrief.store import brief_key, paper_key

    assert OfflineWriter(WriterSettings()).cache_key().startswith("offline/")
    paper = Paper(file="x.pdf", sha256="0", title="T", authors=["A"], affiliations=["Northwestern University"],
                  abstract="We quantize models.")
    paper = replace(paper, annotations=annotate(paper))
    fixed = replace(paper, annotations=replace(paper.annotations, institutions=(Institution("美国西北大学", True),)))
    assert paper_key(paper) == paper_key(fixed)
    assert brief_key(paper) != brief_key(fixed)


def test_registered_as_the_offline_writer() -> None:
    w = get_writer("offline", WriterSettings())
    assert isinstance(w, OfflineWriter) and w.name == "offline" and w.usage.requests == 0


@pytest.mark.parametrize(
    ("title", "name"),
    [("FineServe: Precision-Aware KV Slab and Two-Level Scheduling", "FineServe"),
     ("Ban&Pick: Achieving Free Performance Gains", "Ban&Pick"),
     ("REAP the Experts: Why Pruning Prevails", "REAP"),
     ("From Long to Short: LLMs Excel at Trimming Own Reasoning Chains", ""),
     ("Transformers are RNNs: Fast Autoregressive Transformers", ""),
     ("Delta Velocity Rectified Flow for Text-to-Image Editing", ""),
     ("Fast R-CNN.", "")],
)
def test_title_name(title: str, name: str) -> None:
    """The title's short name, or "" (the label is then 关于<target>的): never a whole English title."""
    assert title_name(title) == name


def test_stray_number_guard_uses_the_checkers_notion_of_a_number() -> None:
    assert stray_numbers("3家机构达成了1,300×", "over 1300× smaller", "") == {"3"}
    assert stray_numbers("0.285 ± 0.015", "a mean of 0.285 ± 0.015") == set()
    assert stray_numbers("v2.1", "v2") == {"2.1"}
