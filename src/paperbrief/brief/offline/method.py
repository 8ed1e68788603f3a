"""使用<技术>: the method's name and a Chinese description of what it is.

The name comes from the title's "Name:" prefix or the abstract ("we propose FineServe",
"called DINO", "Gradient Low-Rank Projection (GaLore)"); the description is the English
noun phrase that says what the method is (the appositive after the name, else the title)
put into Chinese by ``terms``. A phrase the glossary covers poorly is not used: the
caller falls back to the paper's technique tags, so no English sentence reaches the brief.
"""
from __future__ import annotations

import re

from ..frame import is_name, title_name
from .terms import Phrase, load_glossary, stem, translate

__all__ = ["common_term", "describe", "method_name", "method_source"]

MIN_COVERAGE = 0.75  # and no dropped word the rest leans on (``Phrase.gap``)
MAX_CHARS = 36  # a longer description drops its modifiers first
KIND = re.compile(r"(?:方法|框架|系统|算法|模型|技术|策略|方案|架构|机制)$")  # what a method is
MIN_SAID = 3  # CJK characters (a Latin word counts one) a description says besides its kind
MAX_DE = 1  # more nested 的 than this reads as a translation: the head alone, or the tags, instead
# A modifier inside a modifier (结合推测解码的基于卸载延迟的…) is word salad: the head alone instead.
# So is a modifier of one bare adjective (面向高效的…) and one left dangling (…优化的).
STACKED = re.compile(r"[大小新高低快慢长短多少](?:基于|结合|面向)|的(?:基于|结合|面向|无需|由|受|跨|来自)|(?:基于|结合|面向)[^的]*(?:基于|结合|面向)|面向[^的]{1,2}的|的$")

COMPARATIVE = re.compile(r"更(?:快|小|少|高|低|好|强|大)")  # "Smaller RAM and Faster Inference": a claim, not a method
MEASURE = re.compile(r"(?:^|\s)\d[\d.]*\s")  # "A 16 nm 1.60TOPS/W … Accelerator": a chip's figures, not the method

# "an efficient and general-purpose IR model" rendered 高效与IR模型: an adjective alone on one side of 与
BARE_ADJECTIVE = re.compile(r"(?:^|的|、)(?:高效|快速|通用|轻量级?|简单|新型|有效|灵活|精确|准确)[与、]")
_PROPOSE = re.compile(
    r"\b(?:propose[sd]?|present(?:s|ed)?|introduce[sd]?|develop(?:s|ed)?|design(?:s|ed)?|build(?:s)?|"
    r"devise[sd]?|put(?:s)? forward|offer(?:s|ed)?|called|named|namely|dubbed|termed|coined)\s+", re.I)
_NAMING = re.compile(r"^(?:called|named|namely|dubbed|termed|coined)$", re.I)
# "Structure-based drug design (SBDD) aims ...": a proposing verb counts only after its proposer
_PROPOSER = re.compile(r"\b(?:we|paper|work|study|article|letter|authors)\b(?:\s+\w+){0,2}\s*$", re.I)
_NAME_TOKEN = r"[A-Za-z][\w\-+&.]*[\w+]"
# "namely" after a plural lists examples, it names no method: "key metrics, namely end-to-end (E2E)
# latency", "11 model families, namely OPT, LLaMA2, …"; "a one-step diffusion network, namely OSEDiff" names one
_PLURAL_BEFORE = re.compile(r"\b[a-z]\w*[^su]s\s*,?\s*$")
_LIST_AFTER = re.compile(r"\s*,\s*[A-Z][\w\-.]*\s*,")  # "OPT, LLaMA2, Falcon": a list, no name


def common_term(token: str) -> bool:
    """An acronym the glossary knows as a field's word (LLMs, DNNs, ViTs, KV): a topic, not a method's name."""
    g = load_glossary()
    words = [w for w in re.split(r"[\s\-]+", token.lower()) if w]
    singular = [w[:-1] if re.fullmatch(r"[a-z]{2,}s", w) else w for w in words]
    return bool(words) and (tuple(stem(w) for w in words) in g.terms or tuple(singular) in g.terms)


def method_name(title: str, abstract: str) -> str:
    """The method's name, or "" when the paper gives none: the title's "Name:" prefix or the name the
    abstract proposes ("we propose FineServe", "(GaLore)"); a field's acronym (LLMs) is no name."""
    return method_source(title, abstract)[0]


def method_source(title: str, abstract: str) -> tuple[str, str]:
    """(name, where it is printed: the title or the abstract's sentence), ("", "") without a name."""
    name = title_name(title)
    if name and not common_term(name):
        return name, title
    for m in _PROPOSE.finditer(abstract):
        if not _NAMING.match(m.group(0).strip()) and not _PROPOSER.search(abstract[max(0, m.start() - 40):m.start()]):
            continue
        if m.group(0).strip().lower() == "namely" and _PLURAL_BEFORE.search(abstract[max(0, m.start() - 40):m.start()]):
            continue
        rest = abstract[m.end():m.end() + 200]
        sentence = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
        whole = _sentence_at(abstract, m.start())
        first = re.match(rf"[“\"']?({_NAME_TOKEN})[”\"']?", rest)
        if (first and is_name(first.group(1)) and len(first.group(1)) <= 24 and not common_term(first.group(1))
                and not _LIST_AFTER.match(rest, first.end())):
            return first.group(1), whole
        for paren in re.finditer(rf"\(((?:[A-Z][\w\-]*\s){{0,2}}{_NAME_TOKEN})\)", sentence):
            got = paren.group(1)
            if is_name(got.split()[-1]) and len(got) <= 24 and not common_term(got):
                return got, whole  # "(GaLore)", "(Fast R-CNN)"
    words = title.split()
    if 1 < len(words) <= 3 and ":" not in title and is_name(words[-1]) and not common_term(words[-1]):
        return " ".join(words), title  # the title is the name: "Fast R-CNN", "Deep Speech 2"
    return "", ""


def _sentence_at(text: str, pos: int) -> str:
    start = max((m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z(\[])", text[:pos])), default=0)
    end = re.search(r"[.!?](?:\s+(?=[A-Z(\[])|$)", text[pos:])
    return text[start:pos + end.end()].strip() if end else text[start:].strip()


_APPOSITIVE_END = re.compile(
    r"\s*(?:[,;:—–]|\s-\s|(?<![-\w])(?:that|which|who|where|whereby|to|designed|tailored|aiming|aimed|capable|"
    r"allowing|enabling|achieving|leveraging|using|by|consisting|comprising|built|based|inspired|able|"
    r"(?:guided|driven)(?=\s+by\b)|called|named|dubbed|termed)\b)", re.I)


def _noun_phrase(text: str) -> str:
    """The noun phrase at the start of ``text``: up to the first relative clause or comma."""
    text = re.sub(r"^(?:(?:a|an|the|one of the first|the first|our)\s+)+", "", text.strip(), flags=re.I)
    m = _APPOSITIVE_END.search(text)
    return text[:m.start()] if m else text


def _noun_half(text: str) -> str:
    """"Trading More Storage for Less Computation – A KVCache-centric Architecture": the noun phrase after
    the dash, when the part before it is a verb phrase (a claim, not what the method is)."""
    halves = re.split(r"\s+[–—]\s+|\s+-\s+", text, maxsplit=1)
    if len(halves) == 2 and re.match(r"\s*\w+ing\b", halves[0]) and re.match(r"\s*(?:an?|the)\s", halves[1], re.I):
        return halves[1]
    return text


def _candidates(clause: str, name: str, title: str) -> list[str]:
    """English noun phrases that say what the method is, best first."""
    out = []
    if clause:
        if name and clause.startswith(name):
            rest = clause[len(name):].lstrip()
            rest = re.sub(r"^\([^)]*\)\s*", "", rest)
            if rest.startswith(","):
                out.append(_noun_phrase(rest[1:]))
        else:
            np = _noun_phrase(_noun_half(clause))
            if name:
                np = re.sub(rf"\s*\(?{re.escape(name)}\)?\s*$", "", np)
            out.append(np)
    _, sep, subtitle = title.partition(":")
    whole = subtitle if sep and subtitle.strip() else title
    whole = _noun_half(whole)
    if name:
        out.append(whole)
    else:  # with no name, the clause is a guess at the method and the title says what it is
        out.insert(0, whole)
    return [c.strip() for c in out if c and len(c.split()) >= 1]


_PREP = r"\s(?:for|with|via|using|through|by|in|on|of|towards?|based on|under|across)\s"


def _head_only(phrase: str) -> str:
    """"X for Y with Z" -> "X": the head noun phrase, for when the whole is too long."""
    return re.split(_PREP, phrase, maxsplit=1, flags=re.I)[0]


def _shorter(phrase: str) -> list[str]:
    """"Survey of X across Y" -> ["Survey of X", "Survey"]: the last modifier dropped, then the next."""
    cuts = [m.start() for m in re.finditer(_PREP, phrase, flags=re.I)]
    return [phrase[:c] for c in reversed(cuts)]


def describe(clause: str, name: str, title: str, min_coverage: float = MIN_COVERAGE, min_cjk: int = 4) -> str:
    """A Chinese description of the method ("" when no phrase translates well enough, or a word is dropped where
    the rest leans on it: ``Phrase.gap``)."""
    for cand in _candidates(clause, name, title):
        for text in (cand, *_shorter(cand)):
            phrase: Phrase = translate(text)
            zh = phrase.text
            if name and zh.endswith(name):
                zh = zh[: -len(name)].rstrip()
            if (phrase.coverage >= min_coverage and not phrase.gap and zh.count("的") <= MAX_DE and not STACKED.search(zh)
                    and not phrase.clause and len(re.findall(r"[\u4e00-\u9fff]", zh)) >= min_cjk
                    and len(zh) <= MAX_CHARS and not _latin_run(zh, 3) and not generic(zh)
                    and not BARE_ADJECTIVE.search(zh) and not MEASURE.search(zh)
                    and not COMPARATIVE.search(zh)):
                return zh
    return ""


def generic(zh: str) -> bool:
    """"基于学习的方法" ("a learning-based method"): a kind with too little said about it to stand for the method."""
    said = re.sub(r"基于|面向|结合|的", "", KIND.sub("", zh))
    return len(re.findall(r"[\u4e00-\u9fff]", said)) + len(re.findall(r"[A-Za-z0-9]+", said)) < MIN_SAID


def _latin_run(text: str, words: int) -> bool:
    return bool(re.search(rf"(?:[A-Za-z][\w\-'.]*[\s,:;/()]+){{{words}}}[A-Za-z]", text))
