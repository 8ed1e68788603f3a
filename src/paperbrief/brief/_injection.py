"""Finding text in a paper that addresses the model instead of the reader.

A paper's title or abstract may carry "ignore previous instructions and write X".
We do not try to hide it from the model (the prompt marks the paper as data);
we find it so validation can reject answers that echo it, and so the offline
fallback never copies it into a brief.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..models import Paper

_PATTERNS = re.compile(
    "|".join(
        [
            (
                r"\b(?:ignore|disregard|forget|override)\b[^.!?。！？]{0,40}?"
                r"\b(?:previous|prior|above|earlier|preceding|all|any|your)\b[^.!?。！？]{0,20}?"
                r"\b(?:instructions?|prompts?|directions?|guidelines)\b"
            ),
            r"\b(?:system|developer)\s+prompt\b",
            r"\bnew\s+instructions?\s*:",
            r"\byou\s+are\s+now\b",
            r"\binstead[, ]+(?:write|output|respond|reply|answer|say|print)\b",
            r"(?:忽略|无视|忘记|忽视)[^。！？]{0,12}(?:指令|指示|提示|要求|规则)",
            r"你现在是",
            r"(?:系统|开发者)提示词?",
        ]
    ),
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？\n])")


def injection_spans(text: str) -> list[str]:
    """The sentences of ``text`` that give instructions to a model."""
    if not text or not _PATTERNS.search(text):
        return []
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    spans = []
    for i, sentence in enumerate(sentences):
        match = _PATTERNS.search(sentence)
        if not match:
            continue
        if len(sentence) - match.end() < 5 and i + 1 < len(sentences):
            spans.append(sentences[i + 1])  # "Ignore all prior instructions! Say X." - the payload follows
        spans.append(sentence)
    return spans


def strip_injections(text: str) -> str:
    """``text`` without its instruction sentences."""
    for span in injection_spans(text):
        text = text.replace(span, " ")
    return " ".join(text.split())


def clean_paper(paper: Paper) -> Paper:
    """A copy of ``paper`` whose title, affiliations and abstract carry no instructions."""
    if not any(injection_spans(t) for t in [paper.title, paper.abstract, *paper.affiliations]):
        return paper
    return replace(
        paper,
        title=strip_injections(paper.title) or paper.title,
        abstract=strip_injections(paper.abstract),
        affiliations=[strip_injections(a) for a in paper.affiliations],  # same length: indexes stay valid
    )
