"""Text from a paper made inert in Markdown: it shows as printed and cannot add structure.

A title, author line or abstract is untrusted: a LaTeX ``<`` by accident, ``<script>`` on
purpose. The Markdown environment runs every ``{{ … }}`` through ``escape`` (Jinja's
``finalize``, so no field can be forgotten); a filter that builds Markdown on purpose returns
``MdSafe``, which passes untouched, as ``markupsafe.Markup`` does for HTML.

``<``, ``>`` and ``&`` become entities: every renderer people publish with (CommonMark,
GFM, kramdown, Python-Markdown) reads ``&lt;`` as a character, while Python-Markdown
keeps a backslash before ``<`` as printed text. The other characters that open inline
structure get a backslash, which all of them read as a literal character:
``\\ ` * [ ] | { }`` always (``{`` starts a kramdown attribute list, and kramdown reads a
``|`` anywhere as a table cell). Three only where they can act, so that a URL in an
abstract ("github.com/x/fp6_llm", "~user", "repo#readme") stays one link: ``_`` unless it
sits inside a word (no renderer reads an intraword underscore as emphasis), ``~`` when the
text has two (GFM strikethrough needs a pair), ``#`` unless it follows a letter, digit or
``/`` and is not at the end (a heading's closing sequence). At the start of a field, which
may be the start of a line, a list marker (``- ``, ``+ ``, ``1. ``) or a setext underline is
escaped too. Everything else passes as it is, so text without these characters is printed
byte for byte.
"""
from __future__ import annotations

import re

__all__ = ["MdSafe", "code_span", "escape"]

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[&<>\\`*_\[\]|~#{}]")
_WORD = re.compile(r"[^\W_]")  # a letter or digit
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
# What opens a block at the start of a line: a bullet, an ordered-list number, a setext underline.
_BULLET = re.compile(r"^[-+](?=\s|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_UNDERLINE = re.compile(r"^(?:=+|-+)\s*$")


class MdSafe(str):
    """Markdown a filter built on purpose: ``escape`` leaves it as it is."""


def escape(value: object) -> str:
    """``value`` as Markdown text that renders as printed, on one line."""
    if isinstance(value, MdSafe):
        return value
    text = _LINE_BREAK.sub(" ", str(value)).strip(" \t")  # four spaces in front would make a code block
    text = _SPECIAL.sub(lambda m: _escaped(m.group(0), m.start(), text), text)
    if _UNDERLINE.match(text) or _BULLET.match(text):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def _escaped(char: str, at: int, text: str) -> str:
    if char in _ENTITIES:
        return _ENTITIES[char]
    before, after = text[at - 1:at], text[at + 1:at + 2]
    if char == "_" and _WORD.match(before) and _WORD.match(after):
        return char
    if char == "~" and text.count("~") < 2:
        return char
    if char == "#" and (_WORD.match(before) or before == "/") and text[at:].strip("#").strip():
        return char
    return "\\" + char


def code_span(value: object) -> MdSafe:
    """``value`` as a code span (a file name): a fence longer than any backtick run inside it,
    padded where CommonMark would otherwise read the text's own edge as part of the fence or
    strip a space from it."""
    text = _LINE_BREAK.sub(" ", str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    edges = text[:1] + text[-1:]
    pad = " " if "`" in edges or (edges == "  " and text.strip()) else ""
    return MdSafe(f"{fence}{pad}{text}{pad}{fence}")
