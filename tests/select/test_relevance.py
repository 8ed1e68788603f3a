"""Relevance: the default profile against a labelled mix of on- and off-topic papers."""
from __future__ import annotations

import dataclasses
import sys

import pytest

from paperbrief.models import Paper, Relevance
from paperbrief.select import load_topic, score

from .conftest import as_paper

# Reference-report papers whose technique is quantization, pruning, distillation, serving or
# token pruning (and that are about inference), and the three that are not about the field.
TECHNIQUE_PAPERS = ["reference/04", "reference/05", "reference/10", "reference/11", "reference/13",
                    "reference/14", "reference/17", "reference/21", "reference/22", "reference/25",
                    "reference/26"]
UNRELATED = ["reference/23", "reference/06", "reference/03"]  # currency, financial risk, brain tumour


def paper(title: str, abstract: str) -> Paper:
    return Paper(file="x.pdf", sha256="", title=title, authors=[], affiliations=[], abstract=abstract)


def precision_recall(rels: list[Relevance], rows: list[dict]) -> tuple[float, float]:
    tp = sum(r.selected and row["label"] == "on" for r, row in zip(rels, rows))
    fp = sum(r.selected and row["label"] == "off" for r, row in zip(rels, rows))
    fn = sum(not r.selected and row["label"] == "on" for r, row in zip(rels, rows))
    return tp / (tp + fp), tp / (tp + fn)


@pytest.fixture(scope="module")
def scored(labelled, embedder) -> dict[str, Relevance]:
    rels = score([as_paper(r) for r in labelled], load_topic(), embedder=embedder)
    return {row["id"]: rel for row, rel in zip(labelled, rels)}


@pytest.fixture(scope="module")
def scored_all(labelled, embedder) -> dict[str, Relevance]:
    rels = score([as_paper(r) for r in labelled], load_topic(), embedder=embedder, embed_all=True)
    return {row["id"]: rel for row, rel in zip(labelled, rels)}


def test_labelled_set_is_a_real_mix(labelled):
    labels = [r["label"] for r in labelled]
    assert len(labelled) >= 60 and set(labels) == {"on", "off"}
    assert labels.count("off") >= 20


def test_default_profile_keeps_on_topic_and_drops_off_topic(labelled, scored):
    rels = [scored[r["id"]] for r in labelled]
    precision, recall = precision_recall(rels, labelled)
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert precision >= 0.90, f"precision {precision:.3f}"


@pytest.mark.parametrize("which", ["scored", "scored_all"])
def test_reference_ranking_puts_unrelated_papers_below_technique_papers(which, request):
    rels = request.getfixturevalue(which)
    lowest_technique = min(rels[i].score for i in TECHNIQUE_PAPERS)
    for i in UNRELATED:
        assert rels[i].score < lowest_technique, i


def test_papers_decided_by_keywords_skip_embedding_with_the_same_decision(scored, scored_all):
    skipped = [i for i, r in scored.items() if r.semantic is None]
    assert skipped and len(skipped) < len(scored)
    for i, r in scored.items():
        full = scored_all[i]
        assert full.semantic is not None and r.selected == full.selected
        if r.semantic is None:  # keyword part alone cleared the threshold: a lower bound
            assert r.selected and r.score <= full.score
        else:  # a paper's vector does not depend on the other papers in its batch
            assert r.semantic == pytest.approx(full.semantic, abs=2e-3)


def test_relevance_fields_explain_the_decision(scored):
    topic = load_topic()
    for rel in scored.values():
        assert 0.0 <= rel.score <= 1.0
        assert rel.selected == (rel.score >= topic.threshold)
        assert rel.selected if rel.semantic is None else -1.0 <= rel.semantic <= 1.0
    fineserve = scored["reference/14"]
    assert "quantiz*" in fineserve.keyword_hits and "KV cache" in fineserve.keyword_hits


def test_semantic_similarity_separates_papers_without_keywords(embedder):
    """Two papers sharing no profile keyword: the one describing the field scores higher."""
    topic = load_topic()
    on = paper("Making transformer generation cheaper",
               "Generating text with big transformers is slow and needs expensive GPUs. We let a tiny "
               "helper network guess several next words that the large network checks at once, "
               "so answers arrive twice as quickly.")
    off = paper("A study of bird migration routes",
                "We track birds with GPS tags across three seasons and map the routes they take.")
    r_on, r_off = score([on, off], topic, embedder=embedder, embed_all=True)
    assert r_on.keyword_hits == r_off.keyword_hits == ()
    assert r_on.semantic > r_off.semantic + 0.1
    assert r_on.score > r_off.score


def test_keyword_only_scoring(labelled):
    topic = load_topic()
    papers = [as_paper(r) for r in labelled]
    rels = score(papers, topic, semantic=False)
    assert all(r.semantic is None for r in rels)
    precision, recall = precision_recall(rels, labelled)
    assert recall >= 0.9 and precision >= 0.8


def test_missing_model_package_falls_back_with_warning(monkeypatch):
    monkeypatch.setitem(sys.modules, "safetensors.numpy", None)  # import now raises ImportError
    p = paper("Quantization of LLMs", "We study how to store weights in 4 bits.")
    with pytest.warns(RuntimeWarning, match="keywords only"):
        (rel,) = score([p], load_topic(), embed_all=True)
    assert rel.semantic is None
    assert "quantiz*" in rel.keyword_hits and rel.selected


class FixedEmbedder:
    """Every text gets the same vector, so only keyword evidence varies."""

    def encode(self, texts):
        return [[1.0, 0.0] for _ in texts]


def test_title_hits_and_negative_keywords_move_the_score():
    topic = dataclasses.replace(load_topic(), negative_keywords=("patients",))
    base = paper("A new method", "We apply pruning to a network.")
    in_title = paper("Pruning a network", "We apply it to a network.")
    negative = paper("A new method", "We apply pruning to a network for patients.")
    r_base, r_title, r_neg = score([base, in_title, negative], topic, embedder=FixedEmbedder(), embed_all=True)
    assert r_title.score > r_base.score > r_neg.score
    assert "-patients" in r_neg.keyword_hits


def test_empty_input_loads_nothing():
    assert score([], load_topic()) == []
