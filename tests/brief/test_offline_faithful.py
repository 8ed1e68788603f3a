"""Every number an offline brief says has, in the abstract sentence that prints it, the metric and the
stage the brief gives it; pains, claims and names are the abstract's own; evidence is recorded.

The checker here is independent of the writer's rule tables: its own map from the brief's Chinese metric
and stage words to English words a sentence must hold, its own sentence splitter.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from paperbrief.brief.offline import OfflineWriter
from paperbrief.models import Brief, Paper

from ..conftest import CORPUS, EXAMPLES, needs_shared

# The brief's metric words -> English stems one of which the abstract's sentence must print. Longest first.
METRIC_WORDS: dict[str, tuple[str, ...]] = {
    "首token生成速度": ("ttft", "first token", "first-token"),  # a cut of time to first token, said as speed
    "首token": ("ttft", "first token", "first-token", "prefill"),
    "每token": ("tpot", "per output token", "inter-token", "per token"),
    "解码速度": ("decod",),
    "SLO违约率": ("slo", "violation", "deadline"),
    "SLO达成率": ("slo",),
    "请求处理能力": ("request", "capacity"),
    "有效吞吐": ("goodput",),
    "吞吐": ("throughput", "tokens/s", "goodput"),
    "尾部请求": ("tail", "p99"),
    "尾延迟": ("tail", "p99"),
    "端到端": ("end-to-end", "e2e"),
    "峰值内存": ("peak memory",),
    "KV缓存": ("kv", "cache"),
    "显存": ("gpu memory", "vram", "memory"),
    "内存": ("memory", "ram"),
    "执行速度": ("execution time",),
    "提示长度": ("prompt",),
    "每步接受token数": ("accepted token", "tokens per", "acceptance length"),
    "IoU": ("iou",),
    "预填充": ("prefill",),
    "存储": ("storage", "size", "disk", "mb", "gb", "smaller"),
    "参数量": ("parameter", "params", "weights", "connections"),
    "计算量": ("flops", "macs", "bops", "comput"),
    "能效": ("energy", "power", "watt", "tops/w"),
    "能耗": ("energy", "power"),
    "功耗": ("power",),
    "计算效率": ("comput",),
    "延迟波动": ("latency", "jitter"),
    "碳": ("carbon", "co2", "emission"),
    "成本": ("cost", "$"),
    "token数": ("token",),
    "困惑度": ("perplexity", "ppl"),
    "FID": ("fid",),
    "IS分数": ("inception score", " is "),
    "top-1": ("top-1", "top1"),
    "top-5": ("top-5", "top5"),
    "分类准确率": ("accuracy", "classification", "imagenet", "top-1", "top1"),
    "检测精度": ("detection", "coco", "map"),
    "分割精度": ("segmentation", "dice", "iou", "miou"),
    "错误率": ("error", "wer"),
    "准确率": ("accuracy", "accurate", "top-1", "top-5"),
    "接受率": ("accept",),
    "接受长度": ("acceptance length",),
    "命中率": ("hit",),
    "胜率": ("win rate", "win-rate"),
    "通过率": ("pass",),
    "召回率": ("recall",),
    "剪枝率": ("prun",),
    "压缩率": ("compress",),
    "利用率": ("utiliz",),
    "性能差距": ("gap", "within", "of the performance", "of full"),
    "差距": ("gap", "within"),
    "性能": ("performance", "quality", "score", "accuracy", "improv", "gain", "boost", "better"),
    "训练速度": ("faster", "speed", "accelerat", "throughput"),
    "推理速度": ("faster", "speed", "accelerat", "latency", "throughput"),
    "速度": ("faster", "speed", "accelerat", "latency", "throughput", "time"),
    "推理时间": ("time", "latency"),
    "训练开销": ("cost", "time", "gpu hours", "overhead"),
    "延迟": ("latency", "latencies", "delay", "time"),
    "较现有方法": ("outperform", "surpass", "better", "over", "compared", "than", "exceed", "beat"),
}
STAGES = {
    "推理": ("inference", "decod", "serving", "generat", "latency", "test-time", "test time", "prefill", "runtime",
           "on-device", "deploy", "response"),
    "训练": ("train", "fine-tun", "finetun", "pre-train", "pretrain"),
}
NUMBER = re.compile(r"(?<![0-9A-Za-z.])\d+(?:\.\d+)?(?![0-9])")


def sentences(abstract: str) -> list[str]:
    """The abstract's sentences, by a splitter of the test's own (a period before a space and a capital)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", " ".join(abstract.split())) if s]


def holding(abstract: str, number: str) -> list[str]:
    """The sentences that print ``number`` as a number of their own (not part of 1.58 or 2.71x's 2)."""
    pat = re.compile(rf"(?<![0-9A-Za-z.]){re.escape(number)}(?![\d])(?!\.\d)")
    return [s for s in sentences(abstract) if pat.search(s.replace(",", ""))]


PROPOSES = re.compile(r"\b(?:we|this (?:paper|work|study|article))\s+(?:\w+\s+)?(?:propose|present|introduce|"
                      r"develop|design|build)|\b(?:in this (?:paper|work|study))\b", re.I)


def background(abstract: str) -> list[str]:
    """The sentences before the first that says what the paper proposes: their numbers are the problem's."""
    ss = sentences(abstract)
    first = next((i for i, s in enumerate(ss) if PROPOSES.search(s)), 0)
    return ss[:first]


def metric_words(segment: str) -> list[str]:
    """The brief's metric words in one 、-separated segment of the 达成了 slot, specific ones first."""
    found, rest = [], segment
    for word in sorted(METRIC_WORDS, key=len, reverse=True):
        if word in rest:
            found.append(word)
            rest = rest.replace(word, " ")
    return found


def unsupported(brief: Brief, abstract: str) -> list[str]:
    """Each number of the 达成了 slot whose metric, stage or unit no sentence holding it prints."""
    problems = []
    for segment in brief.result.split("、"):
        for number in NUMBER.findall(segment):
            where = holding(abstract, number)
            if not where:
                problems.append(f"{number}: in no sentence")
                continue
            words = metric_words(segment)
            rest = segment.split(number)[0]
            for w in words:
                rest = rest.replace(w, " ")
            latin = re.findall(r"[A-Za-z][A-Za-z0-9\-.]*[A-Za-z0-9]", rest)  # a benchmark: "MMLU上"

            def fits(s: str, words: list[str] = words, latin: list[str] = latin, segment: str = segment,
                     number: str = number) -> bool:
                low = f" {s.lower()} "
                if not (words or latin):
                    return False  # a number with no metric at all says nothing true
                if any(not any(w in low for w in METRIC_WORDS[m]) for m in words):
                    return False
                if any(b.lower() not in low for b in latin):
                    return False  # "MMLU上达到45.2%": the benchmark is in the sentence
                for stage, cues in STAGES.items():
                    if stage in segment and not any(c in low for c in cues):
                        return False
                unit = segment.split(number, 1)[1][:1]
                bare = (rf"{re.escape(number)}\s+(?:[\w-]+\s+)?(?:speed-?ups?|faster|acceleration)\b"
                        rf"|speed-?ups? of (?:[a-z]+ )*{re.escape(number)}\b")  # "a 2.67 latency speedup"
                if unit == "倍" and not re.search(rf"{re.escape(number)}\s*(?:×|x|X|times|-fold|fold)|{bare}", s):
                    return False
                if unit == "%" and not re.search(rf"{re.escape(number)}\s*(?:%|percent)", s):
                    return False
                return True

            if not any(fits(s) for s in where):
                problems.append(f"{segment!r} not in: {where[0][:160]!r}")
            elif all(s in background(abstract) for s in where):
                problems.append(f"{segment!r} is the problem statement's number: {where[0][:160]!r}")
    return problems


@cache
def corpus_papers(name: str) -> tuple[Paper, ...]:
    with open(CORPUS / name / "gold.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return tuple(Paper(file=r["file"], sha256="", title=r["title"], authors=r["authors"],
                       affiliations=r["affiliations"], abstract=r["abstract"]) for r in rows)


@cache
def example_papers() -> tuple[Paper, ...]:
    from paperbrief.extract.core import extract

    return tuple(extract(str(p)) for p in sorted(Path(EXAMPLES).glob("*.pdf")))


def briefs_of(papers: tuple[Paper, ...]) -> list[tuple[Paper, Brief]]:
    writer = OfflineWriter()
    return [(p, writer.write_one(p)) for p in papers]


def test_checker_catches_the_reported_misreadings() -> None:
    """The checker itself can fail: the reader's examples are caught, their true wording passes."""
    gplq = ("As a result, GPLQ is 100x faster than existing QAT methods, lowers memory footprint to levels even "
            "below FP32 training.")
    def brief(result: str) -> Brief:
        return Brief("", "", "", "", result, "offline")
    assert unsupported(brief("推理速度提升100倍"), gplq)  # the stage is not printed
    assert not unsupported(brief("速度提升100倍"), gplq)
    align = "Our method reaches an alignment score of 16% higher than the baseline, and training is cheaper."
    assert unsupported(brief("训练开销降低16%"), align)  # the metric is not the number's
    assert unsupported(brief("提升16%"), align)  # no metric at all
    assert not unsupported(brief("吞吐提升2.2倍"), "It improves throughput by 2.2× over vLLM.")
    goc = ("Caching degrades generation quality when over 50% of blocks are cached. We propose GOC. "
           "GOC cuts FID by 43%.")
    assert unsupported(brief("性能下降超过50%"), goc)  # a number of the problem statement
    assert not unsupported(brief("FID分数降低43%"), goc)
    assert unsupported(brief("吞吐提升2.2%"), "It improves throughput by 2.2× over vLLM.")  # 倍 is not %
    # a speed-up printed without its unit word is a ratio all the same; a size is not
    assert not unsupported(brief("推理速度提升2.67倍"), "Our cache gives a 2.67 latency speedup on video editing.")
    assert unsupported(brief("推理速度提升2.67倍"), "The model needs 2.67 GB of memory and lowers latency.")


def test_gplq_training_speed_is_not_said_as_inference() -> None:
    """The report's example paper: GPLQ's 100x is a speed-up of quantization-aware training over other QAT."""
    paper = next(p for p in example_papers() if p.title.startswith("GPLQ"))
    b = OfflineWriter().write_one(paper)
    assert "100" not in b.result or "推理" not in b.result.split("100")[0].split("、")[-1], b.result
    assert not unsupported(b, paper.abstract), b.result


def test_example_papers_numbers_are_attributed() -> None:
    bad = [(p.title[:40], problems) for p, b in briefs_of(example_papers()) if (problems := unsupported(b, p.abstract))]
    assert not bad, bad


@needs_shared
@pytest.mark.parametrize("corpus", ["real", "real2", "typeset-dev"])
def test_corpus_numbers_are_attributed(corpus: str) -> None:
    bad = [(p.title[:40], problems) for p, b in briefs_of(corpus_papers(corpus))
           if (problems := unsupported(b, p.abstract))]
    assert not bad, bad
