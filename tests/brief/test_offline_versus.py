"""A headline number keeps the system it is measured against when its clause prints it by name
(吞吐较vLLM提升2.2倍), and only then: blind readers read "内存效率提升4倍" as a gain over everything when the
abstract gave it over one baseline. Sentences written for this test; the expected Chinese is what they mean."""
from __future__ import annotations

import pytest

from paperbrief.brief.offline.result import mentions, result
from paperbrief.models import Brief, KeyResult
from tests.brief.test_offline_faithful import unsupported


def slot(abstract: str) -> str:
    return result(abstract)[0]


@pytest.mark.parametrize(("abstract", "said"), [
    ("Our runtime achieves 2.6x higher throughput than FasterTransformer.", "吞吐较FasterTransformer提升2.6倍"),
    ("It lowers latency by 41% relative to TensorRT on every model.", "延迟较TensorRT降低41%"),
    ("The design reaches 3.4x the energy efficiency of an embedded GPU (RTX 3090).", "能效较RTX 3090提升3.4倍"),
    ("Accuracy drops by only 0.3% compared to the FP16 model.", "准确率较FP16仅下降0.3%"),
    ("The kernel is 1.7x faster than the cuBLAS baseline.", "算子速度较cuBLAS提升1.7倍"),
    # a list before one compared system: each of its numbers is measured against it
    ("We obtain 1.8x higher throughput and 45% lower latency than vLLM.", "吞吐较vLLM提升1.8倍、延迟较vLLM降低45%"),
])
def test_a_named_baseline_is_said_with_its_number(abstract: str, said: str) -> None:
    assert slot(abstract) == said


@pytest.mark.parametrize(("abstract", "said"), [
    ("It runs 2x faster than existing serving systems.", "推理速度提升2倍"),  # an English phrase, no name
    ("The pruned model is 5x smaller than dense LLMs.", ""),  # a kind of model, no system
    ("It is 12x faster than a server CPU.", "速度提升12倍"),  # which CPU the sentence does not say
    ("Decoding is 2.5x faster for prompts longer than 32K.", "推理速度提升2.5倍"),  # a length, no system
    ("The model reaches 76.1% top-1 accuracy compared to DeiT-S.", "top-1准确率达到76.1%"),  # a level, no gain
])
def test_no_baseline_without_a_name_or_for_a_level(abstract: str, said: str) -> None:
    text = slot(abstract)
    assert "较" not in text, text
    if said:
        assert text == said


def test_the_compared_system_stays_in_its_clause() -> None:
    # the second number's baseline is printed for it alone, after a clause break
    found = mentions("It cuts memory by 3x, while being 20% faster than FlashDecoding.")
    assert [m.versus for m in found] == ["", "FlashDecoding"]


def test_key_result_carries_the_baseline_the_slot_says() -> None:
    text, keys = result("Our runtime achieves up to 2.6x higher throughput than FasterTransformer.")
    assert keys == [KeyResult("吞吐", "2.6x", "较FasterTransformer最高提升")]
    assert text == "吞吐较FasterTransformer最高提升2.6倍"
    for k in keys:
        assert k.metric in text and k.direction in text


def test_the_checker_accepts_the_printed_baseline_only() -> None:
    sentence = "It improves throughput by 2.2× over vLLM."
    assert not unsupported(Brief("", "", "", "", "吞吐较vLLM提升2.2倍", "offline"), sentence)
    assert unsupported(Brief("", "", "", "", "吞吐较SGLang提升2.2倍", "offline"), sentence)  # not the sentence's
