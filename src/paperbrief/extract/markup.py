"""HTML markup in a paper's header, removed before the title, names and affiliations are read.

A header can print markup, by accident or on purpose: "Alice Zhang<img src=x onerror=alert(2)>".
Read as printed, the name parser rejects that piece and the author vanishes without a word.
So the header finder reads a copy of the page with the markup taken out (the text a browser
would show: tags go, a script's or style's body goes with them, and so does an attribute
that breaks out of a quoted value, ``" onmouseover="…``), and the paper gets a warning
naming each field that held some. The abstract is read from the page as printed: it is
data, and every renderer escapes it.

Only what is unmistakably HTML is removed, so that the angle brackets of ordinary text
survive: "<EOS>", "<T>", "1 < k > 0" and an email in brackets are not tags. A tag is one
with attributes, an HTML element of two or more letters ("<img>", "</script>"), or a
one-letter element that is closed in the same text ("<b>…</b>", but not the token "<s>").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # layout imports PyMuPDF; strip_markup alone (the arXiv merge uses it) needs none
    from .layout import Document

__all__ = ["Cleaned", "strip_markup", "without_markup", "markup_warnings"]

_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blink blockquote body br button canvas caption center cite
code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer
form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map
mark marquee menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby
s samp script section select slot small source span strike strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr math
""".split())
_BODY_ELEMENTS = r"script|style|template|iframe"  # a browser shows none of their body
_WITH_BODY = re.compile(rf"<\s*({_BODY_ELEMENTS})\b[^>]*>.*?(?:<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"<\s*(?P<close>/)?\s*(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<attrs>(?:\s[^<>]*?)?)\s*/?\s*>")
# An attribute that breaks out of a quoted value: ' " onmouseover="alert(3)', "' onerror=x".
_HANDLER = re.compile(r"""["']\s*on[a-z]{3,}\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'>]*)""", re.IGNORECASE)
_SPACES_BEFORE = re.compile(r"\s*$")
_SPACES_AFTER = re.compile(r"\s*")
_BREAKOUT = re.compile(r"""["']\s*/?>""")  # '">' closing a quoted attribute


@dataclass(frozen=True)
class Cleaned:
    """One line of the page that held markup: as printed, and as the header finder read it."""

    printed: str
    text: str


def strip_markup(text: str) -> str:
    """``text`` as a browser would show it; unchanged when it holds no markup."""
    if "<" not in text and not _HANDLER.search(text):
        return text
    out = _WITH_BODY.sub("\x00", text)
    out = _COMMENT.sub("\x00", out)
    out = _TAG.sub(lambda m: "\x00" if _is_tag(m, out) else m.group(0), out)
    out = _HANDLER.sub("\x00", out)
    if "\x00" not in out:
        return text
    out = _BREAKOUT.sub("\x00", out)
    # the wider of the spaces around the markup: "Fast <script>…</script> Quantization" keeps one,
    # "Alice<img …>   Bob" keeps the gap that separates two names, "Zhang<img …>," and
    # "LLaMA <script>…</script>: Unlocking" none, since punctuation follows
    return re.sub(r"(\s*)\x00+(\s*)(?=([,.;:!?)\]]?))",
                  lambda m: "" if m.group(3) else max(m.group(1), m.group(2), key=len), out)


def _is_tag(m: re.Match[str], text: str) -> bool:
    name = m.group("name").lower()
    if "=" in m.group("attrs"):
        return True
    if name not in _ELEMENTS:
        return False
    if len(name) > 1:
        return True
    return re.search(rf"<\s*{name}\s*>", text, re.I) is not None and re.search(rf"<\s*/\s*{name}\s*>", text, re.I) is not None


def without_markup(doc: Document) -> tuple[Document, list[Cleaned]]:
    """``doc`` with markup removed from every span, and the lines that held some (the same
    document, untouched, when none did)."""
    from .layout import Document, Line, Page

    cleaned: list[Cleaned] = []
    pages = []
    for page in doc.pages:
        lines = []
        for line in page.lines:
            spans = [replace(s, text=strip_markup(s.text)) for s in line.spans]
            if all(a.text == b.text for a, b in zip(spans, line.spans)):
                lines.append(line)
                continue
            clean = Line(spans=[s for s in spans if s.text], bbox=line.bbox, page=line.page, block=line.block,
                         dir=line.dir)
            cleaned.append(Cleaned(line.text, clean.text))
            if clean.text.strip():
                lines.append(clean)
        pages.append(Page(page.number, page.width, page.height, lines))
    if not cleaned:
        return doc, []
    return Document(pages, doc.metadata, doc.page_count), cleaned


def markup_warnings(title: str, authors: list[str], affiliations: list[str], cleaned: list[Cleaned]) -> list[str]:
    """One warning per field whose text held markup: the title when a line of it did, an author
    or affiliation when the markup stood inside or right beside it (not its neighbours on the line)."""
    out = []
    if any(_key(c.text) and f" {_key(c.text)} " in f" {_key(title)} " for c in cleaned):
        out.append("title: markup removed (HTML tags printed in it)")
    for field, values in (("authors", authors), ("affiliations", affiliations)):
        hit = [v for v in values if any(_touched(v, c) for c in cleaned)]
        if hit:
            out.append(f"{field}: markup removed from {'; '.join(hit)}")
    return out


def _touched(value: str, line: Cleaned) -> bool:
    """``value`` is printed on ``line`` with markup removed inside it or beside it (spaces apart)."""
    words = value.split()
    if not words:
        return False
    cuts = [j for op, _, _, j, _ in SequenceMatcher(None, line.printed, line.text, autojunk=False).get_opcodes()
            if op in ("delete", "replace")]
    found = re.finditer(r"\s+".join(map(re.escape, words)), line.text, re.IGNORECASE)
    return any(m.start() - len(_SPACES_BEFORE.search(line.text[:m.start()]).group(0)) <= j
               <= m.end() + len(_SPACES_AFTER.match(line.text, m.end()).group(0)) for m in found for j in cuts)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
