"""English noun phrases of efficient AI in Chinese, through a glossary and head-final reordering.

The offline writer must not copy English into the Chinese sentence. A title or an
appositive ("an inference serving framework for mixed-precision LLMs") is split at its
prepositions, loosest first (``data/connectors.tsv``), and rebuilt modifier-first
(面向混合精度大语言模型的推理服务框架); the words in between go through the glossary
(``data/glossary.tsv``), longest term first. Names and acronyms (FineServe, W2A4KV4) stay
in Latin letters; ordinary words the glossary lacks are dropped and counted, so the caller
can tell a faithful phrase from a gap-toothed one (``Phrase.coverage``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from ..._rules import parse_rows
from ..frame import is_name

__all__ = ["Glossary", "Phrase", "is_name", "load_glossary", "stem", "translate"]

DROP = "-"  # glossary value for a word that says nothing (articles, "novel")
VERB = "!"  # glossary value for a finite verb ("are", "meets"): the phrase is a sentence, not a name


def stem(word: str) -> str:
    """The singular of a plural, crudely but the same way for glossary and text."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _key(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


@dataclass(frozen=True)
class Connector:
    words: tuple[str, ...]
    level: int
    template: str


@dataclass(frozen=True)
class Glossary:
    """Terms, connectors and affixes, as read from the data files (see ``parse``)."""

    terms: dict[tuple[str, ...], str]
    connectors: tuple[Connector, ...]
    affixes: dict[str, str]
    longest: int

    @classmethod
    def parse(cls, glossary: str, connectors: str = "", affixes: str = "") -> Glossary:
        terms: dict[tuple[str, ...], str] = {}
        for en, zh in parse_rows(glossary, 2, "glossary.tsv"):
            terms[_key(_words(en))] = zh
        conns = [Connector(tuple(en.lower().split()), int(level), tpl) for en, level, tpl in parse_rows(connectors, 3, "connectors.tsv")]
        conns.sort(key=lambda c: -len(c.words))  # "based on" before "on"
        affix = {suffix.lower(): tpl for suffix, tpl in parse_rows(affixes, 2, "affixes.tsv")}
        return cls(terms, tuple(conns), affix, max((len(k) for k in terms), default=1))


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The bundled glossary (immutable data, read once)."""
    data = files(__package__).joinpath("data")
    return Glossary.parse(*(data.joinpath(f).read_text(encoding="utf-8")
                            for f in ("glossary.tsv", "connectors.tsv", "affixes.tsv")))


# --- tokens -------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-+&'’.]*[A-Za-z0-9+]|[A-Za-z0-9]|[,;:]")


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.lower()) if w]


@dataclass(frozen=True)
class Phrase:
    """A Chinese rendering and how much of the English it carried over."""

    text: str
    known: int  # content words rendered (glossary, names, numbers)
    unknown: int  # content words dropped because the glossary lacks them
    clause: bool = False  # it has a finite verb: a claim ("Transformers are RNNs"), not a noun phrase
    # a word dropped where the rest changes meaning without it: a compound's head ("Sequence Modeling" →
    # 序列) or part of a hyphenated word ("Function-Preserving" → 函数)
    gap: bool = False

    @property
    def coverage(self) -> float:
        total = self.known + self.unknown
        return self.known / total if total else 0.0


def translate(text: str, glossary: Glossary | None = None) -> Phrase:
    """``text`` (an English noun phrase) in Chinese; see the module docstring."""
    g = glossary or load_glossary()
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)  # "(PTQ)", "[12]": said already or noise
    tokens = [t.rstrip(".'’") for t in _TOKEN.findall(text.replace("“", " ").replace("”", " "))]
    tokens = [t for t in tokens if t]
    opening = tokens[0].lower() if tokens else ""
    if opening.endswith("ing") and _key([opening]) not in g.terms and not any(c.words[0] == opening for c in g.connectors):
        # an opening verb the glossary lacks: "Detecting X with Semantic Entropy" is said by its means (语义熵);
        # without a means, dropping the verb would misstate it ("Hiding X from Y" is not X from Y)
        cuts = _means_cuts(tokens, g, first=2)
        if not cuts:
            return replace(_phrase(tokens, g), gap=True)
        return _phrase(tokens[cuts[-1] + len(_conn_at(tokens, cuts[-1], g).words):], g)
    return _phrase(tokens, g)


def _phrase(tokens: list[str], g: Glossary) -> Phrase:
    """Split at the loosest connector, rebuild modifier-first; a bare compound goes word by word."""
    for c in g.connectors:  # "Accelerating X": a title's verb becomes a noun after its object (X加速)
        if c.level == 0 and len(tokens) > len(c.words) and [t.lower() for t in tokens[:len(c.words)]] == list(c.words):
            return _verb_first(c, tokens[len(c.words):], g)
    best: tuple[int, int, Connector] | None = None
    for i in range(1, len(tokens)):
        if best and i < best[0] + best[1]:
            continue  # inside the connector just found: the "by" of "guided by"
        for c in g.connectors:
            if c.level == 0:
                continue
            if [t.lower() for t in tokens[i:i + len(c.words)]] == list(c.words) and not _inside_term(tokens, i, g):
                if best is None or c.level <= best[2].level:  # the last one at the loosest level
                    best = (i, len(c.words), c)
                break
    if best:
        i, n, c = best
        head, mod = _phrase(tokens[:i], g), _phrase(tokens[i + n:], g)
        if not mod.text:
            return Phrase(head.text, head.known, head.unknown + mod.unknown, head.clause or mod.clause,
                          head.gap or mod.gap)
        if not head.text:
            text = c.template.split("{head}")[0].replace("{mod}", mod.text).removesuffix("的")
        elif c.words == ("with",) and tokens[i + n].lower() in SCARCE:
            text = f"{mod.text}下的{head.text}"  # "Inference with Limited Memory": 有限内存下的推理, a condition
        elif c.words == ("of",) and "的" not in mod.text and len(mod.text) <= SHORT_OF:
            text = mod.text + head.text  # "layers of LLMs": 大语言模型中间层, not 大语言模型的中间层
        else:
            text = c.template.format(head=head.text, mod=mod.text)
        return Phrase(text, head.known + mod.known, head.unknown + mod.unknown, head.clause or mod.clause,
                      head.gap or mod.gap)
    return _coordination(tokens, g)


def _inside_term(tokens: list[str], i: int, g: Glossary) -> bool:
    """Whether the word at ``i`` is inside a glossary term that spans it ("Mixture of Experts"), so no connector."""
    for start in range(max(0, i - g.longest + 1), i):
        for end in range(i + 2, min(len(tokens), start + g.longest) + 1):
            if _key([w for t in tokens[start:end] for w in _words(t)]) in g.terms:
                return True
    return False


SHORT_OF = 6  # an "of" modifier this short joins its head without 的
SCARCE = {"limited", "low", "constrained", "scarce", "few", "little", "small", "tight", "restricted"}
MEANS = ("基于", "结合")  # connectors that name the means: via, by, using, with, through ...


def _verb_first(verb: Connector, tokens: list[str], g: Glossary) -> Phrase:
    """"Accelerating X via Y" -> 面向X加速的Y: the means is the method, the verb's object its aim.

    A gerund that opens the means is dropped ("by Integrating Rotation and ..." -> 旋转与…), and
    of nested means the last is kept ("by Hiding Latency with Speculative Decoding" -> 推测解码),
    so the phrase has one modifier, not a stack of them."""
    cuts = _means_cuts(tokens, g)
    if not cuts:
        rest = _phrase(tokens, g)
        return Phrase(verb.template.format(mod=rest.text), rest.known + 1, rest.unknown, rest.clause, rest.gap)
    aim = _phrase(_head_words(tokens[:cuts[0]], g), g)
    means = tokens[cuts[-1] + len(_conn_at(tokens, cuts[-1], g).words):]
    while len(means) > 1 and means[0].lower().endswith("ing") and not _term_at(means, g):
        means = means[1:]
    how = _phrase(means, g)
    text = f"面向{verb.template.format(mod=aim.text)}的{how.text}" if aim.text else how.text
    return Phrase(text, aim.known + how.known + 1, aim.unknown + how.unknown, aim.clause or how.clause,
                  aim.gap or how.gap)


def _means_cuts(tokens: list[str], g: Glossary, first: int = 1) -> list[int]:
    """Where a connector that names the means (via, by, using, with …) starts, from ``first`` on."""
    return [i for i in range(first, len(tokens)) for c in g.connectors
            if c.level == 1 and c.template.startswith(MEANS) and _at(tokens, i, c)]


def _head_words(tokens: list[str], g: Glossary) -> list[str]:
    """"MoE on the Edge" -> "MoE", "Prefilling for Long-Context LLMs" -> "Prefilling": the aim's
    head alone, so 面向…的 holds one short noun phrase."""
    for i in range(1, len(tokens)):
        if any(c.level >= 1 and _at(tokens, i, c) for c in g.connectors):
            return tokens[:i]
    return tokens


def _term_at(tokens: list[str], g: Glossary) -> bool:
    """A glossary term of two or more words opens ``tokens`` ("Caching Strategy" is a noun, "Hiding X" is not)."""
    words = [w for t in tokens[:g.longest] for w in _words(t)]
    return any(_key(words[:n]) in g.terms for n in range(2, len(words) + 1))


def _at(tokens: list[str], i: int, c: Connector) -> bool:
    return [t.lower() for t in tokens[i:i + len(c.words)]] == list(c.words)


def _conn_at(tokens: list[str], i: int, g: Glossary) -> Connector:
    return next(c for c in g.connectors if c.level == 1 and c.template.startswith(MEANS) and _at(tokens, i, c))


_AND = {"and", "or", "&", ",", ";", "as well as", "plus"}


def _coordination(tokens: list[str], g: Glossary) -> Phrase:
    """"pruning, trained quantization and Huffman coding" -> 剪枝、训练量化与霍夫曼编码."""
    groups: list[list[str]] = [[]]
    for t in tokens:
        if t.lower() in _AND or t == ":":
            groups.append([])
        else:
            groups[-1].append(t)
    parts = [_compound(grp, g) for grp in groups if grp]
    texts = [p.text for p in parts if p.text]
    if len(texts) > 1:
        text = "、".join(texts[:-1]) + "与" + texts[-1]
    else:
        text = texts[0] if texts else ""
    # a word dropped from a list breaks the list: "Fast and Accessible Inference" is no 快速与推理
    gap = any(p.gap for p in parts) or (len(texts) > 1 and any(p.unknown for p in parts))
    return Phrase(text, sum(p.known for p in parts), sum(p.unknown for p in parts), any(p.clause for p in parts), gap)


def _compound(tokens: list[str], g: Glossary) -> Phrase:
    """Words without connectors: the longest glossary term at each point, names kept as they are."""
    # Each token is a name (kept whole) or a run of words (split at hyphens for lookup).
    units: list[tuple[str, str]] = []  # ("name"|"word"|"num", text)
    hyphened: set[int] = set()  # units cut from one hyphenated word
    for t in tokens:
        first = len(units)
        head, _, suffix = t.rpartition("-")
        if re.fullmatch(r"[\d.]+", t):
            units.append(("num", t))
        elif head and suffix.lower() in g.affixes and _key(_words(t)) not in g.terms:
            inner = _compound([head], g)  # "SVD-based", "LLM-based", "metaheuristic-based"
            if inner.text and not inner.unknown:
                units.append(("name", g.affixes[suffix.lower()].format(x=inner.text)))
            else:
                units.append(("word", t))
        elif re.fullmatch(r"[A-Z]{2,}s", t) and _key([t[:-1]]) in g.terms:
            units.append(("word", t[:-1]))  # "MCUs", "GPUs": the plural of a known acronym
        elif re.fullmatch(r"[A-Z]{3,}S", t) and (t.lower(),) not in g.terms:
            units.append(("name", t))  # "COTS" is an acronym of its own, not the plural of CoT
        elif is_name(t) and _key(_words(t)) not in g.terms:
            units.append(("name", t))
        else:
            units.extend(("word", w) for w in re.split(r"[-’']", t) if w)
        if len(units) - first > 1:
            hyphened.update(range(first, len(units)))
    pieces: list[str] = []
    known = unknown = 0
    clause = gap = False
    i = 0
    while i < len(units):
        kind, text = units[i]
        if kind != "word":
            pieces.append(text)
            known += 1
            i += 1
            continue
        for n in range(min(g.longest, len(units) - i), 0, -1):
            span = units[i:i + n]
            if any(k != "word" for k, _ in span):
                continue
            zh = g.terms.get(_key([w for _, w in span]))
            if zh is not None:
                clause = clause or zh == VERB
                if zh not in (DROP, VERB):
                    pieces.append(zh)
                    known += n
                i += n
                break
        else:
            affixed = _affixed(units, i, g)
            if affixed:
                zh, n = affixed
                pieces.append(zh)
                known += n
                i += n
            else:
                unknown += 1
                gap = gap or i in hyphened or i == len(units) - 1
                i += 1
    return Phrase(_join(pieces), known, unknown, clause, gap)


def _affixed(units: list[tuple[str, str]], i: int, g: Glossary) -> tuple[str, int] | None:
    """"SVD-based" -> 基于SVD的: a known word, then a suffix word the glossary lacks as a compound."""
    if i + 1 < len(units) and units[i + 1][1].lower() in g.affixes:
        zh = g.terms.get(_key([units[i][1]]))
        if zh and zh != DROP:
            return g.affixes[units[i + 1][1].lower()].format(x=zh), 2
    return None


def _join(pieces: list[str]) -> str:
    """Chinese pieces run together; two Latin pieces in a row keep a space."""
    out = ""
    for p in pieces:
        if out and re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", p):
            out += " "
        out += p
    return out
