"""The frame both writers fill: 「<机构>发布了<论文>论文，使用<技术>，解决了<问题>，达成了<效果>。」

What is the same whoever writes the three phrases lives here, so a paper reads the same from
either writer: the sentence frame, the paper's label (what stands before 论文), the character
budget the frame leaves for the phrases, and the report checker's rules that every brief must
pass (numbers only from the paper, no refusals). Neither writer imports the other; both import this.
"""
from __future__ import annotations

import re

from ..models import Annotations

__all__ = ["MAX_BRIEF", "REFUSALS", "budget", "is_name", "is_refusal", "join_names", "numbers", "paper_label", "sentence",
           "named_institutions", "stray_numbers", "technique_tags", "title_name"]

MAX_BRIEF = 220  # brief_lang.py's limit for the whole sentence, institutions included
NAMED_INSTITUTIONS = 3  # the sentence names the first three, as the seed does; the details list them all
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # check_report.py's regex; commas are stripped before comparing
REFUSALS = (
    # check_report.py's list, then the same idea in more words
    "请提供", "无法生成", "抱歉", "作为AI", "作为一个AI", "I cannot", "I can't", "As an AI", "please provide",
    "I can’t", "I'm sorry", "I am sorry", "I apologize", "I'm unable", "I am unable", "as a language model",
    "作为人工智能", "作为一个人工智能", "作为语言模型", "作为AI助手", "无法提供", "无法完成", "无法回答",
    "我无法", "我不能", "对不起", "请补充", "请给出",
)
CATCH_ALL = "其他"  # the taxonomy's fallback tag: the report counts it, but it says nothing about a technique
_PROBLEM_END = re.compile(r"(?:问题|难题|挑战|瓶颈|困境)$")
_RESULT_END = re.compile(r"效果$")


def sentence(institutions: str, label: str, technique: str, problem: str, result: str) -> str:
    """The report's brief sentence; a writer gives only the phrases, never the frame."""
    problem = problem if _PROBLEM_END.search(problem) else f"{problem}的问题"
    result = result if _RESULT_END.search(result) else f"{result}的效果"
    label = " ".join((label or "").split()).rstrip("。.") or "未命名"
    return f"{institutions}发布了{label}论文，使用{technique}，解决了{problem}，达成了{result}。"


def budget(label: str, institutions: str) -> int:
    """Characters the three phrases may take together so the sentence stays within ``MAX_BRIEF``."""
    return MAX_BRIEF - len(sentence(institutions, label, "", "", ""))


def is_name(token: str) -> bool:
    """A method name or acronym, kept in Latin letters: FineServe, vLLM, KV, W2A4, R-CNN."""
    parts = [p for p in re.split(r"[-+&]", token) if p]
    return any(re.search(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]", p) for p in parts)


def title_name(title: str) -> str:
    """"FineServe: Precision-Aware ..." -> FineServe; "Deep Compression: ..." -> Deep Compression; else ""."""
    head, sep, _ = " ".join(title.split()).partition(":")
    words = head.split()
    if not sep or not words or len(words) > 3 or len(head) > 40:
        return ""
    if len(words) <= 2:
        return head.strip()
    return words[0] if is_name(words[0]) else ""  # "REAP the Experts"; not "Transformers are RNNs"


def named_institutions(notes: Annotations) -> list[str]:
    """The institutions the sentence names, in printed order."""
    return [i.name for i in notes.institutions[:NAMED_INSTITUTIONS]]


def technique_tags(notes: Annotations) -> list[str]:
    """The paper's technique tag names, strongest first, without the catch-all."""
    return [t.name for t in notes.tags if t.name != CATCH_ALL]


def paper_label(title: str, target: str, tags: list[str] | tuple[str, ...]) -> str:
    """What goes before 论文: the title's short name, else 关于<target>的, else 一篇 (never a whole
    English title). ``target`` and ``tags`` are the paper's annotations."""
    short = title_name(title)
    if short:
        return short
    topic = target or (tags[0] if tags else "")
    return f"关于{topic}的" if topic else "一篇"


def numbers(text: str) -> set[str]:
    """Numbers as ``check_report.py`` sees them."""
    return {n.replace(",", "") for n in NUMBER.findall(text or "")}


def stray_numbers(text: str, *sources: str) -> set[str]:
    """Numbers in ``text`` that none of ``sources`` prints (the checker's test)."""
    allowed: set[str] = set()
    for s in sources:
        allowed |= numbers(s)
    return numbers(text) - allowed


def is_refusal(text: str) -> bool:
    """Whether ``text`` refuses or asks for input instead of answering."""
    lowered = (text or "").lower()
    return any(r.lower() in lowered for r in REFUSALS)


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """腾讯与中国人民大学 / 北京大学、清华大学与上海人工智能实验室 (the seed's joining)."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "与" + names[-1]
