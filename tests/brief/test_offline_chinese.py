"""The offline writer's Chinese: its data files, its reordering, its numbers, and every slot in Chinese."""
from __future__ import annotations

import importlib.util
import json
import re
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest

from paperbrief.annotate.subject import target
from paperbrief.brief.frame import numbers
from paperbrief.brief.offline import OfflineWriter
from paperbrief.brief.offline.method import STACKED, describe
from paperbrief.brief.offline.patterns import FILES, load_rules, parse_rules
from paperbrief.brief.offline.problem import pains
from paperbrief.brief.offline.result import claims, mentions, result
from paperbrief.brief.offline.terms import DROP, VERB, Glossary, is_name, load_glossary, translate
from paperbrief.models import KeyResult, Paper

from ..conftest import CORPUS, TOOLS, needs_shared

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "brief" / "abstracts.jsonl"
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_RUN = re.compile(r"(?:[A-Za-z][A-Za-z0-9\-'’.]*(?:[\s,:;/()]+|$)){4,}")  # brief_lang's rule


def shipped_papers() -> list[Paper]:
    with open(FIXTURE, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Paper(file=f"s{i}.pdf", sha256="", title=r["title"], authors=["Li Wei"],
                  affiliations=["Tsinghua University"], abstract=r["abstract"]) for i, r in enumerate(rows)]


def body(text: str) -> str:
    return text.split("论文，", 1)[1]


def assert_chinese(text: str) -> None:
    """brief_lang's bar: no 4+ Latin words in a row, Chinese at least half the letters, ≤ 220 characters."""
    b = body(text)
    cjk, latin = len(CJK.findall(b)), len(re.findall(r"[A-Za-z]", b))
    assert not LATIN_RUN.search(b), text
    assert cjk / max(1, cjk + latin) >= 0.5, text
    assert len(text) <= 220, text


# --- data files -----------------------------------------------------------------------------

def test_glossary_is_well_formed_and_large() -> None:
    text = files("paperbrief.brief.offline").joinpath("data", "glossary.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert all(len(r) == 2 and r[0] == r[0].lower() and r[0].strip() == r[0] for r in rows), \
        [r for r in rows if len(r) != 2 or r[0] != r[0].lower()]
    g = load_glossary()
    assert len(g.terms) >= 900
    assert len(g.terms) == len(rows), "a term is listed twice"
    for zh in g.terms.values():  # Chinese, or a Latin acronym kept as Chinese writing keeps it
        assert zh in (DROP, VERB) or CJK.search(zh) or re.fullmatch(r"[A-Za-z0-9 :\-]+", zh), zh
    for en, zh in [(("kv", "cache"), "KV缓存"), (("speculative", "decoding"), "推测解码"),
                   (("post", "training"), "训练后"), (("knowledge", "distillation"), "知识蒸馏")]:
        assert g.terms[en] == zh
    assert all("{head}" in c.template or c.level == 0 for c in g.connectors)
    assert all("{mod}" in c.template for c in g.connectors)


def test_glossary_parse_rejects_a_malformed_row() -> None:
    with pytest.raises(ValueError, match="line 2"):
        Glossary.parse("kv cache\tKV缓存\nquantization 量化\n")


@pytest.mark.parametrize("name", FILES)
def test_rule_files_load_and_name_chinese(name: str) -> None:
    rules = load_rules(name)
    assert len(rules) >= (3 if name == "settings" else 4)
    for rule in rules:
        assert CJK.search(rule.zh) or re.fullmatch(r"[A-Za-z0-9\-]+", rule.zh), rule.zh
        assert not rule.pattern.search(""), f"{name}: {rule.pattern.pattern} matches nothing at all"


def test_rule_parse_names_the_bad_row() -> None:
    with pytest.raises(ValueError, match="x.tsv:2: bad regex"):
        parse_rules("a\t甲\n(b\t乙\n", "x.tsv")
    with pytest.raises(ValueError, match="x.tsv:1"):
        parse_rules("no tab here\n", "x.tsv")


# --- English noun phrases in Chinese --------------------------------------------------------

@pytest.mark.parametrize(("english", "chinese"), [
    ("an inference serving framework for mixed-precision LLMs", "面向混合精度大语言模型的推理服务框架"),
    ("a post-training SVD-based LLM compression method", "训练后基于SVD的大语言模型压缩方法"),
    ("Pruning, Trained Quantization and Huffman Coding", "剪枝、训练量化与霍夫曼编码"),
    ("Accelerating Diffusion Transformers via Token-wise Feature Caching", "面向扩散Transformer加速的逐token特征缓存"),
    ("KV Cache Eviction in Long-Context Inference", "长上下文推理中的KV缓存驱逐"),
])
def test_head_final_reordering(english: str, chinese: str) -> None:
    phrase = translate(english)
    assert phrase.text == chinese
    assert phrase.coverage == 1.0
    assert not STACKED.search(phrase.text)


@pytest.mark.parametrize(("english", "head", "terms"), [
    ("Efficient Memory Management for Large Language Model Serving with PagedAttention", "内存管理",
     ("PagedAttention", "大语言模型")),
    ("Speculative Decoding with Self-Drafting Heads for Large Language Model Inference", "推测解码",
     ("大语言模型推理",)),
])
def test_two_modifiers_are_never_stacked_in_the_slot(english: str, head: str, terms: tuple[str, ...]) -> None:
    """Two modifiers render as a modifier inside a modifier (结合…的面向…的): word salad that the 使用 slot
    refuses, keeping a shorter cut with the head noun last and no stacked 的."""
    phrase = translate(english)
    assert phrase.coverage == 1.0 and all(t in phrase.text for t in terms) and phrase.text.endswith(head)
    said = describe(english, "", english)
    assert said and said != phrase.text and said.endswith(head), said
    assert not STACKED.search(said) and said.count("的") <= 1, said


def test_unknown_words_are_dropped_and_counted_names_kept() -> None:
    phrase = translate("a zorbification framework for FooNet")
    assert phrase.text == "面向FooNet的框架"
    assert (phrase.known, phrase.unknown) == (2, 1)
    assert translate("Transformers are RNNs").clause
    assert not translate("Transformers for RNNs").clause


@pytest.mark.parametrize(("token", "name"), [("FineServe", True), ("vLLM", True), ("W2A4KV4", True), ("R-CNN", True),
                                             ("KV", True), ("Slab", False), ("Precision-Aware", False), ("the", False)])
def test_is_name(token: str, name: bool) -> None:
    assert is_name(token) is name


# --- problem and result ---------------------------------------------------------------------

def test_target_and_pains() -> None:
    abstract = ("Serving large language models is limited by KV cache memory, and fragmentation wastes GPU memory. "
                "We propose X.")
    assert target("X: LLM Serving", abstract) == "大语言模型推理服务"
    assert target("Y", "Multimodal large language models (MLLMs) process many visual tokens.") == "多模态大语言模型"
    assert [p.zh for p in pains([(2, "fragmentation wastes GPU memory")])][0] == "显存碎片"
    assert pains([(1, "We study the weather.")]) == []
    assert target("Z", "Vision transformers are slow.") == "视觉Transformer"
    assert [p.zh for p in pains([(1, "Vision transformers are too slow.")])] == ["延迟高"]
    assert pains([(1, "It is 2x faster without accuracy loss.")]) == []  # a result's "without loss" is no pain


@pytest.mark.parametrize(("abstract", "phrases"), [
    ("X improves throughput by 2.2× and reduces latency by 30%.", ["吞吐提升2.2倍", "延迟降低30%"]),
    ("It reduces peak memory by up to 83.0% on MCUs.", ["在MCUs上峰值内存最高降低83.0%"]),
    ("It achieves a 2x speed-up with only a 0.5% accuracy drop.", ["速度提升2倍", "准确率仅下降0.5%"]),  # no stage printed
    ("Inference is 2x faster with only a 0.5% accuracy drop.", ["推理速度提升2倍", "准确率仅下降0.5%"]),
    ("Training is 3x faster than other QAT methods.", ["训练速度提升3倍"]),
    ("It improves time-to-first-token by 1.9x over vLLM.", ["首token生成速度较vLLM提升1.9倍"]),
    ("The error is 1.7 × 10-5 on average.", []),
    ("Storage shrinks by 35× to 49× without loss of accuracy.", ["存储压缩35-49倍"]),
    ("It reduces computational costs to 6.9% of the original.", ["计算量降至6.9%"]),
    ("Accuracy rises from 70% to 75.2% at 4 bits.", ["准确率提升至75.2%"]),
])
def test_result_numbers_with_metric_and_direction(abstract: str, phrases: list[str]) -> None:
    assert [m.phrase() for m in mentions(abstract)] == phrases


def test_result_slot_and_key_results() -> None:
    text, keys = result("We attain 2.2× higher SLO attainment and 1.8× higher token generation throughput.")
    assert text == "SLO达成率提升2.2倍、吞吐提升1.8倍"
    assert keys == [KeyResult("SLO达成率", "2.2×", "提升"), KeyResult("吞吐", "1.8×", "提升")]
    assert result("Our method outperforms prior work without accuracy loss.") == ("优于现有同类方法、精度几乎无损", [])
    assert result("Prior methods outperform pruning without accuracy loss.") == ("", [])  # the background's claim
    assert claims("We describe a dataset.") == []


# --- whole briefs ---------------------------------------------------------------------------

def test_shipped_abstracts_give_chinese_briefs_with_their_numbers() -> None:
    writer = OfflineWriter()
    briefs = [writer.write_one(p) for p in shipped_papers()]
    for paper, b in zip(shipped_papers(), briefs, strict=True):
        assert_chinese(b.text)
        assert numbers(body(b.text)) <= numbers(paper.title) | numbers(paper.abstract)
        for k in b.key_results:
            assert k.value in paper.abstract and numbers(k.value) <= numbers(b.result)
            assert f"{k.metric}" in b.result and k.direction in b.result  # the slot's own words
    assert len({body(b.text) for b in briefs}) == len(briefs)
    assert "KVPress" in briefs[0].technique and "KV缓存" in briefs[0].technique
    assert "吞吐提升2.3倍" in briefs[0].result


def test_numbers_never_come_from_outside_the_paper() -> None:
    """Numbers in the methods' own vocabulary (W2A4KV4, 1.58-bit, FP6) and odd forms must all be printed ones."""
    writer = OfflineWriter()
    cases = [
        ("RCP: Towards W2A4KV4 Quantization", "We propose RCP. It compresses LLaMA-2-7B by 5.29 times and "
                                             "2.84 PPL loss; speeds up by 1,300× over 12 baselines."),
        ("The Era of 1-bit LLMs", "All models are in 1.58 bits, with 3.55x less memory and 2.71x lower latency."),
        ("Z", "Errors of 1.7 × 10-5, 35×-49× smaller, 50%-70% sparsity, 2-4x throughput."),
    ]
    for title, abstract in cases:
        b = writer.write_one(Paper(file="n.pdf", sha256="", title=title, authors=["A"], affiliations=[],
                                   abstract=abstract))
        assert numbers(b.text.replace(b.institutions, "", 1)) <= numbers(title) | numbers(abstract), b.text


def test_long_institutions_and_title_stay_within_220_characters() -> None:
    paper = shipped_papers()[0]
    paper.affiliations = ["Massachusetts Institute of Technology Computer Science and Artificial Intelligence Lab",
                          "Universidade Federal do Rio Grande do Sul Instituto de Informatica Porto Alegre",
                          "Karlsruhe Institute of Technology Steinbuch Centre for Computing Karlsruhe"]
    b = OfflineWriter().write_one(paper)
    assert len(b.text) <= 220, (len(b.text), b.text)
    assert "KVPress" in b.text


def _brief_lang() -> ModuleType:
    spec = importlib.util.spec_from_file_location("brief_lang", TOOLS / "brief_lang.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_shared
@pytest.mark.parametrize("corpus", ["real", "typeset-dev", "real2"])
def test_every_corpus_brief_reads_as_chinese(corpus: str) -> None:
    """brief_lang's own score on each corpus paper (gold metadata stands in for extraction)."""
    score = _brief_lang().score
    writer = OfflineWriter()
    with open(CORPUS / corpus / "gold.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    bad = []
    for r in rows:
        paper = Paper(file=r["file"], sha256="", title=r["title"], authors=r["authors"],
                      affiliations=r["affiliations"], abstract=r["abstract"])
        b = writer.write_one(paper)
        s = score(b.text, paper.abstract)
        if not s["ok"]:
            bad.append((paper.title[:40], s, b.text))
    assert not bad, bad
