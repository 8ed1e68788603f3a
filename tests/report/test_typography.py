"""Chinese typography: changes only what touches a Chinese character."""
import pytest

from paperbrief.report.typography import typeset


@pytest.mark.parametrize(("raw", "expected"), [
    ("解决了 延迟 问题", "解决了延迟问题"),
    ("解决了\u3000延迟问题", "解决了延迟问题"),
    ("论文 ,使用量化", "论文，使用量化"),
    ("使用 4-bit 量化, 解决了问题", "使用 4-bit 量化，解决了问题"),
    ("达成了加速;然而 效果有限", "达成了加速；然而效果有限"),
    ("方法: 剪枝", "方法：剪枝"),
    ("真的吗?是的!", "真的吗？是的！"),
    ("达成了 2.5x 加速.", "达成了 2.5x 加速。"),
    ("使用MGKD(多粒度知识蒸馏)框架", "使用MGKD（多粒度知识蒸馏）框架"),
    ("Ricci曲率(ORC)", "Ricci曲率（ORC）"),
    ('称为"推测解码"的方法', "称为“推测解码”的方法"),
    ("存储降低３５倍，ＦＬＯＰｓ减少８３％", "存储降低35倍，FLOPs减少83%"),
    ("问题 ， 方法 。", "问题，方法。"),
])
def test_chinese_sentences_get_chinese_punctuation_and_no_stray_spaces(raw, expected):
    assert typeset(raw) == expected


@pytest.mark.parametrize("text", [
    "We cut latency by 2.5x (W4A16), i.e. 1,000 ms: fast; right? Yes! e.g. 2:4 sparsity.",
    'An "exact" match — “curly” quotes … and a dash',
    "使用 LLaMA-2 7B 模型",  # half-width spaces around Latin words are the writer's choice
    "Adaptive Knowledge Distillation (AKD)框架",  # Latin in parentheses after a Latin word
    "",
])
def test_text_without_chinese_context_is_left_alone(text):
    assert typeset(text) == text


def test_idempotent():
    once = typeset("清华大学 发布了 X 论文 ,使用量化(W4),达成了 2.5x 加速.")
    assert typeset(once) == once
