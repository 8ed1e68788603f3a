"""Pick the technique, problem and result clauses out of an abstract, by cue words.

The offline writer copies the paper's own words instead of generating any, so every
number it writes is one the abstract printed. Each pick is one clause, trimmed at a
clause boundary to at most ``LIMIT`` characters, with the scaffolding ("In this paper,
we propose", "Experiments show that", a trailing period) taken off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LIMIT", "Parts", "pick_parts", "split_sentences", "trim_clause"]

LIMIT = 200

# Words after which a period does not end a sentence.
_ABBREV = {
    "e.g", "i.e", "al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "no", "approx", "resp",
    "dr", "prof", "mr", "ms", "inc", "ltd", "co", "corp", "univ", "dept", "tab", "ref", "refs", "st",
}
# a sentence opens with a capital, a digit or a name printed lower-case first ("lm-Meter is ...", "vLLM")
_END = re.compile(r"([.!?])[\"'”’)]*\s+(?=[\"“'(\[]?(?:[A-Z0-9]|[a-z][\w.-]*[A-Z]))")


def split_sentences(text: str) -> list[str]:
    """Sentences of an abstract; an abbreviation or an initial ("J.") does not end one."""
    text = re.sub(r"\s*[•▪◦]\s*", ". ", " ".join(text.split()))
    text = re.sub(r"([.!?])(?:\s*\.)+", r"\1", text).lstrip(". ")
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        before = text[start:m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if m.group(1) == "." and (before in _ABBREV or re.fullmatch(r"[a-z]", before)):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


# --- cues ---------------------------------------------------------------------------------

_TECH_ACTIVE = re.compile(
    r"\b(?:we|this (?:paper|work|study|article|letter)|the (?:paper|present work))\s+"
    r"(?:first\s+|further\s+|then\s+|also\s+|here\s+)?"
    r"(?:propose[sd]?|introduce[sd]?|present[sed]*|develop(?:s|ed)?|design(?:s|ed)?|devise[sd]?|"
    r"put(?:s)? forward|build(?:s)?|construct(?:s|ed)?|formulate[sd]?|create[sd]?|establish(?:es|ed)?|"
    r"leverage[sd]?|employ(?:s|ed)?|adopt(?:s|ed)?|offer(?:s|ed)?|contribute[sd]?)\b\s*", re.I)
_TECH_PASSIVE = re.compile(
    r"\s+(?:is|are|was|were|has been|have been)\s+(?:thus\s+|then\s+|also\s+|further\s+)?"
    r"(?:proposed|introduced|presented|developed|designed|devised|utilized|employed|put forward)\b", re.I)
_TECH_STUDY = re.compile(
    r"\b(?:we|this (?:paper|work|study))\s+(?:systematically\s+|comprehensively\s+|empirically\s+)?"
    r"(?:investigate[sd]?|stud(?:y|ies|ied)|explore[sd]?|analy[sz]e[sd]?|evaluate[sd]?|examine[sd]?|"
    r"extend(?:s|ed)?|apply|applies|applied|benchmark(?:s|ed)?|revisit(?:s|ed)?)\b\s*", re.I)
_TECH_NAMED = re.compile(r"\b(?:called|named|dubbed|termed|coined)\b", re.I)

_PROBLEM_CUES = [
    (re.compile(r"^(?:however|but|yet|unfortunately|nevertheless|nonetheless)\b", re.I), 4),
    (re.compile(r"\b(?:however|unfortunately|though|whereas)\b", re.I), 3),
    (re.compile(r"\b(?:challeng\w*|bottleneck\w*|limitation\w*|suffer\w*|costly|expensive|prohibitive\w*|"
                r"hinder\w*|imped\w*|struggl\w*|drawback\w*|obstacle\w*|barrier\w*)\b", re.I), 2),
    (re.compile(r"\b(?:overhead\w*|difficult\w*|inefficien\w*|degrad\w*|issue\w*|problem\w*|limited|limits|"
                r"constrain\w*|demand\w*|intensive|fail\w*|lack\w*|neglect\w*|overlook\w*|ignor\w*|"
                r"redundan\w*|trade-?off\w*|quadratic\w*|slow\w*|latency|memory footprint|high cost\w*|"
                r"remain\w*|unclear|impractical|infeasible|bias\w*|noisy|noise)\b", re.I), 1),
]
_RESULT_CUES = [
    (re.compile(r"\b(?:achiev\w*|outperform\w*|surpass\w*|speedups?|speed-?ups?|speeds? up|accelerat\w*|"
                r"faster|reduc\w*|improv\w*|boost\w*|sav(?:e|es|ing|ings)|lower\w*|higher|up to|"
                r"state-of-the-art|sota|exceed\w*|beat\w*|match(?:es|ing)?|retain\w*|preserv\w*|maintain\w*)\b",
                re.I), 2),
    (re.compile(r"\b(?:results?|experiments?|evaluations?|demonstrat\w*|show(?:s|n|ing)?|comparable|"
                r"effective\w*|significant\w*|without (?:any )?(?:loss|degradation|sacrific\w*|retraining))\b",
                re.I), 1),
]
_RESULT_NUMBER = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|×|x\b|X\b|times\b|-fold\b|fold\b|pp\b|points?\b)")

# --- clause clean-up ----------------------------------------------------------------------

_LEADS = re.compile(
    r"^(?:[,;:.\s]+|(?:to (?:the best of )?our knowledge|as far as we know)\s*,?\s*|"
    r"to (?:address|tackle|solve|overcome|mitigate) (?:this|these|such|the) (?:concerns?|issues?|problems?|challenges?|"
    r"limitations?|gaps?|bottlenecks?|drawbacks?)\s*,?\s+|"
    r"(?:(?:in|within) (?:this|the present|our) (?:paper|work|study|article|letter)|here|however|but|yet|"
    r"unfortunately|nevertheless|nonetheless|moreover|furthermore|additionally|consequently|therefore|thus|"
    r"hence|specifically|notably|finally)\s*,?\s+|"
    r"(?:to this end|to (?:address|tackle|solve|overcome|mitigate|alleviate|bridge|fill|close|handle|remedy|"
    r"fix|resolve) (?:this|these|those|such|the above|both|that)\b[\w\s-]{0,40}?|in addition|in particular|"
    r"particularly|importantly|as a result|overall|in summary|in short|in practice|in contrast|meanwhile|"
    r"besides|concretely|technically|empirically|experimentally|remarkably|crucially|first|second|third|"
    r"lastly|also|then|instead|in this context|on the other hand|at the same time)\s*,\s+)", re.I)
_WE_VERB = re.compile(r"^(?:we|this (?:paper|work|study))\s+(?:also\s+|further\s+)?\w+\s+(?:that\s+)?", re.I)
_SHOW_THAT = re.compile(
    r"^.{0,160}?\b(?:show|shows|showed|shown|demonstrate|demonstrates|demonstrated|indicate|indicates|"
    r"reveal|reveals|confirm|confirms|verify|verifies|suggest|suggests|find|finds|found|prove|proves)\s+that,?\s+",
    re.I)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_TAIL_WORDS = re.compile(
    r"(?:\s+(?:and|or|of|the|a|an|to|for|with|by|in|on|at|from|as|that|which|while|where|whereas|"
    r"via|using|into|its|their|our|is|are|was|were|be|thereby|thus|both|either|each|such|these|those|this|how|"
    r"different|various|more|most|very|than|up|due|because|not|no|it|they|we|can|could|may|will|has|have))+$", re.I)
_BOUNDARY = re.compile(
    r";\s|:\s|,\s|\s[–—-]{1,2}\s|\s(?=(?:which|while|whereas|where|thereby|thus|and thus|but|so that|"
    r"such that|enabling|allowing|leading|resulting|making|yielding)\b)", re.I)


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _strip(text: str) -> str:
    text = text.strip().strip("\"“”'")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    for _ in range(3):
        new = _LEADS.sub("", text)
        if new == text:
            break
        text = new
    return re.sub(r"[\s.;:,!]+$", "", text).strip()


def trim_clause(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at the last clause boundary before ``limit`` characters, never mid-word."""
    text = re.sub(r"[\s.;:,!]+$", "", " ".join(text.split()))
    if len(text) <= limit:
        return text
    cuts = [m.start() for m in _BOUNDARY.finditer(text) if 40 <= m.start() <= limit]
    cuts = [c for c in cuts if _balanced(text[:c])]
    if cuts:
        head = text[:cuts[-1]]
    else:
        head = text[:limit + 1].rsplit(" ", 1)[0]
        while not _balanced(head) and " " in head:
            head = head.rsplit(" ", 1)[0]
    head = _TAIL_WORDS.sub("", re.sub(r"[\s.;:,!(\[–—-]+$", "", head))
    return head or text[:limit].rsplit(" ", 1)[0]


# --- picks --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parts:
    """The three clauses of a brief, each copied from the abstract (or the title, as a last resort)."""

    technique: str
    problem: str
    result: str
    # the whole sentence each clause was cut from (the title for a stand-in), the brief's evidence
    technique_src: str = ""
    problem_src: str = ""
    result_src: str = ""
    problem_index: int | None = None  # which sentence of the abstract states the problem
    technique_index: int | None = None


def _technique(sentence: str) -> tuple[int, str] | None:
    """(strength, clause) when the sentence says what the paper proposes."""
    m = _TECH_ACTIVE.search(sentence)
    if m:
        return 3, _ARTICLE.sub("", _strip(sentence[m.end():]))
    m = _TECH_PASSIVE.search(sentence)
    if m and m.start() > 10:
        head = re.split(r"[:;]\s|,\s(?=(?:a|an|the)\s)", sentence[:m.start()])[-1]
        return 2, _ARTICLE.sub("", _strip(head))
    m = _TECH_FIRST.search(sentence)
    if m:
        return 2, _strip(sentence[m.end():])
    if _TECH_NAMED.search(sentence):
        return 2, _ARTICLE.sub("", _strip(_WE_VERB.sub("", _strip(sentence))))
    m = _TECH_STUDY.search(sentence)
    if m:
        return 1, _ARTICLE.sub("", _strip(sentence[m.end():]))
    return None


_TECH_FIRST = re.compile(r"(?:this|it|ours) is the first\s+", re.I)
_CONTRAST = re.compile(r"[,;]\s*(?:however|but|yet|though|although|whereas)\b,?\s*", re.I)
_CONCEDE = re.compile(r"^(?:while|although|though|despite|whereas|even though|even as)\b[^,]{8,},\s*", re.I)
_PREDICATE = re.compile(  # a clause that starts with its verb has lost its subject: keep the sentence
    r"^(?:\w+ly|often|still|also|not|is|are|was|were|has|have|had|can|could|may|might|do|does|did|remains?|"
    r"suffers?|incurs?|fails?|requires?|lacks?|comes?|leads?|causes?|results?|struggles?|introduces?)\b", re.I)
_PURPOSE = re.compile(
    r"\b(?:to|in order to|aims? to|aiming to|designed to|helps? to|we)\s+(?:effectively\s+|further\s+)?"
    r"(?:mitigate|address|tackle|overcome|alleviate|resolve|remedy|eliminate|avoid|circumvent)\s+(.{12,})$", re.I)


def _problem_clause(sentence: str) -> tuple[int, str]:
    """(bonus, clause): the part of a sentence that states the problem, and how sure that is."""
    m = _CONTRAST.search(sentence)
    if m and m.start() > 15:
        rest = sentence[m.end():]
        return 2, sentence if _PREDICATE.match(rest) else rest
    m = _CONCEDE.match(sentence)
    # "Although X works, it suffers ..." (but not "Despite its size, it wins")
    if m and _score(sentence[m.end():], _PROBLEM_CUES):
        return 1, sentence[m.end():]
    m = _PURPOSE.search(sentence)
    if m and not re.match(r"(?:this|these|those|such|that|it|them)\b", m.group(1), re.I):
        return 2, m.group(1)
    return 0, sentence


_AIM = re.compile(
    r"\b(?:to|designed to|aim(?:s|ed|ing)? (?:at|to)|in order to|for)\s+"
    r"(?:enhance|enhancing|improve|improving|reduce|reducing|accelerate|accelerating|boost|boosting|speed up|"
    r"lower|lowering|optimi[sz]e|optimi[sz]ing)\s+(.{12,})$", re.I)


def _problem_from_purpose(sentence: str) -> str | None:
    """"To reduce the memory cost of X, we propose ..." -> "the memory cost of X"."""
    m = re.match(r"^(?:to (?:address|tackle|solve|overcome|mitigate|alleviate|reduce|handle|remedy|resolve|"
                 r"avoid|eliminate|ease|circumvent) )(.+?),\s+(?:we|this (?:paper|work))\b", sentence, re.I)
    if not m or re.match(r"(?:this|these|those|such|that|it|them)\b", m.group(1), re.I):
        return None
    return _strip(m.group(1))


def _score(sentence: str, cues: list[tuple[re.Pattern[str], int]]) -> int:
    return sum(w * min(2, len(p.findall(sentence))) for p, w in cues)


_AVAILABLE = re.compile(r"\b(?:code|data|models?) (?:is|are) (?:publicly )?available\b|https?://", re.I)
_RESULT_LEAD = re.compile(
    r"^(?:compared (?:with|to)|relative to|against|on|across|in|for|with|using|under|at|when|by)\b[^,]{0,120},\s+",
    re.I)


_WE_GOT = re.compile(  # "We applied it to MobileNet and achieved 1.8x speedup" -> "1.8x speedup"
    r"^(?:[^,]{0,80},\s*)?we\b.{0,120}?\b(?:achiev|obtain|attain|reach|measur|observ)(?:e|es|ed|ing)?\s+"
    r"(?:an?\s+|the\s+)?(?=.{12,})", re.I)


def _result_clause(sentence: str) -> str:
    """The result sentence without "Experiments show that", keeping as many of its numbers as fit."""
    text = _strip(_SHOW_THAT.sub("", _strip(sentence), count=1))
    m = _WE_GOT.match(text)
    if m:
        return text[m.end():]
    if re.match(r"^we\b", text, re.I):
        text = _strip(_WE_VERB.sub("", text))
    m = _RESULT_LEAD.match(text)
    if m and len(text) > LIMIT:
        rest, kept = text[m.end():], trim_clause(text)
        if len(kept) <= m.end() or len(_RESULT_NUMBER.findall(trim_clause(rest))) > len(_RESULT_NUMBER.findall(kept)):
            return rest
    return text


# A clause that opens with one of these leans on the sentence it was cut from
# ("to train a network ...", "our findings into ...", "this approach further ..."): it cannot
# stand after 使用 on its own, so the title's name stands in.
_WEAK_START = re.compile(r"(?:to|our|this|that|these|those|it|its|which|further|also|then)\b", re.I)


def pick_parts(abstract: str, title: str) -> Parts:
    """Technique, problem and result clauses from ``abstract``; the title stands in when it says nothing."""
    sentences = split_sentences(abstract)
    fallback = _title_topic(title)
    if not sentences:
        return Parts(fallback, f"{fallback}所针对的问题", f"{fallback}所报告的改进", title, "", "")

    tech_i, technique = None, ""
    best = 0
    for i, s in enumerate(sentences):
        got = _technique(s)
        if got and got[0] > best and len(got[1]) >= 8 and not _WEAK_START.match(got[1]):
            best, tech_i, technique = got[0], i, got[1]
    technique_src = sentences[tech_i] if tech_i is not None else title
    if not technique:
        technique = fallback

    problem, prob_i = "", None
    scored = []
    for i, s in enumerate(sentences):
        bonus, clause = _problem_clause(s)
        score = _score(s, _PROBLEM_CUES) + bonus
        if i == tech_i and not bonus:
            continue
        if tech_i is not None and i > tech_i and bonus < 2:
            score -= 2  # problems are stated before the method
        if _RESULT_NUMBER.search(s):
            score -= 2
        scored.append((score, -i, i, clause))
    purpose = _problem_from_purpose(sentences[tech_i]) if tech_i is not None else None
    top = max(scored) if scored else None
    problem_src = ""
    if purpose and (top is None or top[0] < 3):
        problem, problem_src = purpose, sentences[tech_i] if tech_i is not None else ""
    elif top and top[0] >= 1:
        prob_i, problem = top[2], _strip(top[3])
    elif tech_i != 0:
        prob_i, problem = 0, _strip(sentences[0])
    elif m := _AIM.search(technique):
        problem, problem_src = _strip(m.group(1)), technique_src
    else:
        problem = f"{fallback}所针对的问题"
    if prob_i is not None:
        problem_src = sentences[prob_i]

    result = ""
    ranked: list[tuple[int, int]] = []  # (score, index): ties go to the later sentence
    for i, s in enumerate(sentences):
        if i in (tech_i, prob_i) or _AVAILABLE.search(s):
            continue
        score = _score(s, _RESULT_CUES) + 3 * min(3, len(_RESULT_NUMBER.findall(s)))
        score += 1 if i >= len(sentences) // 2 else 0
        ranked.append((score, i))
    result_src = ""
    if ranked and max(ranked)[0] >= 2:
        result_src = sentences[max(ranked)[1]]
        result = _result_clause(result_src)
    if not result:
        last = len(sentences) - 1
        result = _strip(sentences[last]) if last not in (tech_i, prob_i) else f"{fallback}所报告的改进"
        result_src = sentences[last] if last not in (tech_i, prob_i) else ""

    return Parts(trim_clause(technique), trim_clause(problem), trim_clause(result), technique_src, problem_src,
                 result_src, prob_i, tech_i)


def _title_topic(title: str) -> str:
    """The subtitle after "Name:", else the whole title, as a stand-in technique."""
    title = " ".join(title.split()).rstrip(".")
    _, sep, tail = title.partition(": ")
    return trim_clause(tail if sep and tail else title) or "该论文的方法"
