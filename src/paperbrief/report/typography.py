"""Chinese typography for text the report prints: briefs, their fields, abstracts.

Writers (an LLM above all) mix half-width punctuation into Chinese sentences and leave
spaces between Chinese characters ("解决了 延迟问题 ,达成了"). Readers see that as sloppy,
so every renderer passes such text through ``typeset``. Only what touches a Chinese
character changes: an English abstract, "1,000", "2:4" or "e.g." come out as they went in,
and the spacing around Latin words is left as the writer chose it.
"""
from __future__ import annotations

import re

__all__ = ["typeset"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FULL_PUNCT = "，。、；：？！（）「」『』《》〈〉【】"  # Chinese-only marks: quotes and dashes also appear in English
_SPACE = "[ \t\u3000]"
_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Full-width digits, Latin letters and % read as typos in a sentence and hide numbers from checks.
_HALF = {c: chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}

_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}]){_SPACE}+(?=[{_HAN}])")
_AROUND_FULL = re.compile(rf"{_SPACE}*([{_FULL_PUNCT}]){_SPACE}*")
_HALF_PUNCT = re.compile(rf"(?<=[{_HAN}]){_SPACE}*([,;:?!]){_SPACE}*|{_SPACE}*([,;:?!]){_SPACE}*(?=[{_HAN}])")
_PERIOD = re.compile(rf"(?<=[{_HAN}])\.(?=$|\s|[{_HAN}])")
_PARENS = re.compile(r"\(([^()]*)\)")
_QUOTES = re.compile(r'"([^"]*)"')
_HAS_HAN = re.compile(rf"[{_HAN}]")


def typeset(text: str) -> str:
    """Full-width punctuation inside Chinese sentences, no spaces between Chinese characters."""
    text = text.translate(_HALF)
    text = _PARENS.sub(_paren, text)
    text = _QUOTES.sub(lambda m: f"“{m.group(1)}”" if _HAS_HAN.search(m.group(1)) else m.group(0), text)
    text = _HALF_PUNCT.sub(lambda m: _TO_FULL[m.group(1) or m.group(2)], text)
    text = _PERIOD.sub("。", text)
    text = _AROUND_FULL.sub(r"\1", text)
    return _BETWEEN_HAN.sub("", text)


def _paren(m: re.Match[str]) -> str:
    """(…) becomes （…） when it holds Chinese or directly follows a Chinese character."""
    before = m.string[m.start() - 1:m.start()]
    if _HAS_HAN.search(m.group(1)) or _HAS_HAN.match(before):
        return f"（{m.group(1)}）"
    return m.group(0)
