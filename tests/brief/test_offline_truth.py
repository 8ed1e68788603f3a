"""The offline brief says what the abstract says: one test per misreading a Chinese reader caught.

Each case is a sentence written for the test (not a corpus abstract) and the Chinese slot the
writer must make of it, so a rule that regresses on the class fails here whatever the corpus.
"""
from __future__ import annotations

import json
import re

import pytest

from paperbrief.annotate.subject import target
from paperbrief.brief.frame import sentence
from paperbrief.brief.offline import OfflineWriter
from paperbrief.brief.offline.compose import UNSTATED, compose
from paperbrief.brief.offline.method import describe, generic, method_name
from paperbrief.brief.offline.patterns import load_table
from paperbrief.brief.offline.result import result
from paperbrief.brief.offline.terms import translate
from paperbrief.models import KeyResult, Paper

from ..conftest import CORPUS, needs_shared


def slot(abstract: str) -> str:
    return result(abstract)[0]


# --- 达成了: metric and direction ---------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    # a speed-up of training is a speed, not a cost going up
    ("Our schedule gives up to 3x increases in pre-training speed on eight GPUs.", "训练速度最高提升3倍"),
    ("Our schedule cuts training time by 3x on eight GPUs.", "训练速度提升3倍"),
    ("The detector trains the deep ResNet50 backbone 4× faster than before, and is 20× faster at test time.",
     "训练速度提升4倍、推理速度提升20倍"),
    # a factor cut of a less-is-better metric is said as Chinese says it, never 降低N倍
    ("In long-context decoding the latency improves by 1.8 to 2.4 times.", "推理速度提升1.8-2.4倍"),
    ("The kernel consumes 6.5× less energy than the GPU baseline.", "能效较GPU提升6.5倍"),
    ("Its peak memory is 4× smaller after packing.", "峰值内存压缩4倍"),
    # a cue inside the metric's own words is no direction: "compression ratio" is not a reduction
    ("PackNet shrinks FLOPs by 60% at a compression ratio of 80% on ViT-B.", "计算量降低60%、在ViT-B上压缩率达到80%"),
    # "less than N% additional" bounds a cost the method pays
    ("The router lowers energy by 12% with less than 2 percent additional SLO violations.",
     "能耗降低12%、SLO违约率仅增加2%"),
    # a verb shared across "and"
    ("The engine reduces latency by 30% and energy consumption by 45%.", "延迟降低30%、能耗降低45%"),
    # a pair shares its metric ("respectively")
    ("We reach top-1 and top-5 error rates of 20.1% and 5.2% on the test set.", "错误率为20.1%"),
    # arrows printed after the number
    ("On ImageNet, the sampler reaches FID 4.1 (12%↓) and recall 0.6 (9%↑) over the baseline.",
     "FID分数降低12%、召回率提升9%"),
    # distance to a reference, share kept, level of a less-is-better metric with "only"
    ("We stay within 1% of the accuracy of the dense model.", "准确率差距不超过1%"),
    ("It retains 95% of the original accuracy.", "准确率保持95%"),
    ("It needs only about 40% of the computation of the dense model.", "计算量仅为40%"),
    # "over N%" is a floor, said after the verb
    ("The scheduler gives 20% lower latency with over 70% cache hit rate.", "延迟降低20%、命中率超过70%"),
    ("It prunes the network, achieving over 65% FLOPs reduction.", "计算量降低超过65%"),
])
def test_metric_and_direction_read_as_the_abstract_means(abstract: str, said: str) -> None:
    assert slot(abstract) == said


def test_a_compared_methods_number_is_not_the_papers_result() -> None:
    text, keys = result("Our 1B model matches BaseNet 3B, which uses 2.5× more parameters, and it reduces "
                        "latency by 20%. By contrast, full tuning updates 100% of the weights.")
    assert text == "延迟降低20%"
    assert keys == [KeyResult("延迟", "20%", "降低")]


def test_no_key_metric_placeholder_a_number_needs_a_metric_from_its_sentence() -> None:
    assert slot("It outperforms prior methods by 7.5% on image classification.") == "分类准确率较现有方法提升7.5%"
    assert slot("We obtain a 40% gain.") == "性能提升40%"  # a gain of unnamed kind is performance
    # a level with no metric, or a cost level with no direction, says nothing: no number, no 关键指标
    for abstract in ("About 50% of the blocks are cached here.", "Latency is 50% in this setting."):
        assert "关键指标" not in slot(abstract) and "50" not in slot(abstract)


def test_a_level_on_a_named_benchmark_keeps_the_benchmarks_name() -> None:
    assert result("Our 7B model achieves 45.2% on MMLU.") == ("MMLU上达到45.2%", [KeyResult("MMLU上", "45.2%", "达到")])
    assert slot("Our model achieves 45.2% on average.") == ""  # an English word is no benchmark


def test_a_setting_frames_the_claim_instead_of_being_a_result() -> None:
    # the sentence has no claim of its own: the abstract's frames the setting
    # a claim of another sentence does not frame the setting: "overall" is not "at 50% sparsity"
    assert slot("Quality holds at 50% sparsity. Our model is superior to other methods overall.") == "优于现有同类方法"
    assert slot("Our pruning beats all baselines, especially at 60% sparsity.") == "在60%稀疏度下优于现有同类方法"


def test_experts_removed_is_a_setting_in_two_papers_wording() -> None:
    """settings.tsv's experts row, as two MoE-compression papers print it (REAP, Sub-MoE)."""
    reap = ("Notably, our method achieves near-lossless compression on code generation tasks, even after pruning 50% "
            "of experts.")
    sub_moe = "Notably, our Sub-MoE maintains 96% of original performance with 25% expert reduction on Mixtral."
    assert slot(reap) == "在50%专家削减比例下精度几乎无损"
    assert slot(sub_moe) == "性能保持96%"  # the 25% frames the claim; the 96% is the result


def test_key_results_say_what_the_slot_says() -> None:
    text, keys = result("The router lowers energy by up to 12% with less than 2 percent additional SLO violations.")
    assert text == "能耗最高降低12%、SLO违约率仅增加2%"
    assert keys == [KeyResult("能耗", "12%", "最高降低"), KeyResult("SLO违约率", "2 percent", "仅增加")]
    for k in keys:
        assert k.metric in text and k.direction in text


def test_factor_table_covers_every_less_is_better_metric() -> None:
    from paperbrief.brief.offline.patterns import load_rules

    lower = {r.zh.rstrip("↓") for r in load_rules("metrics") if r.zh.endswith("↓")}
    factors = load_table("factors")
    assert lower <= set(factors), lower - set(factors)
    assert all(verb in ("提升", "压缩", "缩小") for _, verb in factors.values())


# --- 达成了 without a number: the abstract's claim, never filler ---------------------------------

def test_numberless_abstract_states_its_own_claim() -> None:
    abstract = ("Serving is slow. We build a new engine for it. Extensive experiments show that our engine "
                "reduces latency and improves throughput.")
    assert slot(abstract) == "延迟降低、吞吐提升"
    assert slot("Large models are useful. We study them. Experiments demonstrate the effectiveness of the "
                "proposed method.") == ""  # "effectiveness" is no claim worth a slot


def test_surveys_benchmarks_and_studies_are_worded_as_what_they_are() -> None:
    """No method's result for a paper that claims none: its numbers are other works' or findings."""
    survey = compose("A Survey of Token Pruning for Vision Transformers",
                     "Vision transformers are slow. Token pruning makes ViTs up to 2x faster. This survey reviews "
                     "pruning methods and their trade-offs. We outline open problems.", ["剪枝"], "视觉Transformer")
    bench = compose("ServeBench: Benchmarking LLM Serving Systems",
                    "Serving systems are hard to compare. We introduce ServeBench, a benchmark of serving systems. "
                    "We find that throughput differs by 3x across systems and outperforms no single design.",
                    ["推理服务"], "大语言模型推理服务")
    for slots, said in ((survey, "系统梳理"), (bench, "系统评测")):
        variant = next(slots.variants())
        assert said in variant.result, variant.result
        assert not variant.key_results and not re.search(r"\d", variant.result)
        assert not re.search(r"更快|优于|领先|提升", variant.result)
    assert "综述" in next(survey.variants()).technique and "基准评测" in next(bench.variants()).technique
    study = compose("An Empirical Study of KV Cache Eviction", "KV cache eviction is widely used. We evaluate ten "
                    "policies on five models and find that accuracy drops by 12% at long contexts.", [], "")
    assert "实证分析" in next(study.variants()).result
    method = compose("FooNet: Fast Serving", "To avoid fragmentation of GPU memory, we propose FooNet, a serving "
                     "system.", [], "")
    assert method.claim == "显存碎片减少"  # the remedy of the pain the method targets, its sentence the evidence
    assert "fragmentation" in method.evidence(next(method.variants()))["result"]
    suffers = compose("FooNet: Fast Serving", "Serving suffers from fragmentation of GPU memory. We propose FooNet, "
                      "a serving system.", [], "")
    assert "显存碎片" in suffers.pains and suffers.claim == UNSTATED  # a pain stated, no result claimed
    remedies = load_table("remedies")
    pains = {line.split("\t")[1] for line in _rows("pains")}
    assert pains <= set(remedies), pains - set(remedies)


def _rows(name: str) -> list[str]:
    from importlib.resources import files

    text = files("paperbrief.brief.offline").joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# --- 使用: a short, well-formed head ------------------------------------------------------------

@pytest.mark.parametrize(("title", "chinese"), [
    # a title's verb is no part of a method's name: dropped, or a noun after its object
    ("Towards Efficient LLM Serving via Paged KV Cache Management", "面向高效大语言模型服务的分页KV缓存管理"),
    ("Unlocking the Potential of Small Models for Edge Inference", "面向边缘推理的小模型"),
    ("Investigating Quantization Error in Vision Transformers", "视觉Transformer中的量化误差研究"),
    ("Accelerating Video Generation with Token Merging", "面向视频生成加速的token合并"),
    # "Verb X by Y-ing Z with W": the means, not a stack of modifiers
    ("Accelerating Sparse Models by Hiding Transfer Latency with Speculative Decoding", "面向稀疏模型加速的推测解码"),
])
def test_title_verbs_become_a_noun_phrase(title: str, chinese: str) -> None:
    assert translate(title).text == chinese


def test_descriptions_never_stack_modifiers_or_dangle() -> None:
    # 结合…的基于…的: the whole is refused and a shorter cut of the phrase is used
    zh = describe("", "", "Serving Engine with Prefix Sharing using Radix Trees for Chatbots")
    assert zh and zh.count("的") <= 1 and not re.search(r"的(?:基于|结合|面向)", zh), zh
    # an appositive that only says "a learning-based method" stands for nothing: the title instead
    assert generic("基于学习的方法")
    assert describe("FooNet, a learning-based method that prunes channels", "FooNet",
                    "FooNet: Channel Pruning for Efficient Decoding") == "面向高效解码的通道剪枝"


def test_name_in_parentheses_may_have_words_and_a_title_may_be_the_name() -> None:
    assert method_name("QuickNet", "We introduce a Quick Detection Network (Mega DetNet) for fast use.") == "Mega DetNet"
    assert method_name("Swift DetNet", "We study detection.") == "Swift DetNet"
    assert method_name("Swift detection networks", "We study detection.") == ""


# --- 解决了: the target of the title and opening, and the template -----------------------------

def test_target_comes_from_title_and_opening_not_later_mentions() -> None:
    abstract = ("Image classification needs deep networks. Training deep networks is hard. We also test on object "
                "detection. Object detection gains. Detection results on COCO detection and VOC detection improve.")
    assert target("Residual Blocks for Image Classification", abstract) == "图像识别模型"


def test_problem_does_not_repeat_its_stage_and_always_reads_de_wenti() -> None:
    title = "Residual Blocks for Image Classification"
    abstract = "Image classification needs deep networks. Deep networks are difficult to train. We fix training."
    slots = compose(title, abstract, [], target(title, abstract))
    assert slots.problem() == "图像识别模型中训练困难"
    text = sentence("清华大学", "FooNet", "方法", "大语言模型中训练数据不足", "推理速度提升2倍")
    assert "解决了大语言模型中训练数据不足的问题，达成了推理速度提升2倍的效果" in text
    assert "的问题的问题" not in sentence("甲", "乙", "丙", "精度下降的问题", "丁")


# --- every corpus brief ------------------------------------------------------------------------

FORBIDDEN = re.compile(r"关键指标|方法有效性得到验证|迈向|释放|探究|降低\d[\d.\-]*倍|达成了达到")


@needs_shared
@pytest.mark.parametrize("corpus", ["real", "typeset-dev", "real2"])
def test_no_corpus_brief_has_a_caught_misreading(corpus: str) -> None:
    writer = OfflineWriter()
    with open(CORPUS / corpus / "gold.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    bad = []
    for r in rows:
        b = writer.write_one(Paper(file=r["file"], sha256="", title=r["title"], authors=r["authors"],
                                   affiliations=r["affiliations"], abstract=r["abstract"]))
        if FORBIDDEN.search(b.text) or not re.search(r"解决了[^，]*问题，达成了", b.text):
            bad.append(b.text)
    assert not bad, bad


def test_two_papers_of_one_run_do_not_share_a_generic_clause() -> None:
    """Papers with the same target and pain points: the second is worded apart, not cloned."""
    abstract = ("Serving large language models suffers from high latency and limited throughput. "
                "We present {name}, a serving system that schedules requests by their deadlines. "
                "It improves goodput by {x}x over the state of the art.")

    def paper(name: str, x: str) -> Paper:
        return Paper(file=f"{name}.pdf", sha256=name, title=f"{name}: Deadline-Aware LLM Serving",
                     authors=["A B"], affiliations=["Tsinghua University"], abstract=abstract.format(name=name, x=x))

    first, second = OfflineWriter().write([paper("Alpha", "2.1"), paper("Beta", "3.4")])
    alone = OfflineWriter().write([paper("Beta", "3.4")])[0]
    assert first.problem != second.problem
    assert alone.problem == first.problem.replace("Alpha", "Beta")  # alone, the fullest wording
    assert "3.4" in second.result  # the headline number is kept while the clause changes
