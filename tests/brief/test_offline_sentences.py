"""Sentence splitting, clause trimming and cue picking on abstracts."""
from __future__ import annotations

import re

from paperbrief.brief.offline.sentences import LIMIT, pick_parts, split_sentences, trim_clause

NUM = re.compile(r"\d+(?:[.,]\d+)*")


def test_split_keeps_abbreviations_decimals_and_initials() -> None:
    text = ("3DGS [Kerbl et al., 2023] is a breakthrough. We use e.g. ResNet and i.e. more. "
            "The Dice score is 0.31. Work by J. Smith shows 1,300× gains. Done")
    assert split_sentences(text) == [
        "3DGS [Kerbl et al., 2023] is a breakthrough.",
        "We use e.g. ResNet and i.e. more.",
        "The Dice score is 0.31.",
        "Work by J. Smith shows 1,300× gains.",
        "Done",
    ]
    assert split_sentences("") == []
    assert split_sentences("First point. • Second point") == ["First point.", "Second point"]


def test_trim_cuts_at_a_clause_boundary_and_never_inside_a_number() -> None:
    long = ("our method reduces memory by 1,300× and latency by 2.5×, while keeping accuracy within 0.3% "
            "of the baseline on ImageNet, which makes it practical for phones, cars and many other embedded "
            "devices that have very little memory, and it also runs fast")
    cut = trim_clause(long)
    assert len(cut) <= LIMIT and long.startswith(cut)
    assert set(NUM.findall(cut)) <= set(NUM.findall(long))
    assert not re.search(r"[,;]$|\b(?:and|the|of)$", cut)
    assert trim_clause("short clause.") == "short clause"


def test_picks_technique_problem_and_result_clauses() -> None:
    abstract = ("Large language models are widely deployed. However, their KV cache grows linearly with context "
                "length and becomes the memory bottleneck of serving. In this paper, we propose PagedKV, a paging "
                "scheme for the KV cache. Experiments show that PagedKV improves throughput by 2.4× and reduces "
                "memory waste to under 4%.")
    parts = pick_parts(abstract, "PagedKV: Paging for KV caches")
    assert parts.technique == "PagedKV, a paging scheme for the KV cache"
    assert parts.problem.startswith("their KV cache grows linearly")
    assert parts.result == "PagedKV improves throughput by 2.4× and reduces memory waste to under 4%"


def test_problem_from_purpose_clause_and_title_fallback() -> None:
    parts = pick_parts("To reduce the latency of speculative decoding on edge GPUs, we introduce EdgeSpec, a "
                       "draft scheduler. EdgeSpec achieves 1.8× speedup.", "EdgeSpec")
    assert parts.problem == "the latency of speculative decoding on edge GPUs"
    assert parts.technique.startswith("EdgeSpec, a draft scheduler")
    none = pick_parts("", "FooNet: Fast Inference for Foo")
    assert none.technique == "Fast Inference for Foo" and "Fast Inference for Foo" in none.problem


def test_a_technique_clause_that_leans_on_its_sentence_is_not_used():
    abstract = ("Training large models is expensive. In this work, we propose to train a single network once. "
                "We further introduce SlimNet, a progressive shrinking algorithm for sub-networks. "
                "It reduces latency by 2x.")
    parts = pick_parts(abstract, "SlimNet: Train Once")
    assert not parts.technique.lower().startswith("to ")
    assert parts.technique.startswith("SlimNet")
