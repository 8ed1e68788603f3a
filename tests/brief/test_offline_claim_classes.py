"""Three classes of unsupported claim a blind reader caught in offline briefs, each with differently
worded abstracts written for the test; the expected Chinese is what the sentence means.

1. a direction stated by a noun ("1% accuracy loss", "an overhead of 2%", "within 1% of") is a cost;
2. a number's metric is the one of its own clause, never another metric of the sentence;
3. training named only on the side ("no retraining", "training data") does not make 训练 the stage.
"""
from __future__ import annotations

import pytest

from paperbrief.annotate.subject import target
from paperbrief.brief.offline.result import result


def slot(abstract: str) -> str:
    return result(abstract)[0]


# --- 1. a noun states the direction: the number is a loss, never a gain ------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("Our method compresses AlexNet by 35x with less than 1% top-5 accuracy loss.", "top-5准确率仅下降1%"),
    ("It achieves a 2x speedup, while the accuracy loss is less than 1% on ImageNet.", "在ImageNet上准确率仅下降1%"),
    ("Quantized models show an accuracy decrease of less than 0.5% on ImageNet.", "在ImageNet上准确率仅下降0.5%"),
    ("We observe an accuracy degradation below 0.5% across all models.", "准确率仅下降0.5%"),
    ("The accuracy penalty is under 1% for every network we prune.", "准确率仅下降1%"),
    ("The runtime monitor adds only 2% latency overhead.", "延迟仅增加2%"),
    ("It speeds up inference by 2x at the cost of a 0.5% drop in accuracy.", "准确率仅下降0.5%"),
    ("The compressed model gets a 2x speedup at the cost of only 0.4% accuracy.", "准确率仅下降0.4%"),
    ("The checker runs with only 5% computational overhead.", "计算量仅增加5%"),
    ("The sparse model ends with a 0.8% accuracy gap to the dense model.", "准确率差距不超过0.8%"),
    ("Our quantized model stays within 1% of the full-precision accuracy.", "准确率差距不超过1%"),
    ("It yields 3x faster classification with less than 1% increase of top-5 error.", "top-5错误率仅增加1%"),
])
def test_a_loss_stated_by_a_noun_reads_as_a_loss(abstract: str, said: str) -> None:
    text = slot(abstract)
    assert said in text.split("、"), text
    number = said.rstrip("%").split("仅下降")[-1].split("增加")[-1].split("不超过")[-1]
    assert not any(f"准确率提升{number}" in p or f"准确率达到{number}" in p for p in text.split("、")), text


def test_a_reduced_overhead_or_gap_is_still_a_reduction() -> None:
    # the verb governs the number here: the overhead or the gap goes down
    assert slot("The new allocator reduces the memory overhead by 40%.") == "内存降低40%"
    assert "差距不超过" not in slot("Our method reduces the current accuracy gap by 50%.")


# --- 2. a number's metric is its own clause's ----------------------------------------------------

@pytest.mark.parametrize("abstract", [
    "The resulting model is 1.9% better than MobileNetV3 while reducing FLOPs by 30%.",
    "Our models improve on MobileNetV3 by 1.9%, reducing FLOPs by 30%.",
])
def test_a_number_does_not_take_a_metric_from_a_later_clause(abstract: str) -> None:
    text = slot(abstract)
    assert "计算量降低30%" in text.split("、"), text
    assert "计算量降低1.9%" not in text and "1.9%" not in text.replace("性能提升1.9%", "").replace(
        "性能较现有方法提升1.9%", ""), text


@pytest.mark.parametrize(("abstract", "said"), [
    ("Our network reduces FLOPs by 30% while achieving 1.9% higher top-1 accuracy than MobileNetV3.",
     "计算量降低30%、top-1准确率较MobileNetV3提升1.9%"),
    ("It achieves 2.1% higher top-1 accuracy than ResNet-50 with 40% fewer FLOPs.", "top-1准确率较ResNet-50提升2.1%、计算量降低40%"),
    # the metric before the number may sit across a comma (the verb's object)
    ("Our protocol improves performance over a software-managed, invalidation-based baseline by 26%.", "性能提升26%"),
])
def test_two_metrics_of_a_sentence_keep_their_own_numbers(abstract: str, said: str) -> None:
    assert slot(abstract) == said


@pytest.mark.parametrize("abstract", [
    "We prune ResNet-50 on ImageNet by 2x with less than 1% accuracy loss.",
    "Our method speeds up VGG-16 by 4x on ImageNet classification, with less than 1% top-5 accuracy loss.",
])
def test_a_benchmark_name_is_no_metric_for_a_factor(abstract: str) -> None:
    # "ImageNet" says where the accuracy is measured; it raises no accuracy by 2x or 4x
    text = slot(abstract)
    assert "准确率提升" not in text and "分类准确率" not in text, text
    assert "准确率仅下降1%" in text, text


# --- 3. the stage: training named on the side is no 训练 -------------------------------------------

@pytest.mark.parametrize(("title", "abstract"), [
    ("Fast Pruning of Deep Neural Networks",
     "Deep neural networks are expensive to run. We propose a pruning method that needs no retraining and no "
     "access to training data. It prunes a network in a tiny fraction of the training time and gives a 2x speedup "
     "at inference. Fine-tuning can recover the remaining accuracy but is not required."),
    ("Structured Pruning without Fine-Tuning for Fast Neural Networks",
     "We present a structured pruning framework for deep neural networks that does not require fine-tuning. Given a "
     "trained model and a few calibration samples from the training set, it removes channels in minutes, whereas "
     "retraining-based methods take days of training time. Pruned models achieve 1.9x lower latency with one "
     "forward pass per layer."),
])
def test_negated_or_incidental_training_does_not_make_the_stage(title: str, abstract: str) -> None:
    assert target(title, abstract) == "深度神经网络推理"


def test_a_training_paper_keeps_its_stage() -> None:
    title = "Efficient Distributed Training of Large Language Models"
    abstract = ("Training large language models is costly. We propose a pipeline-parallel training system that "
                "reduces training time by 40% and achieves a 1.5x speedup over Megatron.")
    assert target(title, abstract) == "大语言模型训练"


def test_a_serving_paper_keeps_its_stage_when_it_names_training_data() -> None:
    title = "Fast Serving of Large Language Models"
    abstract = ("Serving large language models to many requests is costly. Our serving system schedules requests "
                "without any retraining or training data and cuts latency by 2x.")
    assert target(title, abstract) == "大语言模型推理服务"
