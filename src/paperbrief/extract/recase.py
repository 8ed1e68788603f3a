"""Mixed case back for a title printed in capitals or small capitals.

Small capitals keep the author's case in the type itself: a capital is set in the full size,
a lower-case letter as a smaller capital ("D|IVIDE|M|IX" -> "DivideMix"). Plain capitals
lose it; then the page's own text is the evidence: a word the page spells "vLLM", "LLM" or
"Kimi" is spelt so in the title, a word found nowhere is capitalised, unless it reads as an
acronym (digits, or no vowel: "FP8", "KV").
"""
from __future__ import annotations

import re
from collections import Counter

from .layout import Line

# Small words stay lower case inside a title ("Attention Is All You Need" keeps "Is").
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                         "on", "onto", "or", "per", "the", "to", "up", "via", "vs", "with"})
_WORD = re.compile(r"[^\W_][\w'’]*")
_VOWELS = set("AEIOUY")


def all_capitals(text: str, minimum: int = 12) -> bool:
    """Every letter a capital, and enough letters for that to be a style, not an acronym."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > minimum and all(c.isupper() for c in letters)


def small_caps_mask(lines: list[Line]) -> list[bool] | None:
    """Per letter of ``lines`` (in span order), True where it is set as a smaller capital.

    None unless the letters come in two sizes, the smaller 60-90% of the larger: plain capitals,
    or capitals with a stray superscript, carry no case."""
    letters: list[tuple[str, float]] = [(c, s.size) for l in lines for s in l.spans for c in s.text if c.isalpha()]
    sizes = sorted({round(size, 1) for _, size in letters})
    if len(sizes) < 2 or any(c.islower() for c, _ in letters):
        return None
    big = sizes[-1]
    small = [z for z in sizes if 0.6 * big <= z <= 0.9 * big]
    share = sum(1 for _, z in letters if round(z, 1) in small) / len(letters)
    if not small or share < 0.4:
        return None
    return [round(z, 1) in small for _, z in letters]


def apply_mask(text: str, mask: list[bool], lines: list[Line]) -> str:
    """Lower-case the letters of ``text`` that the mask marks small, matching letters in order
    (``text`` may lack some letters of the lines, e.g. marks): unmatched letters stay as printed."""
    stream = [c for l in lines for s in l.spans for c in s.text if c.isalpha()]
    out, k = [], 0
    for ch in text:
        if ch.isalpha():
            j = k
            while j < len(stream) and stream[j].upper() != ch.upper():
                j += 1
            if j < len(stream):
                out.append(ch.lower() if mask[j] else ch)
                k = j + 1
                continue
        out.append(ch)
    return "".join(out)


def vocabulary(texts: list[str]) -> dict[str, Counter]:
    """How the page spells each word outside lines set in capitals: upper-cased word -> forms."""
    forms: dict[str, Counter] = {}
    for text in texts:
        if all_capitals(text, minimum=3):
            continue
        for w in _WORD.findall(text):
            forms.setdefault(w.upper(), Counter())[w] += 1
    return forms


def recase_word(word: str, forms: dict[str, Counter]) -> str:
    """One capitalised word in the form the page uses, else capitalised or kept as an acronym."""
    seen = forms.get(word.upper())
    if seen:
        inner = [f for f in seen if any(c.isupper() for c in f[1:]) or f[:1].islower() and f != f.lower()]
        if inner:  # "vLLM", "DeepSeek", "LLMs", "LLM"
            return max(inner, key=lambda f: (seen[f], f))
        if any(f[:1].isupper() for f in seen) and not any(f.islower() for f in seen):
            return word[:1] + word[1:].lower()  # a name the page capitalises ("Kimi")
        if any(f.islower() for f in seen):
            return word[:1] + word[1:].lower()
    if word.upper().endswith("S") and len(word) > 2 and word[:-1].upper() in forms:
        stem = recase_word(word[:-1], forms)
        if stem.isupper() or any(c.isupper() for c in stem[1:]):
            return stem + "s"  # "LLMS" where the page writes "LLM": the plural of an acronym
    if any(c.isdigit() for c in word) or not (set(word.upper()) & _VOWELS):
        return word  # "FP8", "KV", "GPT4"
    return word[:1] + word[1:].lower()


def title_case(text: str, forms: dict[str, Counter] | None = None) -> str:
    """Recase a title printed in capitals; hyphenated parts are recased one by one."""
    forms = forms or {}
    out: list[str] = []
    start = True  # the first word, and the first after a colon or dash, keep their capital
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        parts = re.split(r"([-‐–/])", token)
        done = []
        for k, part in enumerate(parts):
            m = _WORD.search(part)
            if not m:
                done.append(part)
                continue
            word = m.group(0)
            cased = recase_word(word, forms)
            if not start and k == 0 and word.lower() in SMALL_WORDS and cased in (word, word.capitalize()):
                cased = word.lower()
            elif cased.islower():
                cased = cased[:1].upper() + cased[1:]
            done.append(part[:m.start()] + cased + part[m.end():])
        out.append("".join(done))
        start = token.endswith((":", "—", "–", "?", "!"))
    return "".join(out)
