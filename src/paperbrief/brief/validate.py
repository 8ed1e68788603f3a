"""Checks an LLM answer must pass before its brief may reach a report.

The rules mirror ``shared/tools/check_report.py`` (sentence shape, refusals,
numbers only from the paper) and add our own: every key present, bounded
lengths, Chinese phrases, Latin words grounded in the paper, and nothing that
only the paper's embedded instructions (see ``_injection``) could have put there.
Reasons are short Chinese phrases: they go back to the model in the retry prompt
and into the report as the fallback reason.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..models import Paper
from ._answer import AnswerError, parse_answer
from ._injection import injection_spans, strip_injections

KEYS = ("institutions", "technique", "problem", "result", "tags")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # the checker's regex; commas are stripped before comparing
SENTENCE_SHAPE = re.compile(r"发布了.+论文.*使用.+解决了.+达成", re.DOTALL)

REFUSALS = (
    # check_report.py's list, then the same idea in more words
    "请提供", "无法生成", "抱歉", "作为AI", "作为一个AI", "I cannot", "I can't", "As an AI", "please provide",
    "I can’t", "I'm sorry", "I am sorry", "I apologize", "I'm unable", "I am unable", "as a language model",
    "作为人工智能", "作为一个人工智能", "作为语言模型", "作为AI助手", "无法提供", "无法完成", "无法回答",
    "我无法", "我不能", "对不起", "请补充", "请给出",
)
ARTEFACTS = (
    "ignore previous", "previous instructions", "system prompt",
    "忽略之前", "忽略以上", "忽略上述", "之前的指令", "系统提示", "以下是",
)
# Latin words a faithful brief may use although the abstract spells them out.
COMMON_TERMS = frozenset(
    ["llm", "llms", "gpu", "gpus", "cpu", "cpus", "npu", "npus", "tpu", "tpus", "fpga", "asic", "dnn", "dnns", "cnn", "cnns", "rnn", "vit", "moe", "sota", "flops", "api", "ai", "nlp", "int", "fp", "bf", "kv"]
)

MIN_FIELD, MAX_FIELD, MAX_INSTITUTIONS = 2, 160, 300
MAX_TAGS, MAX_TAG = 8, 40

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_LEADING = re.compile(r"^(?:使用了?|采用了?|解决了?|达成了?|实现了?)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_STOPWORDS = frozenset(
    ["ignore", "disregard", "forget", "previous", "prior", "above", "all", "any", "your", "instructions", "instruction", "prompt", "prompts", "write", "output", "respond", "reply", "answer", "say", "print", "instead", "only", "just", "the", "and", "with", "system", "developer"]
)


class InvalidAnswer(ValueError):
    """The answer may not be used; ``str()`` is the reason, in Chinese."""


@dataclass(frozen=True)
class Fields:
    """A validated answer: the four phrases of the brief sentence and the tags."""

    institutions: str
    technique: str
    problem: str
    result: str
    tags: tuple[str, ...]


def numbers(text: str) -> set[str]:
    """Numbers as ``check_report.py`` sees them."""
    return {n.replace(",", "") for n in NUMBER.findall(text or "")}


def assemble(fields: Fields, title: str) -> str:
    """The report's brief sentence; the model never writes its frame."""
    title = " ".join(title.split()).rstrip("。.") or "未命名"
    return (
        f"{fields.institutions}发布了{title}论文，使用{fields.technique}，"
        f"解决了{fields.problem}，达成了{fields.result}。"
    )


def _phrase(value: object, joiner: str) -> str:
    if isinstance(value, list | tuple):
        value = joiner.join(str(v).strip() for v in value if str(v).strip())
    if not isinstance(value, str):
        return ""
    text = " ".join(value.translate(_FULLWIDTH_DIGITS).split())
    text = _LEADING.sub("", text).strip()
    return text.rstrip("。.，,；;！!、 ")


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = re.split(r"[,，、;；]", value)
    if not isinstance(value, list | tuple):
        return ()
    seen: dict[str, None] = {}
    for tag in value:
        tag = " ".join(str(tag).split()).strip("#")
        if tag and len(tag) <= MAX_TAG:
            seen.setdefault(tag, None)
    return tuple(seen)[:MAX_TAGS]


def normalize(answer: Mapping[str, object]) -> Fields:
    """Coerce a parsed answer into ``Fields`` (lists joined, connectives and end marks trimmed)."""
    return Fields(
        institutions=_phrase(answer.get("institutions"), "、"),
        technique=_phrase(answer.get("technique"), "、"),
        problem=_phrase(answer.get("problem"), "，"),
        result=_phrase(answer.get("result"), "，"),
        tags=_tags(answer.get("tags")),
    )


_SUFFIX = re.compile(r"(?:ations?|ized?|izes|ing|ed|es|s)$")


def _grounded(word: str, text: str) -> bool:
    """``word`` occurs in the lower-cased ``text``, allowing for an English inflection."""
    word = word.lower()
    stem = _SUFFIX.sub("", word)
    return word in text or (len(stem) >= 4 and stem in text) or word in COMMON_TERMS


def _source(paper: Paper) -> str:
    return "\n".join([paper.title, *paper.affiliations, paper.abstract])


def _payload_tokens(paper: Paper) -> set[str]:
    """Words that occur only in the paper's instructions to a model (e.g. "HACKED")."""
    spans = [s for t in [paper.title, *paper.affiliations, paper.abstract] for s in injection_spans(t)]
    if not spans:
        return set()
    clean = strip_injections(_source(paper)).lower()
    tokens = set()
    for span in spans:
        for tok in _LATIN_WORD.findall(span) + _CJK_RUN.findall(span):
            if tok.lower() not in _STOPWORDS and tok.lower() not in clean:
                tokens.add(tok.lower())
    return tokens


def problems(fields: Fields, paper: Paper) -> list[str]:
    """Every reason ``fields`` may not be used for ``paper``; empty when it passes."""
    phrases = {"institutions": fields.institutions, "technique": fields.technique,
               "problem": fields.problem, "result": fields.result}
    empty = [k for k, v in phrases.items() if len(v) < MIN_FIELD] + ([] if fields.tags else ["tags"])
    if empty:
        return [f"缺少或为空的键：{', '.join(empty)}"]
    found = []
    long = [k for k, v in phrases.items() if len(v) > (MAX_INSTITUTIONS if k == "institutions" else MAX_FIELD)]
    if long:
        found.append(f"过长的短语：{', '.join(long)}（每个不超过八十字）")
    every = "\n".join([*phrases.values(), *fields.tags])
    lowered = every.lower()
    if is_refusal(every):
        found.append("回答是拒绝或索取信息，而不是简报要点")
    not_chinese = [k for k in ("problem", "result") if not _CJK.search(phrases[k])]
    if not_chinese:
        found.append(f"这些短语应使用中文：{', '.join(not_chinese)}")
    sentence = assemble(fields, paper.title)
    stray = sorted(numbers(sentence + "\n" + "\n".join(fields.tags)) - numbers(_source(paper)))
    if stray:
        found.append(f"数字 {'、'.join(stray[:5])} 不在论文标题或摘要中")
    payload = {t for t in _payload_tokens(paper) if t in lowered}
    source = _source(paper).lower()
    if payload or any(a in lowered and a not in source for a in ARTEFACTS):
        found.append("回答照做了论文文本中的指令，或含有与论文无关的内容")
    clean = strip_injections(_source(paper)).lower()
    ungrounded = sorted({w for w in _LATIN_WORD.findall("\n".join(phrases.values()))
                         if not _grounded(w, clean) and w.lower() not in payload})
    if ungrounded:
        found.append(f"这些词不在论文中：{'、'.join(ungrounded[:5])}")
    if len({fields.technique, fields.problem, fields.result}) < 3:
        found.append("technique、problem、result 应是三个不同的短语")
    if not SENTENCE_SHAPE.search(sentence):
        found.append("无法组成“发布了…论文，使用…，解决了…，达成了…”的句子")
    return found


def is_refusal(text: str) -> bool:
    """Whether ``text`` refuses or asks for input instead of answering."""
    lowered = (text or "").lower()
    return any(r.lower() in lowered for r in REFUSALS)


def validate_text(text: str | None, paper: Paper) -> Fields:
    """A model's raw answer, parsed tolerantly and validated; raises ``InvalidAnswer``."""
    try:
        answer = parse_answer(text)
    except AnswerError as err:
        raise InvalidAnswer("回答是拒绝或索取信息，而不是简报要点" if is_refusal(text or "") else str(err)) from None
    return validate(answer, paper)


def validate(answer: Mapping[str, object], paper: Paper) -> Fields:
    """The answer's fields when every check passes; raises ``InvalidAnswer`` with all reasons."""
    missing = [k for k in KEYS if k not in answer]
    if missing:
        raise InvalidAnswer(f"缺少键：{', '.join(missing)}")
    fields = normalize(answer)
    found = problems(fields, paper)
    if found:
        raise InvalidAnswer("；".join(found))
    return fields
