"""The Jinja environment the templates share, with the filters they use."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ._mdescape import code_span
from ._mdescape import escape as md_escape
from .overview import key_result_text
from .typography import typeset

STAGE_NAMES = {"source": "获取", "extract": "提取", "brief": "简报", "select": "筛选", "store": "存储"}


def oneline(text: object) -> str:
    return " ".join(str(text or "").split())


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: one line (the Markdown environment escapes its pipes, as it
    escapes every field)."""
    return oneline(text)


def web_url(url: object) -> str:
    """The URL when it is http(s), else "": a paper's text must never become a javascript: link."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


def short_title(title: object) -> str:
    """The name before a colon ("FineServe"), else the title cut to 40 characters: for places that point to a paper."""
    head = oneline(title).split(":", 1)[0].strip()
    return head if len(head) <= 40 else head[:39] + "…"


def judge_text(entry: object) -> str:
    """The relevance judge's word on a 可能相关 paper: why it was briefed after all (with its score
    and closest category), or why the model left it out; "" when there is no verdict."""
    verdict, rel = getattr(entry, "judge", None), getattr(entry, "relevance", None)
    if verdict is None or verdict.relevant is None:
        return ""
    reason = typeset(oneline(verdict.reason))
    if not verdict.relevant:
        return f"模型复核认为不相关：{reason}"
    where = f"相关度 {rel.score:.2f}" if rel else "相关度 —"
    if rel and rel.category:
        where += f"，最接近：{rel.category}"
    return f"模型复核（{where}）：{reason}"


@lru_cache(maxsize=4)
def environment(autoescape: bool, markdown: bool = False) -> Environment:
    """``autoescape``: HTML-escape every ``{{ … }}`` (Jinja's own); ``markdown``: make every
    ``{{ … }}`` inert Markdown text (``_mdescape``), the same guarantee for Markdown templates."""
    env = Environment(
        loader=PackageLoader("paperbrief.report", "templates"),
        autoescape=autoescape,
        finalize=md_escape if markdown else None,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(oneline=oneline, md_cell=md_cell, md_code=code_span, short_title=short_title, key_result=key_result_text, web_url=web_url, zh=typeset,
                       judge_text=judge_text,
                       stage_name=lambda s: STAGE_NAMES.get(s, s))
    return env
