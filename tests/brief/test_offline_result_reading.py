"""How the 达成了 slot reads eight classes of number and claim blind readers found misread, each with
sentences written for this test; the expected Chinese is what the sentence means.

1. efficiency is a metric where more is better (能效, 内存效率), never more energy or memory;
2. a number conceded ("although its throughput is 60% lower") is no achievement;
3. a participle or a negation ("fine-tuned models", "training-free") makes no speed-up 训练速度;
4. a budget, a threshold or a share kept sets up the experiment, it is no result;
5. a relative wording keeps its sense: a gap, a faster process, a variability, a level;
6. the competitors' numbers are left out, the method's own kept;
7. a claim says what the sentence says: kept or improved, a trade-off, a small overhead, full precision;
8. a headline printed without its unit, or in points, is said.
"""
from __future__ import annotations

import pytest

from paperbrief.brief.offline.result import result


def slot(abstract: str) -> str:
    return result(abstract)[0]


def parts(abstract: str) -> list[str]:
    return slot(abstract).split("、")


# --- 1. efficiency -------------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("On an edge FPGA the accelerator is 35% more power-efficient than a desktop GPU.", "能效提升35%"),
    ("Our engine is 2.4 times more energy efficient than the CPU baseline.", "能效较CPU提升2.4倍"),
    ("With the new dataflow, energy efficiency improves by 18% on ResNet-18.", "在ResNet-18上能效提升18%"),
    ("The cache manager achieves 3x higher memory efficiency than paging.", "内存效率提升3倍"),
    ("The scheduler delivers 1.6x better computational efficiency.", "计算效率提升1.6倍"),
])
def test_efficiency_is_more_of_a_good_thing(abstract: str, said: str) -> None:
    text = slot(abstract)
    assert said in text.split("、"), text
    assert "能耗" not in text and "内存增加" not in text and "内存降低" not in text, text


@pytest.mark.parametrize(("abstract", "said"), [
    ("The array draws 18% less power than a fixed design.", "功耗降低18%"),
    ("It reduces energy consumption by 40% on every workload.", "能耗降低40%"),
])
def test_power_and_energy_stay_apart(abstract: str, said: str) -> None:
    # power is a rate (功耗), energy its integral over time (能耗): one is not the other
    assert slot(abstract) == said


def test_a_multiple_of_a_reference_is_a_gain() -> None:
    # "2.2x the throughput of X": the chip has 2.2 times X's throughput
    text = slot("The chip delivers 2.2x the throughput and 3.1x the energy efficiency of a mobile GPU.")
    assert text == "吞吐提升2.2倍、能效提升3.1倍"


# --- 2. concessions ------------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "kept", "conceded"), [
    ("Our accelerator is 25% more power efficient than the flagship GPU, although its throughput is 60% lower.",
     "能效提升25%", "60"),
    ("The pruned network runs 3x faster, albeit 4% less accurate than the dense one.", "速度提升3倍", "4%"),
    ("It cuts memory by 45%, even though its latency is 10% higher than the baseline.", "内存降低45%", "10"),
])
def test_a_conceded_number_is_no_achievement(abstract: str, kept: str, conceded: str) -> None:
    text = slot(abstract)
    assert kept in text.split("、"), text
    assert conceded not in text, text


# --- 3. stage words that are not the number's stage ----------------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("Experiments with Mistral and its fine-tuned variants show speedups of up to 2.1x.", "速度最高提升2.1倍"),
    ("The method is training-free and runs 1.8x faster on long prompts.", "速度提升1.8倍"),
    ("Without any additional training, it makes decoding 2.5x faster.", "推理速度提升2.5倍"),
    ("On a pre-trained model the scheduler gives a 1.4x speedup.", "速度提升1.4倍"),
])
def test_training_named_aside_is_not_the_stage(abstract: str, said: str) -> None:
    text = slot(abstract)
    assert said in text.split("、"), text
    assert "训练" not in text, text


def test_training_that_is_sped_up_stays_training() -> None:
    assert slot("We train the model 3x faster than standard recipes.") == "训练速度提升3倍"


# --- 4. settings -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "kept", "setting"), [
    ("Under a budget ratio of 10%, it reduces latency by 35%.", "延迟降低35%", "10"),
    ("Retaining only 25% of visual tokens, the model cuts latency by 40%.", "延迟降低40%", "25"),
    ("With a pruning threshold of 5%, it reduces FLOPs by 45%.", "计算量降低45%", "5%"),
])
def test_a_setup_number_is_no_result(abstract: str, kept: str, setting: str) -> None:
    text = slot(abstract)
    assert kept in text.split("、"), text
    assert setting not in text.replace(kept, ""), text


def test_a_budget_frames_the_claim_it_goes_with() -> None:
    assert slot("Even at a 20% KV cache budget, our eviction policy outperforms all heuristics.") == \
        "在20%预算下优于现有同类方法"


def test_a_bound_to_meet_is_no_gain() -> None:
    # the share a design must stay under to win, no improvement of 3.2%
    text = slot("In our model a spike rate below 3.2% is needed to beat the quantized network.")
    assert "3.2" not in text, text


# --- 5. relative wording -------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "said", "wrong"), [
    ("The student stays within 2% WER of the teacher while being 4x faster.", "错误率差距不超过2%", "错误率降低"),
    ("The pipeline finishes compression 12x faster than prior SVD methods.", "压缩速度提升12倍", "下降"),
    ("It makes end-to-end quantization 5-40 times faster.", "量化速度提升5-40倍", "下降"),
    ("Our scheduler lowers latency jitter by up to 30%.", "延迟波动最高降低30%", "延迟最高降低30%"),
    ("The searched model reaches 77.2% top-1 accuracy at only 2 ms more latency.", "top-1准确率达到77.2%",
     "准确率提升"),
])
def test_a_relative_wording_keeps_its_sense(abstract: str, said: str, wrong: str) -> None:
    text = slot(abstract)
    assert said in text.split("、"), text
    assert wrong not in text, text


def test_a_level_reached_beside_a_cost_is_no_gain() -> None:
    # "reaches 76.1% at 1 ms more latency": a level, with a cost after it; never 提升76.1%
    text = slot("Our second model reaches 76.1% at 1 ms more latency on a phone.")
    assert "提升76.1%" not in text and "增加76.1%" not in text, text


def test_a_vague_gain_is_no_speed() -> None:
    text = slot("It improves the overall service gain by up to 6.1x.")
    assert "速度" not in text, text


# --- 6. the competitors' numbers ---------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "kept", "theirs"), [
    ("Competing pruners increase latency by 12-25% over the dense model, whereas ours reduces latency by 8%.",
     "延迟降低8%", "12"),
    ("Existing eviction methods lose 15% accuracy at this budget, while our method loses under 1% accuracy.",
     "准确率仅下降1%", "15"),
    ("Our model reaches 81.0% accuracy, against 74.5% for the strongest baseline.", "准确率达到81.0%", "74.5"),
])
def test_the_competitors_numbers_are_left_out(abstract: str, kept: str, theirs: str) -> None:
    text = slot(abstract)
    assert kept in text.split("、"), text
    assert theirs not in text, text


def test_a_gain_over_anothers_gain_is_left_out() -> None:
    # 35% greater savings than the baseline saves: no memory is cut by 35%
    text = slot("It yields 35% greater memory savings than the best baseline.")
    assert "35" not in text, text


# --- 7. claims ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("abstract", "said", "wrong"), [
    ("Experiments show that our method shortens outputs while maintaining or even improving answer accuracy.",
     "准确率保持", "准确率提升"),
    ("Experiments show that our method gives a better accuracy-latency trade-off than the baselines.",
     "更优的精度与效率权衡", "准确率提升"),
    ("Our calibration beats earlier approaches at negligible additional cost.", "额外开销可忽略", "成本降低"),
    ("At 3-bit, our quantized model stays comparable to the full-precision model.", "与全精度模型相当",
     "与现有方法性能相当"),
    ("After pruning, our network performs on par with the original model.", "接近原模型性能", "与现有方法性能相当"),
    ("Our method matches or beats state-of-the-art methods while drawing fewer samples.", "达到或超越现有最优水平",
     "性能领先"),
])
def test_a_claim_says_what_the_sentence_says(abstract: str, said: str, wrong: str) -> None:
    text = slot(abstract)
    assert said in text.split("、"), text
    assert wrong not in text, text


@pytest.mark.parametrize("abstract", [
    "Our engine is designed to lower latency through operator fusion.",
    "To cut the computation further, our module reallocates bit-widths across patches.",
    "Our method outperforms prior low-rank baselines across compression ratios.",
])
def test_an_aim_or_a_setting_states_no_change(abstract: str) -> None:
    text = slot(abstract)
    assert "降低" not in text and "压缩率提升" not in text, text


# --- 8. headlines printed without their unit, or in points ---------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("Our kernel achieves up to 2.35 end-to-end speedup over FlashAttention.", "端到端速度较FlashAttention最高提升2.35倍"),
    ("It gives speedups of at least 1.9 on sequences longer than 32K.", "速度至少提升1.9倍"),
    ("The method gives a 3.4 latency speedup with no visible loss.", "推理速度提升3.4倍"),
    ("It raises accuracy by 2.3 percentage points.", "准确率提升2.3个百分点"),
    ("Our method improves accuracy by 4.5 points on long-context retrieval.", "准确率提升4.5个点"),
    ("Our method improves GSM8K scores across all sizes (by up to 7 points).", "GSM8K上最高提升7个点"),
])
def test_a_headline_without_a_unit_word_is_said(abstract: str, said: str) -> None:
    assert said in parts(abstract), slot(abstract)


def test_a_faster_model_is_kept_beside_smaller_numbers() -> None:
    text = slot("Speech recognisers are large and slow on phones. The distilled model is 4.2 times faster and "
                "has 40% fewer parameters, while staying within 1.5% WER.")
    assert "速度提升4.2倍" in text.split("、"), text


@pytest.mark.parametrize("abstract", [
    "We sample 1024 points per cloud and reduce latency by 30%.",
    "Version 2 of the model, with 4 GPUs, reduces latency by 30%.",
])
def test_numbers_that_are_no_ratio_stay_out(abstract: str) -> None:
    assert slot(abstract) == "延迟降低30%"


# --- where the number's own clause says it was measured ------------------------------------------

@pytest.mark.parametrize(("abstract", "said"), [
    ("Our kernel gives a 2.4x speedup on LLaMA-2 models.", "在LLaMA-2上算子速度提升2.4倍"),
    ("The pruned model cuts latency by up to 45% for ViT-Small on a phone.", "在ViT-Small上延迟最高降低45%"),
    ("It reduces latency by 30% for KV cache reads.", "延迟降低30%"),  # "KV" names what is read, no place
    ("It achieves a 3x speedup over vLLM across prompts.", "速度较vLLM提升3倍"),  # vLLM is the compared system, no place
])
def test_a_place_printed_after_the_number_is_said(abstract: str, said: str) -> None:
    assert slot(abstract) == said


def test_a_short_parenthesis_does_not_cut_the_metric_off() -> None:
    text = slot("It improves the service level objective (SLO) attainment of chat requests by up to 5.5x.")
    assert text == "SLO达成率最高提升5.5倍"
