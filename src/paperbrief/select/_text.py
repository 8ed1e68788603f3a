"""Phrase matching shared by relevance keywords and tag patterns.

Profiles are written by people, so a keyword is a plain phrase rather than a regex:
case-insensitive, hyphen and space interchangeable, a plural ``s``/``es`` allowed, and a
trailing ``*`` meaning "any word ending" (``quantiz*`` matches quantized, quantization).
"""
from __future__ import annotations

import re
from functools import lru_cache

_STOP = frozenset(
    "a an the of for to in on and or with via by from at as is are be this that we our its their "
    "into over under using use based".split()
)


@lru_cache(maxsize=4096)
def phrase_regex(phrase: str) -> re.Pattern[str]:
    """Compile a profile phrase (see module docstring) into a regex."""
    prefix = phrase.endswith("*")
    words = re.split(r"[\s\-]+", phrase.rstrip("*").strip())
    body = r"[\s\-]?".join(re.escape(w) for w in words if w)
    tail = r"\w*" if prefix else r"(?:s|es)?\b"
    return re.compile(r"(?<![\w])" + body + tail, re.IGNORECASE)


class Phrases:
    """A list of profile phrases compiled once, to find in many texts: a substring test on
    each phrase's longest word skips the regex for most of them, which keeps scoring a
    thousand abstracts against a hundred and fifty phrases fast."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._scans = tuple((p, _longest_word(p), phrase_regex(p), len(p) + 1) for p in phrases)

    def found(self, text: str, lowered: str) -> list[str]:
        """The phrases that occur in ``text`` (``lowered`` is ``text.lower()``), in list order.
        A match holds the phrase's longest word, so the regex starts just before that word's
        first place (when lowering kept the offsets)."""
        aligned = len(lowered) == len(text)
        out = []
        for phrase, word, regex, reach in self._scans:
            at = lowered.find(word)
            if at >= 0 and regex.search(text, max(0, at - reach) if aligned else 0):
                out.append(phrase)
        return out


@lru_cache(maxsize=4096)
def _longest_word(phrase: str) -> str:
    return max(re.split(r"[\s\-]+", phrase.rstrip("*").lower()), key=len)


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a taxonomy regex, case-insensitive."""
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1024)
def required_literal(pattern: str) -> str:
    """The longest run of plain characters every match of ``pattern`` must contain,
    lowercased ('' when there is none, e.g. for a top-level alternation). Testing it with
    ``in`` on the lowered text lets most patterns skip the regex scan altogether."""
    try:
        from re import _parser  # the stdlib regex parser; if it moves, we only lose speed
        from re._constants import LITERAL
        items = list(_parser.parse(pattern))
    except Exception:
        return ""
    best, run = "", ""
    for op, arg in items:
        if op is LITERAL:
            run += chr(arg)
            continue
        best, run = max(best, run, key=len), ""
    return max(best, run, key=len).lower()


def phrase_at(text: str, start: int, end: int, *, lead: int = 2, trail: int = 0) -> str:
    """The words around ``text[start:end]``: the whole words it touches plus up to ``lead``
    preceding content words (so 'quantiz' in '...post-training quantization...' reads
    'post-training quantization') and ``trail`` following words, never crossing punctuation."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "-_"):
        end += 1
    for _ in range(lead):
        i = start
        while i > 0 and text[i - 1].isspace():
            i -= 1
        j = i
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-_"):
            j -= 1
        if i == start or j == i or text[j:i].lower() in _STOP:
            break
        start = j
    for _ in range(trail):
        m = re.match(r"\s+[\w][\w\-]*", text[end:])
        if not m:
            break
        end += m.end()
    return " ".join(text[start:end].split())
