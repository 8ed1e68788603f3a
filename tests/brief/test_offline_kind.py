"""Surveys, evaluations, measurement studies and position papers are worded as what they are.

A reader caught three misreadings: a measurement study taken for a method (使用…MELODI, 论文所述改进),
a survey or a study that "solves" the pains it cites as motivation (解决了…中能耗高的问题), and the
topic taken from the model the field targets rather than the paper's own subject (对深度神经网络部署
研究的文献综述 for a survey of knowledge distillation). Each case is an abstract written for the test,
and the Chinese is what a reader expects of such a paper, stated here, not read from the writer.
"""
from __future__ import annotations

import re

import pytest

from paperbrief.brief.frame import sentence
from paperbrief.brief.offline.compose import UNSTATED, compose
from paperbrief.brief.offline.kind import paper_kind
from paperbrief.brief.offline.sentences import pick_parts


def kind_of(title: str, abstract: str) -> str:
    return paper_kind(title, abstract, pick_parts(abstract, title)).name


@pytest.mark.parametrize(("title", "abstract", "expected"), [
    ("Profiling Power Draw in Speech Recognition Serving",
     "Speech models run all day in call centres. We profile the power draw of five recognisers on two GPUs and "
     "find that batch size matters more than model size.", "measurement"),
    ("Measuring the Carbon Footprint of Image Generation",
     "Image generators are popular. We log the emissions of twelve generators over a month of requests.", "measurement"),
    ("The Energy Cost of Long Prompts",
     "Prompts keep growing. We record how much electricity a chatbot spends as its prompts get longer.", "measurement"),
    ("How Green Is Your Chatbot?",  # no study word in the title: the abstract says what the paper does
     "Chatbots answer billions of questions. In this work we measure the energy consumed by ten chat models "
     "on three kinds of GPU.", "measurement"),
    ("Profiling Energy Use in Speech Model Serving",  # the tool it presents measures: still a measurement
     "We present WattLog (Watt Logging for Serving), a tool for measuring energy during serving. With it we "
     "find that idle servers waste a third of the power.", "measurement"),
    ("Evaluating Pruned Vision Transformers",
     "Pruning shrinks vision transformers. We evaluate six pruning methods on four models and three tasks.",
     "evaluation"),
    ("Which Eviction Policy Wins?",
     "KV caches fill up at long contexts. We compare 7 eviction methods on 3 models and report their accuracy.",
     "evaluation"),
    ("Dissecting Cache Reuse in Chat Serving",
     "Chat servers reuse caches. This paper analyses which requests share prefixes in a week of traces and "
     "how often the cache is hit in our experiments.", "study"),
    # a paper that builds a method and then evaluates it stays a method paper
    ("Evaluating the Speed of Learned Video Codecs",
     "Learned video codecs are slow. We apply pruning and integer arithmetic to build a smaller decoder, and "
     "our codec runs three times faster than the reference decoder.", "method"),
    ("Profiling-Guided Scheduling for Expert Models",
     "Expert layers are imbalanced. A scheduler places experts by their measured load and cuts latency by a "
     "third.", "method"),
    ("Estimating Depth from Single Images",
     "Depth is useful for robots. We propose DeepD, a network that estimates depth from one image.", "method"),
    ("Measuring Energy with Less Overhead",  # it proposes a method of its own
     "Power meters are coarse. We propose SlimMeter, an estimator that predicts energy from counters.", "method"),
])
def test_the_kind_of_paper(title: str, abstract: str, expected: str) -> None:
    assert kind_of(title, abstract) == expected


def first(title: str, abstract: str, tags: list[str], where: str):
    slots = compose(title, abstract, tags, where)
    return slots, next(slots.variants())


SURVEY_ABSTRACT = ("Large language models decode one token at a time, so inference is slow and costly. Speculative "
                   "decoding drafts several tokens and verifies them at once. This survey reviews drafting and "
                   "verification schemes and lists open problems.")


def test_a_survey_addresses_its_subject_and_solves_no_pain() -> None:
    """A survey of speculative decoding is about 推测解码: the slowness its abstract states is what the surveyed
    work answers (以应对…), never a pain the survey solves."""
    slots, variant = first("Speculative Decoding: A Survey", SURVEY_ABSTRACT, ["推测解码"], "大语言模型推理")
    assert slots.pains == ()
    assert variant.technique == "对推测解码研究的文献综述"
    assert variant.problem == "如何系统梳理推测解码研究以应对大语言模型推理中延迟高"
    assert variant.result == "对推测解码现有研究的系统梳理"
    text = sentence("研究团队", variant.label, variant.technique, variant.problem, variant.result)
    assert not re.search(r"解决了[^，]{0,12}(?:延迟高|速度慢|开销大|推理慢)", text)
    assert "slow" in slots.evidence(variant)["problem"]  # the slot rests on the sentence stating the pain
    _, plain = first("Speculative Decoding: A Survey", SURVEY_ABSTRACT.split(". ", 1)[1], ["推测解码"], "大语言模型推理")
    assert plain.problem == "推测解码研究需要系统梳理"  # no pain stated: what a survey addresses by its nature


def test_a_survey_says_a_review_is_lacking_only_where_the_abstract_does() -> None:
    abstract = ("Early exits let easy inputs leave a network early. Although dozens of exit schemes exist, a "
                "systematic review of them is still lacking. We survey exit placement, exit criteria and training.")
    slots, variant = first("Early Exiting in Deep Networks: A Survey", abstract, ["提前退出"], "深度神经网络推理")
    assert variant.problem == "深度网络提前退出研究缺乏系统梳理"
    assert "lacking" in slots.evidence(variant)["problem"]


def test_a_survey_whose_title_names_no_subject_takes_its_technique() -> None:
    abstract = ("Small models are cheap to run. This overview covers how knowledge distillation passes a large "
                "teacher's skills to a small student, and which losses work best.")
    _, variant = first("Can Small Students Learn to Reason?", abstract, ["知识蒸馏"], "大语言模型部署")
    assert variant.label == "关于知识蒸馏的"  # the survey's subject, not the field's deployment target
    assert variant.technique == "对知识蒸馏研究的文献综述"
    assert variant.problem == "知识蒸馏研究需要系统梳理"


def test_a_measurement_study_measures_what_it_measures_and_claims_no_gain() -> None:
    abstract = ("Speech recognisers serve calls around the clock, and their power bills grow. We profile the power "
                "draw of five recognisers on two GPUs. Batch size changes energy per call by 40%, while model size "
                "matters less.")
    slots, variant = first("Profiling Power Draw in Speech Recognition Serving", abstract, [], "语音识别模型推理")
    assert slots.pains == ()
    assert variant.technique == "对语音识别模型推理能耗的系统测量"
    assert variant.problem == "语音识别模型推理能耗的测量与分析问题"
    assert variant.result == "对语音识别模型推理能耗的实证分析"
    assert UNSTATED not in variant.result and not variant.key_results and "40" not in variant.result
    text = sentence("研究团队", variant.label, variant.technique, variant.problem, variant.result)
    assert "解决了语音识别模型推理能耗的测量与分析问题，" in text  # no 的问题 after 问题


def test_a_measurement_study_says_measurements_are_lacking_where_stated() -> None:
    abstract = ("Image generators draw on large GPU fleets. Careful measurements of their emissions remain scarce. "
                "We measure the carbon emissions of twelve generators over a month.")
    slots, variant = first("Measuring the Carbon Footprint of Image Generation", abstract, [], "扩散模型推理")
    assert variant.problem == "扩散模型推理碳排放缺乏系统测量与分析"
    assert "scarce" in slots.evidence(variant)["problem"]


def test_a_measuring_tool_is_not_said_as_the_method() -> None:
    abstract = ("Serving speech models costs power. We present WattLog (Watt Logging for Serving), a tool for "
                "measuring energy during serving. With it we find that idle servers waste much of the power.")
    _, variant = first("Profiling Energy Use in Speech Model Serving", abstract, [], "语音识别模型推理")
    assert "WattLog" not in variant.technique and variant.technique == "对语音识别模型推理能耗的系统测量"


def test_an_evaluation_is_a_systematic_evaluation_of_its_subject() -> None:
    abstract = ("Pruning shrinks vision transformers and lowers their memory use. We evaluate six pruning methods "
                "on four models and three tasks.")
    slots, variant = first("Evaluating Pruned Vision Transformers", abstract, ["剪枝"], "视觉Transformer")
    assert slots.pains == ()
    assert variant.technique == "对剪枝后视觉Transformer的系统评测"
    assert variant.problem == "剪枝后视觉Transformer的系统评测问题"
    assert variant.result == "对剪枝后视觉Transformer的实证分析"


def test_a_benchmark_says_evaluation_is_lacking_only_where_stated() -> None:
    abstract = ("Serving systems for language models multiply, yet the field lacks a common benchmark to compare "
                "them. We introduce ServeBench, a benchmark of twenty serving workloads.")
    slots, variant = first("ServeBench: Benchmarking LLM Serving Systems", abstract, ["推理服务"], "大语言模型推理服务")
    assert variant.problem.endswith("缺乏系统评测") and "lacks" in slots.evidence(variant)["problem"]
    plain = compose("ServeBench: Benchmarking LLM Serving Systems", abstract.replace(
        "yet the field lacks a common benchmark to compare them", "and they differ in design"),
        ["推理服务"], "大语言模型推理服务")
    assert next(plain.variants()).problem.endswith("的系统评测问题")


def test_a_method_paper_that_evaluates_itself_keeps_its_result() -> None:
    abstract = ("Learned video codecs are slow. We apply pruning and integer arithmetic to build a smaller decoder, "
                "and our codec runs 3x faster than the reference decoder.")
    _, variant = first("Evaluating the Speed of Learned Video Codecs", abstract, ["剪枝"], "")
    assert "实证分析" not in variant.result and "3倍" in variant.result, variant.result


def test_a_position_paper_argues_a_direction_of_its_field() -> None:
    abstract = ("Efficiency papers report speed but rarely energy. This position paper argues that every paper on "
                "faster inference should report energy per request, and that speedups alone mislead.")
    slots, variant = first("Position: Efficiency Papers Should Report Energy", abstract, ["量化"], "大语言模型推理")
    assert slots.pains == ()
    assert variant.problem == "大语言模型推理的研究方向问题"
    assert variant.result == "对大语言模型推理研究方向的观点论证"
    assert not re.search(r"\d|提升|降低|更快", variant.result)


def test_a_long_subject_drops_its_purpose_not_its_object() -> None:
    """"KV Cache Compression for Long-Context Question Answering": the study is about KV缓存压缩."""
    abstract = ("Long documents fill the KV cache. This paper examines how compressing the cache changes answers in "
                "experiments on four datasets.")
    _, variant = first("Understanding KV Cache Compression for Long-Context Question Answering", abstract, ["缓存"],
                       "大语言模型推理")
    assert variant.technique == "对KV缓存压缩的实证研究"
    assert variant.problem == "KV缓存压缩的实证分析问题"


def test_a_benchmarking_methodology_is_about_what_it_benchmarks() -> None:
    abstract = ("Edge accelerators are hard to compare. We introduce EdgeMark, a benchmark of twelve workloads "
                "for edge inference.")
    _, variant = first("EdgeMark: A Benchmarking Methodology for Edge Inference Accelerators", abstract, [], "")
    assert variant.technique == "面向边缘推理加速器的基准评测EdgeMark"  # not 面向面向…的基准测试方法的基准评测
    assert variant.problem == "边缘推理加速器的系统评测问题"
