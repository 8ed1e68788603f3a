"""解决了<目标>中<痛点>的问题: the pain points the abstract states, in Chinese, placed in the paper's
target (its annotation).

A pain counts only where the abstract states it as a problem: in the sentence that states the
problem (or the purpose clause "to reduce X" before "we propose"), or in a background sentence
before the method that carries a problem cue ("however", "bottleneck", "costly", "suffers" …).
A word in a result sentence ("improves utilization") or in a name ("High-Bandwidth Memory") is
no pain. Pains come from a rule list (``data/pains.tsv``), never from copied English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import load_rules

__all__ = ["Pain", "addressed", "pains", "stated_problems"]

# A sentence that states a problem says so with one of these (the background alone is no pain:
# "High throughput serving of LLMs requires batching").
PROBLEM_CUE = re.compile(
    r"\b(?:however|but|yet|unfortunately|challeng\w*|bottleneck\w*|limit\w*|suffer\w*|costly|expensive|"
    r"prohibitive\w*|hinder\w*|imped\w*|struggl\w*|drawback\w*|obstacle\w*|barrier\w*|overhead\w*|difficult\w*|"
    r"hard to|inefficien\w*|degrad\w*|issues?|problems?|constrain\w*|demand\w*|intensive|fail\w*|lack\w*|slow\w*|"
    r"high|huge|heavy|severe|significant|substantial|grows?|growing|excessive|wast\w*|poor(?:ly)?|low|"
    r"insufficient|unable|cannot|burden\w*|hungry|remains?|bound|scarce|scarcity|cumbersome|impractical|"
    r"infeasible|stragglers?|idle|quadratic\w*|increas\w*|requir\w*|tend to|prone to|enormous|massive|fac(?:e|es|ing))\b", re.I)
# What the method addresses, wherever it is said: "SmoothRot addresses the challenge of massive outliers",
# "... to mitigate the dequantization bottleneck". The object (up to the clause's end) states the pain.
REMEDIED = re.compile(r"\b(?:address(?:es|ed|ing)?|tackl\w*|mitigat\w*|alleviat\w*|overcom\w*|solv\w*|"
                      r"eliminat\w*|avoid\w*|remov\w*)\s+(?:the\s+|this\s+|these\s+|such\s+)?[^,;.]{0,80}?"
                      r"\b(?:challenges?|problems?|issues?|bottlenecks?|limitations?|overheads?|costs?|"
                      r"inefficienc\w*|degradation|drawbacks?)\b[^,;.]{0,80}", re.I)
OTHERS = re.compile(r"^(?:traditional|existing|current|prior|previous|conventional|standard|state-of-the-art|most)\b",
                    re.I)
# "To solve the gradient vanishing problem, we propose ...": a purpose clause states a pain wherever it is
PURPOSE = re.compile(r"^(?:to|in order to) (?:solve|address|tackle|overcome|mitigate|alleviate|avoid|prevent|"
                     r"reduce|handle|remedy|resolve|eliminate)\s+(.{8,}?)(?:,\s+\w|\s+we\b)", re.I)


@dataclass(frozen=True)
class Pain:
    zh: str
    sentence: str  # where the abstract states it
    addressed: bool = False  # the abstract says the method targets it ("To reduce X", "X addresses Y")
    weight: int = 1  # 2 or more: stated in the problem clause, or in two stretches


def addressed(stretches: list[tuple[int, str]], problem_src: str) -> set[str]:
    """The stretches in which the abstract says the method targets the pain: a purpose clause ("To reduce
    X, we …"), "X addresses/mitigates Y", or a problem clause cut from such a sentence."""
    out = {t for _, t in stretches if PURPOSE.match(t + ", we") or REMEDIED.fullmatch(t)}
    if problem_src and (PURPOSE.match(problem_src) or re.search(r"\b(?:to|aims? to|designed to)\s+(?:address|tackle|"
                                                               r"solve|overcome|mitigate|alleviate|reduce|remedy|"
                                                               r"resolve|eliminate)\b", problem_src, re.I)):
        out |= {t for w, t in stretches if w == 2}
    return out


def stated_problems(sentences: list[str], problem_clause: str, technique_index: int | None,
                    problem_index: int | None) -> list[tuple[int, str]]:
    """(weight, text) of the abstract's stretches that state a problem: the problem clause counts 2,
    a background sentence before the method with a problem cue 1."""
    out: list[tuple[int, str]] = []
    whole = sentences[problem_index] if problem_index is not None and problem_index < len(sentences) else ""
    if problem_clause and (PROBLEM_CUE.search(whole or problem_clause) or (problem_index is None and not whole)):
        out.append((2, problem_clause))  # not "Existing systems reuse KVs to reduce redundant computation"
    for i, s in enumerate(sentences):
        if i == problem_index:
            continue
        before = technique_index is None or i < technique_index
        purpose = PURPOSE.match(s)
        if purpose:
            out.append((1, s[:purpose.end(1)]))  # a stretch that starts with "To" is one the method addresses
        elif before and PROBLEM_CUE.search(s) and (technique_index is not None or i < max(1, len(sentences) // 2)):
            out.append((1, s))
        elif not before and OTHERS.match(s) and PROBLEM_CUE.search(s):
            out.append((1, s))  # "Traditional eviction methods fail to ...", said after the method
        else:
            out.extend((1, m.group(0)) for m in REMEDIED.finditer(s))
    return out


# Where a sentence turns: "on-device inference promises lower communication costs, yet memory demands are
# large" states the memory pain in its second half only.
_TURN = re.compile(r";\s|,\s*(?:and\s+)?(?=(?:yet|but|while|whereas|although|though|however)\b)"
                   r"|\s(?=(?:yet|but|whereas|although|though|however)\b)", re.I)


def _stated_at(pattern: re.Pattern[str], text: str, sentence: str, aimed: bool) -> bool:
    """Whether ``text`` (cut from ``sentence``) states the pain ``pattern`` names as a problem: in a part of the
    sentence that carries a problem cue, or anywhere in a stretch that says the method targets it ("To reduce X",
    "addresses X")."""
    if not pattern.search(text):
        return False
    if aimed or REMEDIED.fullmatch(text):
        return True
    return any(pattern.search(part) and PROBLEM_CUE.search(part) for part in _TURN.split(sentence))


def pains(stretches: list[tuple[int, str]], sources: dict[str, str] | None = None, limit: int = 2,
          addressed: set[str] | frozenset[str] = frozenset()) -> list[Pain]:
    """The pain points ``stretches`` (from ``stated_problems``) name, the problem clause's first;
    ``sources`` maps a stretch to the whole sentence it was cut from (for the evidence)."""
    scored: list[tuple[int, int, str, str]] = []
    for row, rule in enumerate(load_rules("pains")):
        hits = [(w, text) for w, text in stretches
                if _stated_at(rule.pattern, text, (sources or {}).get(text, text), text in addressed)]
        if hits and rule.zh not in [z for _, _, z, _, _ in scored]:
            score = sum(w for w, _ in hits)
            text = max(hits)[1]
            aimed = any(t in addressed for _, t in hits)
            scored.append((score, -row, rule.zh, (sources or {}).get(text, text), aimed))
    ranked = [Pain(z, s, a, w) for w, _, z, s, a in sorted(scored, reverse=True)[:limit]]
    # a second pain only where the abstract stresses it as much: a background sentence's topic word
    # ("latency-critical requests") is too weak to stand beside the stated pain
    return ranked[:1] + [p for p in ranked[1:] if p.weight >= 2]
