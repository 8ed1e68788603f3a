"""Tolerant reading of a model's JSON answer.

Servers without JSON mode (and some with it) wrap the object in code fences, put
prose or a ``<think>`` block before it, or leave trailing commas. We accept all
of those, and nothing that is not one JSON object.
"""
from __future__ import annotations

import json
import re

_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


class AnswerError(ValueError):
    """The answer is not one JSON object; ``str()`` says why, for the retry prompt."""


def _first_object(text: str) -> str | None:
    """The first balanced ``{...}`` in ``text``, respecting strings and escapes."""
    start = text.find("{")
    while start != -1:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(text)):
            c = text[i]
            if in_str:
                if esc:
                    esc = False
                elif c == "\\":
                    esc = True
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return text[start : i + 1]
        start = text.find("{", start + 1)
    return None


def _loads(candidate: str) -> object:
    try:
        return json.loads(candidate)
    except json.JSONDecodeError:
        return json.loads(_TRAILING_COMMA.sub(r"\1", candidate))


def parse_answer(text: str | None) -> dict[str, object]:
    """The JSON object in a model's answer; raises ``AnswerError`` when there is none."""
    text = _THINK.sub("", text or "").strip()
    if not text:
        raise AnswerError("回答为空")
    fenced = _FENCE.search(text)
    candidates = [fenced.group(1)] if fenced else []
    obj = _first_object(text)
    if obj:
        candidates.append(obj)
    candidates.append(text)
    for candidate in candidates:
        try:
            value = _loads(candidate.strip())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    raise AnswerError("回答不是一个 JSON 对象")
