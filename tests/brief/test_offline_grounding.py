"""The third blind reading's classes for 使用 and 解决了 (docs/briefs.md, fourth pass): a technique phrase
with a dropped word the rest leans on, a list taken for the method's name, an area tag said as a means,
and pains read off topic words. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from paperbrief.brief.offline.compose import compose
from paperbrief.brief.offline.method import describe, method_name
from paperbrief.brief.offline.problem import pains
from paperbrief.brief.offline.terms import translate


@pytest.mark.parametrize("phrase", [
    "Zorblax-Weighted Expert Pruning",  # part of a hyphenated word unknown: 专家剪枝 would misname it
    "Linear-Time Sequence Zorbling",  # the head unknown: 线性时间序列 is not what the method is
])
def test_a_dropped_word_the_rest_leans_on_is_a_gap(phrase: str) -> None:
    assert translate(phrase).gap
    assert describe("", "", phrase) == ""


def test_a_dropped_leading_adjective_is_no_gap() -> None:
    phrase = translate("Zorbly Structured Pruning")
    assert not phrase.gap and phrase.unknown == 1
    assert describe("", "", "Zorbly Structured Pruning for Large Language Models").endswith("结构化剪枝")


@pytest.mark.parametrize("abstract, name", [
    ("We study the trade-offs among key metrics, namely end-to-end (E2E) latency, energy and privacy, "
     "by developing an adaptive partitioning scheme.", ""),
    ("This paper evaluates weight quantization across 9 model families, namely Qwen, Gemma, Phi and Mamba.", ""),
    ("To this end we propose a one-step distillation network, namely QuickDiff, for super-resolution.", "QuickDiff"),
])
def test_namely_names_a_method_only_after_a_singular_noun(abstract: str, name: str) -> None:
    assert method_name("Adaptive Partitioning of Models", abstract) == name


def test_an_area_tag_is_no_means() -> None:
    slots = compose("Converting Networks for Spiking Inference",
                    "We convert trained networks into spiking networks by modelling the distribution of "
                    "pre-activations. Experiments show 2x fewer time steps.",
                    ["端侧部署"], "脉冲神经网络推理")
    assert "基于端侧部署" not in slots.tag_description
    assert slots.tag_description == "面向脉冲神经网络推理的方法"
    assert "基于量化的方法" == compose("Q", "We quantize weights.", ["量化", "端侧部署"], "").tag_description


@pytest.mark.parametrize("stretch, want, not_want", [
    # a goal ("aiming at low latency or high throughput") is no latency pain; the waste is
    ("Serving systems dedicate separate machines to each request type, aiming at low latency or at high "
     "throughput respectively, which simplifies scheduling but wastes resources.", "资源浪费", "延迟高"),
    # moving data costs energy; the footprint is not the pain
    ("However, memory access overhead dominates the energy of convolution accelerators.", "访存开销大", "内存占用大"),
    # biased calibration data is no retraining
    ("However, quantization bias accumulates when the calibration data are biased.", "", "需要重新训练"),
])
def test_pains_are_the_stated_pain_not_a_topic_word(stretch: str, want: str, not_want: str) -> None:
    found = [p.zh for p in pains([(1, stretch)])]
    assert not_want not in found
    if want:
        assert found[0] == want


def test_a_second_pain_needs_the_weight_of_a_stated_problem() -> None:
    weak = [(1, "However, long contexts make the KV cache grow large and latency is high.")]
    assert len(pains(weak)) == 1
    strong = [(2, "However, long contexts make the KV cache grow large and latency is high.")]
    assert len(pains(strong)) == 2


@pytest.mark.parametrize("stretch, want", [
    ("However, post-training quantization suffers from quantization bias and accumulated error.",
     ["量化误差大", "误差累积"]),
    ("However, a static batch size wastes capacity at low load and causes SLA violations at peaks.",
     ["静态配置难以适应变化", "SLO违约"]),
    ("Evicting tokens, however, throws their information away and causes irreversible forgetting.", ["信息丢失"]),
    ("Expert parallelism, however, suffers from frequent synchronization between devices.", ["同步开销大"]),
])
def test_specific_stated_pains_are_named(stretch: str, want: list[str]) -> None:
    assert [p.zh for p in pains([(2, stretch)])] == want


def test_a_negated_loss_of_information_is_no_pain() -> None:
    assert "信息丢失" not in [p.zh for p in pains([(2, "It compresses the cache without information loss.")])]


def test_kv_cache_and_token_compression_work_at_inference() -> None:
    from paperbrief.annotate.subject import target

    assert target("Query-Agnostic KV Cache Compression for Large Language Models",
                  "KV cache compression reduces the memory of large language models.") == "大语言模型推理"
    assert target("Post-Training Compression of Large Language Models",
                  "We compress large language models with low-rank factors.") == "大语言模型压缩"


def test_a_connector_inside_a_glossary_term_does_not_split_it() -> None:
    # "of" inside "Mixture of Experts" is part of the term: 混合专家, not 专家…混合
    assert translate("Router-Decoupled Mixture of Experts").text.endswith("混合专家")
    assert translate("Sparse Mixture of Experts for Efficient Inference").text == "面向高效推理的稀疏混合专家"


def test_a_word_glued_before_a_modifier_is_no_description() -> None:
    # "A Large Measurement-Based Study" word by word is 大基于测量的研究: no phrase puts 基于 after a word
    assert describe("", "", "A Large Measurement-Based Study of Energy") == ""


def test_an_area_tag_alone_is_said_as_an_area() -> None:
    slots = compose("Practical Codecs", "We build a codec.", ["高效架构"], "")
    assert slots.tag_description == "高效架构设计"


def test_a_chips_figures_are_no_description() -> None:
    assert "16" not in describe("", "", "A 16 nm 1.60TOPS/W High Utilization DNN Accelerator", min_coverage=0.4,
                                min_cjk=2)


def test_an_untagged_paper_keeps_a_gap_free_rendering_of_its_title_before_its_target() -> None:
    slots = compose("Fast Knowledge Distillation for Zorb Agents", "We study agents. Results are reported.", [],
                    "大语言模型")
    assert "知识蒸馏" in slots.tag_description
    gapped = compose("Zorb-Aligned Knowledge Distillation", "We study agents. Results are reported.", [], "大语言模型")
    assert gapped.tag_description == "面向大语言模型的方法"  # 知识蒸馏 alone would drop what it is aligned to


def test_efficiency_is_the_problem_only_where_the_paper_says_so() -> None:
    accuracy = compose("Anchored Low-Rank Factorization for Language Model Compression",
                       "Low-rank compression of language models degrades accuracy, because errors propagate "
                       "across layers. We anchor each layer to its original outputs. Perplexity improves.",
                       ["剪枝"], "大语言模型压缩")
    assert "效率问题" not in accuracy.problem()
    speed = compose("Anchored Low-Rank Factorization for Language Model Compression",
                    "We anchor each layer to its original outputs, which accelerates inference.",
                    ["剪枝"], "大语言模型压缩")
    assert speed.problem() == "大语言模型压缩中的效率问题"


@pytest.mark.parametrize("stretch, not_want", [
    ("However, the accelerator targets the Kria KV260, an embedded board for edge devices with high demand.",
     "设备资源受限"),  # the platform is named, no shortage is stated
    ("However, mobile search spaces face interference in practice and high latency remains.", "资源争用"),
    ("However, memory management for sparse experts and batching stay hard; computation is offloaded later "
     "at a cost.", "计算开销大"),
])
def test_a_platform_or_a_loose_topic_word_states_no_pain(stretch: str, not_want: str) -> None:
    assert not_want not in [p.zh for p in pains([(2, stretch)])]


def test_a_survey_answers_the_pain_its_abstract_states_without_solving_it() -> None:
    slots = compose("Knowledge Distillation: A Survey",
                    "Deploying large networks on mobile devices is hard, however, because of their high computational "
                    "cost. This paper surveys knowledge distillation from the perspective of training schemes.",
                    ["知识蒸馏"], "深度神经网络部署")
    assert slots.problem() == "如何系统梳理知识蒸馏研究以应对深度神经网络部署中计算开销大"
    plain = compose("Knowledge Distillation: A Survey",
                    "This paper surveys knowledge distillation from the perspective of training schemes.",
                    ["知识蒸馏"], "深度神经网络部署")
    assert plain.problem() == "知识蒸馏研究需要系统梳理"


@pytest.mark.parametrize("abstract, said", [
    ("We propose G. On two models, G compresses prompts by up to 26x with minimal loss in quality.", "提示长度最高压缩26倍"),
    ("We propose T. T saves up to 90% of RAM usage at the same latency as prior work.", "内存最高降低90%"),
    ("We propose J. It gives up to 4.5x more accepted tokens per iteration.", "每步接受token数最高提升4.5倍"),
    ("We propose R. In experiments R cuts execution time by 3.97x.", "执行速度提升3.97倍"),
    # the clause after "and" has its own verb: it does not borrow "beats", and an IoU is no 分割精度
    ("We propose H. H clearly beats block-sparse baselines, and the token sets of H and D have a mean IoU above 99%.",
     "IoU超过99%"),
])
def test_a_number_keeps_what_its_own_clause_measures(abstract: str, said: str) -> None:
    from paperbrief.brief.offline.result import said_result

    assert said_result(abstract).text == said


def test_a_tag_whose_phrase_is_only_a_side_mention_is_no_means() -> None:
    abstract = ("We present ColX, a late-interaction ranking model that encodes queries and documents apart. "
                "Its design is also pruning-friendly.")
    side = compose("ColX: Late Interaction for Passage Search", abstract, ["剪枝"], "", {"剪枝": "pruning-friendly"})
    assert "剪枝" not in side.tag_description
    said = compose("Pruned ColX", abstract, ["剪枝"], "", {"剪枝": "Pruned"})
    assert said.tag_description == "基于剪枝的方法"


def test_an_opening_verb_dropped_is_a_gap_and_a_comparative_is_a_claim() -> None:
    assert translate("Hiding Visual Tokens from the Drafter").gap  # 来自草稿模型的视觉token says the opposite
    assert describe("", "", "Smaller Memory and Faster Inference for Neural Networks") == ""


def test_compressing_prompts_or_tokens_is_inference() -> None:
    from paperbrief.annotate.subject import target

    assert target("Learning to Compress Prompts for Large Language Models",
                  "We compress prompts of large language models into a few tokens.") == "大语言模型推理"


def test_superior_performance_without_a_comparison_is_no_win_over_others() -> None:
    from paperbrief.brief.offline.result import said_result

    assert said_result("We propose M. Our method shows superior performance on long tasks.").text == "性能优异"
    assert said_result("We propose M. Our method shows superior performance over FlashAttention on long tasks."
                       ).text == "优于现有同类方法"
    assert said_result("We propose M. Our method outperforms prior work. It shows superior performance on long "
                       "tasks.").text == "优于现有同类方法"  # one of the exclusive claims


def test_a_prefill_speedup_is_said_as_prefill() -> None:
    from paperbrief.brief.offline.result import said_result

    assert said_result("We propose M. M achieves a 22.4x prefill speedup on long inputs.").text == "预填充速度提升22.4倍"


def test_a_pain_stated_at_another_stage_loses_the_targets_stage() -> None:
    slots = compose("Pretraining Sparse Experts", "We pretrain experts. However, restricting inference to a subset of "
                    "experts causes severe accuracy degradation. We propose E.", [], "混合专家模型训练")
    assert slots.problem().startswith("混合专家模型中"), slots.problem()
    assert translate("Hiding Visual Tokens from the Drafter").gap
    assert not translate("A General, Practical, and Lightning Method").gap  # an adjective in -ing is no verb


def test_an_unknown_opening_verb_with_a_means_is_said_by_its_means() -> None:
    assert translate("Detecting Hallucinations in Model Outputs with Semantic Entropy").text == "语义熵"
    assert not translate("Detecting Hallucinations in Model Outputs with Semantic Entropy").gap


def test_a_paper_that_needs_no_training_is_no_training_paper() -> None:
    from paperbrief.annotate.subject import target

    abstract = ("The accuracy of quantized networks depends on a training or fine-tuning process with the "
                "original data. We propose a data-free method that restores accuracy without any fine-tuning.")
    assert target("Data-free Compensation for Quantized Neural Networks", abstract) == "深度神经网络"
    assert target("Faster Training of Neural Networks", "We speed up the training of deep neural networks "
                  "by sharing gradients during training.") == "深度神经网络训练"


def test_an_all_caps_acronym_ending_in_s_is_no_plural() -> None:
    assert translate("Performance Study of COTS Mobile Devices").text.startswith("COTS")  # not 思维链 (CoT)


def test_a_share_of_another_systems_figure_is_no_gain() -> None:
    from paperbrief.brief.offline.result import said_result

    assert said_result("We propose a flow. Our compiler reaches over 90% of the performance of hand-written "
                       "programs.").text == ""
    assert said_result("We propose P. P retains 97% of the accuracy of the dense model.").text == "准确率保持97%"


def test_memory_bound_is_a_bandwidth_pain_not_a_footprint() -> None:
    assert [p.zh for p in pains([(2, "However, autoregressive generation is memory-bound on GPUs.")])] == ["带宽受限"]
