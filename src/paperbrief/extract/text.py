"""Text clean-up shared by the header and abstract finders.

PDF text layers carry typesetting artefacts that are not part of what the author wrote:
ligature glyphs (ﬁ), TeX's spacing accents printed beside their letter ("Herv´e"), odd
Unicode spaces, soft hyphens, and words broken across lines with a hyphen. These are pure
functions so that both finders (and tests) apply exactly the same rules.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

# Spacing (non-combining) accent glyphs as TeX fonts emit them -> the combining mark.
SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02ca": "\u0301",
    "\u02cb": "\u0300",  # ˋ grave
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02d8": "\u0306",  # ˘ breve
    "\u02c7": "\u030c",  # ˇ caron
    "\u02da": "\u030a",  # ˚ ring
    "\u00af": "\u0304",  # ¯ macron
    "\u02d9": "\u0307",  # ˙ dot
    "\u02dd": "\u030b",  # ˝ double acute
    "\u02db": "\u0328",  # ˛ ogonek
}
_ACCENT_CLASS = "".join(SPACING_ACCENTS)
# Cedilla and ogonek hang under their letter; TeX prints them after it ("Franc¸ois"), other
# producers before it ("Fran¸cois"). They go to whichever neighbour can carry them.
_BELOW_AFTER = re.compile("([cCsStT])(\u00b8)|([aAeEiIoOuU])(\u02db)")
_BELOW_BEFORE = re.compile("(\u00b8)([cCsStT])|(\u02db)([aAeEiIoOuU])")
# Accent before its letter ("Herv´e"), the usual order in TeX output, or after it ("e´").
_ACCENT_BEFORE = re.compile(f"([{_ACCENT_CLASS}])\\s?([A-Za-z\u0131])")
_ACCENT_AFTER = re.compile(f"([A-Za-z\u0131])([{_ACCENT_CLASS}])")
# A grave accent printed as a backtick between letters: "Universit`a".
_GRAVE_TICK = re.compile(r"(?<=[A-Za-z])`([aeiouAEIOU])")

# Old TeX fonts without a Unicode map leave ligatures as control codes: e\x0eciently.
_OT1 = {"\x0b": "ff", "\x0c": "fi", "\x0d": "fl", "\x0e": "ffi", "\x0f": "ffl"}
_OT1_LIGATURE = re.compile("(?<=[A-Za-z])[\x0b-\x0f]|[\x0b-\x0f](?=[a-z])")

_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\n\f\v]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")
_MATH_ALNUM = re.compile("[\U0001d400-\U0001d7ff]")  # 𝐾 (math italic K) -> K

# English compound parts that are written with a hyphen ("self-attention", "GLU-based");
# a line-end hyphen next to them is the author's, not TeX's.
COMPOUND_HEADS = frozenset({
    "self", "post", "pre", "multi", "semi", "cross", "intra", "inter", "non", "real", "open", "full",
    "large", "small", "fine", "coarse",
})
COMPOUND_TAILS = frozenset({
    "based", "aware", "specific", "free", "level", "wise", "scale", "time", "world", "order", "grained",
    "driven", "agnostic", "oriented", "dependent", "constrained", "source", "stage", "shot", "dimensional",
    "efficient", "intensive", "sensitive", "friendly", "centric", "like",
})

_GLUE_ENDS = ("\u2014", "\u2013", "/")  # em dash, en dash, slash

HYPHENS = ("-", "\u2010", "\u00ad")  # hyphen-minus, hyphen, soft hyphen
_EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?*†‡§¶"


def _compose(base: str, accent: str, printed: str) -> str:
    """The accented letter, or the text as printed when no such letter exists."""
    if base == "\u0131":  # dotless i carries accents in TeX: ´ı -> í
        base = "i"
    composed = unicodedata.normalize("NFC", base + SPACING_ACCENTS[accent])
    return composed if len(composed) == 1 else printed


def normalize(text: str) -> str:
    """Expand ligatures, compose spacing accents, unify spaces; keep ordinary non-ASCII letters."""
    if not text:
        return ""
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = _OT1_LIGATURE.sub(lambda m: _OT1[m.group()], text)
    text = _INVISIBLE.sub("", text)
    text = _MATH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _SPACES.sub(" ", text)
    text = _BELOW_AFTER.sub(lambda m: _compose(m.group(1) or m.group(3), m.group(2) or m.group(4), m.group()), text)
    text = _BELOW_BEFORE.sub(lambda m: _compose(m.group(2) or m.group(4), m.group(1) or m.group(3), m.group()), text)
    text = _ACCENT_BEFORE.sub(lambda m: _compose(m.group(2), m.group(1), m.group()), text)
    text = _ACCENT_AFTER.sub(lambda m: _compose(m.group(1), m.group(2), m.group()), text)
    text = _GRAVE_TICK.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0300"), text)
    text = unicodedata.normalize("NFC", text)
    return _MULTI_SPACE.sub(" ", text).strip()


def _core(token: str) -> str:
    return token.strip(_EDGE_PUNCT).lower()


_TOKEN = re.compile(r"\w[\w\-]*")


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Lower-cased words as printed inside lines (line-end fragments left out), for `join_lines`."""
    words: set[str] = set()
    for text in texts:
        words.update(t for t in _TOKEN.findall(text.lower()) if not t.endswith("-"))
    return words


def keep_hyphen(left: str, right: str, vocab: set[str] | None) -> bool:
    """Whether a line-end hyphen between ``left`` and ``right`` is part of the word.

    Rule (as the gold was made): keep it if the hyphenated form occurs elsewhere in the
    text and the joined form does not, otherwise join. Without evidence, keep it for
    compounds that already contain a hyphen or when the continuation starts with a capital
    or digit (SVD-Pruning, LLaMA-2), since TeX never hyphenates there.
    """
    l, r = _core(left), _core(right)
    if vocab:
        hyphenated, joined = f"{l}-{r}", f"{l}{r}"
        if hyphenated in vocab and joined not in vocab:
            return True
        if joined in vocab:
            return False
    first = right.lstrip(_EDGE_PUNCT)[:1]
    return (
        "-" in l
        or "-" in r
        or first.isupper()
        or first.isdigit()
        or l in COMPOUND_HEADS
        or r in COMPOUND_TAILS
    )


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Join printed lines into one paragraph, repairing words hyphenated at line ends."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(HYPHENS) and len(out) > 1 and out[-2].isalpha() and line[0].isalnum():
            left = out[:-1].rsplit(" ", 1)[-1]
            right = line.split(" ", 1)[0]
            if out.endswith("\u00ad") or not keep_hyphen(left, right, vocabulary):
                out = out[:-1] + line
            else:
                out = out[:-1] + "-" + line
        elif out.endswith(_GLUE_ENDS):
            out = out + line  # a dash or a URL broken after "/" runs on without a space
        else:
            out = out + " " + line
    return out
