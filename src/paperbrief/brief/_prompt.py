"""Chat messages for one paper, from the versioned templates in ``prompts/``.

The paper goes in as a JSON object between ``<paper>`` tags, so the model reads
it as data; the system prompt says so. Inputs are cut to fixed bounds: the
model sees title, institutions and abstract, never the full text.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from string import Template

from ..models import Paper

PROMPT_VERSION = "brief-v1"

MAX_TITLE = 300
MAX_INSTITUTIONS = 8
MAX_INSTITUTION = 160
MAX_ABSTRACT = 3000
MAX_REASON = 300


@cache
def _template(part: str) -> Template:
    text = files(__package__).joinpath("prompts", f"{PROMPT_VERSION}.{part}.txt").read_text("utf-8")
    return Template(text)


def _cut(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters, at a sentence end when one is near."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    stop = max(head.rfind(". "), head.rfind("。"))
    return head[: stop + 1] if stop > limit * 0.6 else head.rstrip() + "…"


def paper_payload(paper: Paper) -> dict[str, object]:
    """The bounded view of a paper that the model is shown."""
    institutions = [_cut(a, MAX_INSTITUTION) for a in paper.affiliations[:MAX_INSTITUTIONS] if a.strip()]
    return {
        "title": _cut(paper.title, MAX_TITLE),
        "institutions": institutions,
        "abstract": _cut(paper.abstract, MAX_ABSTRACT),
    }


def build_messages(paper: Paper, feedback: str | None = None) -> list[dict[str, str]]:
    """System and user messages; ``feedback`` is why the previous answer was rejected."""
    data = json.dumps(paper_payload(paper), ensure_ascii=False, indent=1)
    # The closing tag must not be forgeable from inside the data.
    data = data.replace("</paper>", "<\\/paper>")
    user = _template("user").substitute(paper=data)
    if feedback:
        user += _template("retry").substitute(reason=_cut(feedback, MAX_REASON))
    return [
        {"role": "system", "content": _template("system").substitute()},
        {"role": "user", "content": user},
    ]
