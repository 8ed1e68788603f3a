"""Chat messages and the answer schema for one paper, from the versioned templates in ``prompts/``.

The paper goes in as a JSON object between ``<paper>`` tags, so the model reads it
as data; the system prompt says so. The model sees the title and abstract (cut to
fixed bounds, the abstract's middle first; never the full text), the abstract's headline numbers, the character
budget the brief leaves for its three phrases, and, only when our table lacks them,
the institution names to translate. It is never asked for the sentence's frame,
the institutions we already know, or tags.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

from ...annotate import HEADLINE, annotate
from ...models import Paper

PROMPT_VERSION = "brief-v2"

MAX_TITLE = 300
MAX_ABSTRACT = 1200
MAX_REASON = 300
MAX_NUMBERS = 6
MAX_FIGURES = 4  # in the schema's result pattern
MAX_ANSWER = 1500  # a previous answer quoted back for repair
MAX_PHRASE = 120

FORMATS = ("json_schema", "json_object_schema", "json_object", "none")  # strongest first; see response_format
_EXAMPLE = re.compile(r"「([^」]+)」")


@cache
def template(part: str, version: str = PROMPT_VERSION) -> Template:
    """The ``part`` (system, user, retry, repair) of a versioned prompt in ``prompts/``."""
    text = files(__package__).joinpath("prompts", f"{version}.{part}.txt").read_text("utf-8")
    return Template(text)


@cache
def examples() -> tuple[str, ...]:
    """The example phrases the prompt shows (in 「」): an answer must not echo them."""
    return tuple(_EXAMPLE.findall(template("system").template))


def ends(text: str, limit: int, keep: Callable[[str], bool] | None = None) -> str:
    """Shorten to about ``limit`` characters keeping both ends, whole sentences where possible.

    An abstract states its problem and method first and its results last; the middle is
    what a brief can lose. Fewer tokens matter: a small local model reads ~6 tokens/s.
    Sentences ``keep`` marks (those with the headline figures) are kept next after the first,
    so a number the model is asked to quote is never one it cannot see; each gap shows as …
    """
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?。])\s+", text)
    chosen: set[int] = set()
    size = 0

    def take(i: int) -> bool:
        nonlocal size
        if i not in chosen:
            if size + len(sentences[i]) > limit:
                return False
            chosen.add(i)
            size += len(sentences[i]) + 1
        return True

    if keep and take(0):
        for i, sentence in enumerate(sentences):
            if keep(sentence):
                take(i)
    lo, hi, front, back = 0, len(sentences) - 1, 0, 0
    while lo <= hi:
        if front <= back:
            if not take(lo):
                break
            lo, front = lo + 1, front + 1
        else:
            if not take(hi):
                break
            hi, back = hi - 1, back + 1
    if not chosen:
        return cut(text, limit)
    out: list[str] = []
    for i, sentence in enumerate(sentences):
        if i in chosen:
            out.append(sentence)
        elif not out or out[-1] != "…":
            out.append("…")
    return " ".join(out)


def cut(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters, at a sentence end when one is near."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    stop = max(head.rfind(". "), head.rfind("。"))
    return head[: stop + 1] if stop > limit * 0.6 else head.rstrip() + "…"


def paper_payload(paper: Paper, budget: int, translate: list[str] | None = None) -> dict[str, object]:
    """The bounded view of a paper that the model is shown."""
    payload: dict[str, object] = {
        "title": cut(paper.title, MAX_TITLE),
        "abstract": ends(paper.abstract, MAX_ABSTRACT, keep=lambda s: bool(HEADLINE.search(s))),
    }
    if figures(paper):
        payload["numbers"] = list(figures(paper))
    payload["budget"] = budget
    if translate:
        payload["institutions_to_translate"] = list(translate)
    return payload


def build_messages(
    paper: Paper, budget: int, translate: list[str] | None = None, feedback: str | None = None
) -> list[dict[str, str]]:
    """System and user messages; ``feedback`` is why the previous answer was rejected."""
    data = json.dumps(paper_payload(paper, budget, translate), ensure_ascii=False, indent=1)
    # The closing tag must not be forgeable from inside the data.
    data = data.replace("</paper>", "<\\/paper>")
    user = template("user").substitute(paper=data)
    if feedback:
        user += template("retry").substitute(reason=cut(feedback, MAX_REASON))
    return [
        {"role": "system", "content": template("system").substitute()},
        {"role": "user", "content": user},
    ]


def repair_messages(messages: list[dict[str, str]], answer: str, reason: str) -> list[dict[str, str]]:
    """The conversation so far plus the model's answer and what to change in it: a small fix, not a new try."""
    return [
        *messages,
        {"role": "assistant", "content": answer[:MAX_ANSWER]},
        {"role": "user", "content": template("repair").substitute(reason=cut(reason, MAX_REASON))},
    ]


def answer_schema(translate: int = 0, limit: int = MAX_PHRASE, figures: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON Schema of an answer; ``institutions`` only when there are names to translate.

    A phrase may hold no space, quote or line break: Chinese needs none, and a server that
    turns the schema into a grammar (llama.cpp) can then not copy an English sentence out
    of the abstract. ``limit`` bounds each phrase, so such a server also stops a rambling
    model (on a busy CPU every token is a second). With ``figures`` (the abstract's headline
    numbers) the result must contain one of them, as the brief has to.
    """
    char = '[^ \\t\\n\\r"\\\\]'
    phrase = {"type": "string", "pattern": f"^{char}{{2,{max(limit, 2)}}}$", "maxLength": limit}
    result = dict(phrase)
    if figures:
        either = "|".join(f.replace(".", "[.]") for f in figures[:MAX_FIGURES])  # digits, . x × % 倍 only
        result["pattern"] = f"^{char}{{0,{limit}}}({either}){char}{{0,{limit // 2}}}$"  # no (?:): llama.cpp
        result["maxLength"] = limit + max(map(len, figures[:MAX_FIGURES]))
    properties: dict[str, Any] = {"technique": phrase, "problem": phrase, "result": result}
    if translate:
        properties["institutions"] = {"type": "array", "items": {"type": "string", "maxLength": 60},
                                      "minItems": translate, "maxItems": translate}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def figures(paper: Paper) -> tuple[str, ...]:
    """The abstract's headline numbers, compact ("2.2×", "83.0%"), once each, at most ``MAX_NUMBERS``."""
    printed = (paper.annotations or annotate(paper)).headlines
    return tuple(dict.fromkeys(f.replace(" ", "") for f in printed))[:MAX_NUMBERS]


def response_format(kind: str, schema: dict[str, Any], name: str = "brief") -> dict[str, Any] | None:
    """The ``response_format`` of one rung of the ladder in ``FORMATS``.

    ``json_schema`` is OpenAI's structured output (also vLLM, llama.cpp's server);
    ``json_object_schema`` is JSON mode with the schema beside it, which llama-cpp-python
    and others turn into a grammar; ``json_object`` is plain JSON mode (DeepSeek).
    """
    if kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}
    if kind == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if kind == "json_object":
        return {"type": "json_object"}
    return None
