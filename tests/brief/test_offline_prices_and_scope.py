"""Classes a sixth blind reading found misread, each with sentences written for this test; the expected
Chinese is what the sentence means.

1. a price (more runtime, more memory, lower accuracy) is said only as small as the abstract prints it, never
   as an effect the paper achieves, and never for a rival's cost or a profiled overhead;
2. a signed number's direction is its sign; two models' mixed signs, or an unsigned "change", say no direction;
3. a kernel's speed-up is the operator's, and an end-to-end number is preferred to it;
4. text that is generated faster is sped-up inference, even in a sentence that mentions fine-tuning;
5. a pain is stated only in the part of a sentence that states a problem ("promises lower communication costs,
   yet memory demands are large" states the memory pain only);
6. a title's rendering with a word dropped from a list is a gap ("Fast and Accessible Inference");
   "X guided by Y" keeps its sense; a sentence may open with a name printed lower-case first.
"""
from __future__ import annotations

import pytest

from paperbrief.brief.offline.method import describe
from paperbrief.brief.offline.problem import pains
from paperbrief.brief.offline.result import claims, result
from paperbrief.brief.offline.sentences import split_sentences
from paperbrief.brief.offline.terms import translate


def parts(abstract: str) -> list[str]:
    return [p for p in result(abstract)[0].split("、") if p]


# --- 1. prices ------------------------------------------------------------------------------------

@pytest.mark.parametrize("abstract", [
    "Token merging reaches similar energy savings at a higher runtime cost (up to 2x or more).",
    "Systematic profiling reveals a 22%-97% memory processing overhead in LLM inference.",
    "On the A100 the W4A4 kernel degrades to 0.43x in compute-bound scenarios.",
])
def test_a_price_not_called_small_is_no_effect(abstract: str) -> None:
    said = result(abstract)[0]
    assert "增加" not in said and "下降" not in said, said


def test_a_price_called_small_is_said_as_small() -> None:
    abstract = "It profiles accurately with little overhead, for example only 2.58% throughput loss in prefill."
    assert parts(abstract) == ["吞吐仅下降2.58%"]


# --- 2. signs --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("The pruned network runs 2x faster with a +1.2% top-1 accuracy change.", "top-1准确率提升1.2%"),
    ("On the edge board the pipeline gives -12% latency.", "延迟降低12%"),
])
def test_a_sign_is_the_direction(abstract: str, said: str) -> None:
    assert said in parts(abstract)


@pytest.mark.parametrize("abstract", [
    "Pruning ResNet-50/-101 raises throughput by 1.60x/1.90x with +0.3%/-0.2% top-1 accuracy change.",
    "The compressed model runs 3x faster with a 0.4% accuracy change.",
])
def test_mixed_signs_or_an_unsigned_change_say_no_direction(abstract: str) -> None:
    said = result(abstract)[0]
    assert "准确率" not in said, said
    assert said.startswith("吞吐") or said.startswith("推理速度") or said.startswith("速度"), said


# --- 3. a kernel's speed-up ----------------------------------------------------------------------------

def test_a_kernels_speedup_is_the_operators_and_ranks_below_end_to_end() -> None:
    abstract = ("Its fused sparse kernel is up to 16.7x faster than dense layers, which yields up to 1.6x "
                "inference speedup.")
    said = parts(abstract)
    assert said[0] in ("推理速度最高提升1.6倍", "算子速度最高提升1.6倍") or "推理速度最高提升1.6倍" in said, said
    assert not any(p.startswith("推理速度") and "16.7" in p for p in said), said
    assert any(p.startswith("算子速度") for p in parts("The custom kernel gives a 1.3x speedup for attention."))


# --- 4. the stage ----------------------------------------------------------------------------------------

def test_generated_faster_is_inference() -> None:
    said = result("Supervised fine-tuning yields large speedups: code is generated nearly 5x faster.")[0]
    assert "推理速度" in said and "训练" not in said, said


def test_wattage_is_power_and_consistently_is_no_significantly() -> None:
    assert "功耗最高降低19%" in parts("Experiments show up to 19% lower wattage on the edge device.")
    said = claims("The method consistently improves retrieval performance over existing approaches.")
    assert "性能一致提升" in said and not any("显著" in c for c in said), said


# --- 5. where a sentence states the pain -------------------------------------------------------------------

def test_a_pain_is_stated_only_in_the_half_that_states_a_problem() -> None:
    benefit = "Running models on phones promises privacy and lower communication costs, yet {}."
    assert pains([(1, benefit.format("developers struggle to observe them"))]) == []
    found = [p.zh for p in pains([(1, benefit.format("memory and compute demands are large"))])]
    assert "通信开销大" not in found and found and found[0] in ("内存占用大", "计算开销大"), found
    # a stretch that says the method targets the pain states it wherever it is
    assert [p.zh for p in pains([(1, "To reduce the communication costs")], addressed={
        "To reduce the communication costs"})] == ["通信开销大"]


# --- 6. renderings and sentences --------------------------------------------------------------------------

def test_a_word_dropped_from_a_list_is_a_gap() -> None:
    assert translate("Quantization for Fast and Frugal Inference").gap
    assert not translate("Quantization for Fast and Efficient Inference").gap


def test_guided_by_keeps_its_sense() -> None:
    assert translate("Structured Pruning Guided by Latency").text == "由延迟引导的结构化剪枝"
    # a participle inside the name is no appositive's end: "self-attention guided eviction" is one method
    assert "引导驱逐" in describe("SAGE-KV, a self-attention guided eviction method for long contexts", "SAGE-KV", "Q")
    assert describe("SP-LAMP, a structured pruning method guided by latency", "SP-LAMP", "Q") == "结构化剪枝方法"


def test_a_sentence_may_open_with_a_lower_case_name() -> None:
    sentences = split_sentences("On-device inference is hard to observe. lm-Meter is a latency profiler. "
                                "It works, e.g. on phones.")
    assert sentences == ["On-device inference is hard to observe.", "lm-Meter is a latency profiler.",
                         "It works, e.g. on phones."]
