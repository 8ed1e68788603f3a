"""Relevance: the default profile against a labelled mix of on- and off-topic papers.

The decisive score is the one on the held-out arXiv papers (arxiv_heldout2.jsonl, never
used to tune the profile or calibrate the threshold); the tune part checks the calibration.
"""
from __future__ import annotations

import dataclasses
import sys

import pytest

from paperbrief.models import Paper, Relevance
from paperbrief.select import Category, calibrate, load_topic, relevance, score

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
    assert len(labelled) >= 150 and set(labels) == {"on", "off"}
    assert labels.count("off") >= 50


@pytest.fixture(scope="module")
def held_out_scores(heldout, embedder) -> tuple[list[Relevance], list[dict]]:
    assert len(heldout) >= 40 and {r["label"] for r in heldout} == {"on", "off"}
    return score([as_paper(r) for r in heldout], load_topic(), embedder=embedder), heldout


@pytest.mark.xfail(strict=True, reason="recall not met: arxiv_heldout5 scored once at precision 0.914, recall "
                                       "0.914 (docs/select.md, 'Held-out scores')")
def test_default_profile_targets_on_the_held_out_papers(held_out_scores):
    """Issue 13's targets on papers nothing was tuned on."""
    precision, recall = precision_recall(*held_out_scores)
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert precision >= 0.90, f"precision {precision:.3f}"


def test_held_out_scores_do_not_fall_below_the_measured_ones(held_out_scores):
    """What the held-out set gave when it was scored (0.914 and 0.914 on arxiv_heldout5), less
    one paper each way: a change that loses more than that on papers nothing was tuned on is a
    regression, whatever cross-validation says."""
    precision, recall = precision_recall(*held_out_scores)
    assert precision >= 0.88 and recall >= 0.88, f"precision {precision:.3f}, recall {recall:.3f}"


def test_default_profile_on_the_whole_labelled_set(labelled, scored):
    precision, recall = precision_recall([scored[r["id"]] for r in labelled], labelled)
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert precision >= 0.88, f"precision {precision:.3f}"


def test_kinds_the_issue_names_are_kept_and_generic_words_are_not_enough(labelled, scored):
    """Layer skipping, concise reasoning, DNN partitioning, point clouds on the edge and the
    energy of LLM inference are kept; robot locomotion that is only 'lightweight',
    'efficient' and 'low latency' is not."""
    kinds = [r for r in labelled if "class:" in r["note"]]
    assert len({r["note"] for r in kinds}) >= 6
    for r in kinds:
        assert scored[r["id"]].selected == (r["label"] == "on"), (r["id"], scored[r["id"]])


def test_threshold_is_the_calibrated_one(tune_rows, embedder):
    """The profile's threshold is the one calibrated on the tune part, not a hand-set value."""
    rels = score([as_paper(r) for r in tune_rows], load_topic(), embedder=embedder, embed_all=True)
    chosen = calibrate.best_threshold([r.score for r in rels], [r["label"] == "on" for r in tune_rows])
    assert load_topic().threshold == pytest.approx(chosen, abs=0.02)


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
    names = {c.name for c in topic.categories}
    for rel in scored.values():
        assert 0.0 <= rel.score <= 1.0
        assert rel.selected == (rel.score >= topic.threshold)
        assert rel.borderline == (topic.threshold - topic.band <= rel.score < topic.threshold)
        assert rel.selected if rel.semantic is None else -1.0 <= rel.semantic <= 1.0
        assert rel.category in names or (rel.semantic is None and rel.category == "")
    fineserve = scored["reference/14"]
    assert "quantiz*" in fineserve.keyword_hits and "KV cache" in fineserve.keyword_hits


def test_best_matching_category_names_the_technique(embedder):
    topic = load_topic()
    spec = paper("Faster generation with a small helper model",
                 "Autoregressive generation is slow. A small draft model proposes several tokens that the large "
                 "model verifies in one forward pass, doubling decoding speed with identical outputs.")
    tokens = paper("Fewer image tokens for multimodal models",
                   "Vision-language models spend most compute on hundreds of image patches. We drop and merge "
                   "uninformative visual tokens before the language model, halving FLOPs.")
    r_spec, r_tokens = score([spec, tokens], topic, embedder=embedder, embed_all=True)
    assert (r_spec.category, r_tokens.category) == ("推测解码", "Token压缩")
    (kw_only,) = score([spec], topic, semantic=False)
    assert kw_only.category == "推测解码"  # named by the category whose keywords hit


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
    assert r_on.score >= r_off.score  # without a strong keyword, similarity must also clear a margin (below)


def test_keyword_only_scoring(labelled):
    topic = load_topic()
    papers = [as_paper(r) for r in labelled]
    rels = score(papers, topic, semantic=False)
    assert all(r.semantic is None for r in rels)
    precision, recall = precision_recall(rels, labelled)
    assert recall >= 0.8 and precision >= 0.8


def test_generic_words_alone_add_no_keyword_evidence():
    topic = load_topic()
    generic = paper("A lightweight, efficient, real-time controller",
                    "Our efficient and lightweight policy runs in real time with low latency, high throughput, "
                    "fewer parameters, less energy and lower computational cost, and is easy to deploy.")
    (rel,) = score([generic], topic, semantic=False)
    assert rel.score == 0.0 and not rel.selected
    assert {"efficient", "latency", "lightweight"} <= set(rel.keyword_hits)
    with_strong = paper(generic.title, generic.abstract + " We quantize its weights.")
    (rel2,) = score([with_strong], topic, semantic=False)
    (alone,) = score([paper("A controller", "We quantize its weights.")], topic, semantic=False)
    assert rel2.score > alone.score > 0  # beside a strong keyword they do count, a little


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


class TableEmbedder:
    """Vectors chosen per text: one prototype along x, one counter-example along y, and each
    paper's text at the cosines the test wants."""

    def __init__(self, papers: dict[str, tuple[float, float]]):
        self.papers = papers

    def encode(self, texts):
        out = []
        for t in texts:
            if t == "PROTO":
                out.append([1.0, 0.0, 0.0])
            elif t == "COUNTER":
                out.append([0.0, 1.0, 0.0])
            else:
                x, y = self.papers[t]
                out.append([x, y, (1.0 - x * x - y * y) ** 0.5])
        return out


def one_category_topic(**kw):
    return dataclasses.replace(load_topic(), categories=(Category("类", ("PROTO",)),), counter_examples=("COUNTER",),
                               negative_keywords=(), **kw)


def test_a_closer_neighbouring_field_costs_twice_its_margin():
    """A paper that reads more like a neighbouring field than like any category loses twice
    the margin; one closer to a category keeps its similarity."""
    topic = one_category_topic()
    near_field, near_neighbour = paper("Near the field", "Text one."), paper("Near a neighbour", "Text two.")
    emb = TableEmbedder({relevance.paper_text(near_field): (0.6, 0.5), relevance.paper_text(near_neighbour): (0.6, 0.7)})
    r_field, r_neighbour = score([near_field, near_neighbour], topic, embedder=emb, embed_all=True)
    assert r_field.semantic == pytest.approx(0.6, abs=1e-3)
    assert r_neighbour.semantic == pytest.approx(0.6 - 2 * 0.1, abs=1e-3)


def test_similarity_alone_must_clear_a_margin_that_a_strong_keyword_waives():
    """Two papers equally close to a category: without any strong keyword the similarity
    counts as if lower by the margin, so the gap is more than the keyword part alone."""
    topic = one_category_topic(threshold=0.0)
    bare, strong = paper("A method", "We make it run."), paper("A method", "We make LLM inference run.")
    emb = TableEmbedder({relevance.paper_text(bare): (0.55, 0.0), relevance.paper_text(strong): (0.55, 0.0)})
    r_bare, r_strong = score([bare, strong], topic, embedder=emb, embed_all=True)
    (kw_only,) = score([strong], topic, semantic=False)
    span = topic.semantic_ceiling - topic.semantic_floor
    assert r_bare.semantic == r_strong.semantic
    assert r_bare.score == pytest.approx(topic.semantic_weight * (0.55 - 0.1 - topic.semantic_floor) / span, abs=1e-3)
    assert r_strong.score - r_bare.score == pytest.approx(
        (1 - topic.semantic_weight) * kw_only.score + topic.semantic_weight * 0.1 / span, abs=2e-3)


class TwoReadings(TableEmbedder):
    """A TableEmbedder whose longer reading sees other vectors, and that records what it read."""

    def __init__(self, short: dict, long: dict, log: list):
        super().__init__(short)
        self.long, self.log = long, log

    def encode(self, texts):
        if read := [t for t in texts if t in self.papers]:
            self.log.append(("short", read))
        return super().encode(texts)

    def reading(self, tokens):
        log = self.log

        class Longer(TableEmbedder):
            def encode(self, texts):
                if read := [t for t in texts if t in self.papers]:
                    log.append((tokens, read))
                return super().encode(texts)
        return Longer(self.long)


def test_a_close_call_is_decided_on_a_longer_reading():
    """Only papers whose first reading lands near the threshold are read again, further, and
    the longer reading decides them; a clear paper is read once."""
    topic = one_category_topic(threshold=0.3)
    close, clear = paper("A close call", "Text one."), paper("A clear case", "Text two.")
    t_close, t_clear = relevance.paper_text(close), relevance.paper_text(clear)
    log: list = []
    # no strong keyword: score = weight * (sim - margin - floor) / span; put the close one at NEAR / 2 below
    span = topic.semantic_ceiling - topic.semantic_floor
    sim = (topic.threshold - relevance.NEAR / 2) / topic.semantic_weight * span + topic.semantic_floor \
        + relevance.UNSUPPORTED_MARGIN
    emb = TwoReadings({t_close: (sim, 0.0), t_clear: (0.9, 0.0)}, {t_close: (0.40, 0.0), t_clear: (0.9, 0.0)}, log)
    r_close, r_clear = score([close, clear], topic, embedder=emb, embed_all=True)
    assert log == [("short", [t_close, t_clear]), (relevance.SECOND_READING, [t_close])]
    assert relevance.SECOND_READING > 64
    assert r_close.semantic == pytest.approx(0.40, abs=1e-3)  # the longer reading decided
    assert not r_close.selected and r_clear.selected
    assert r_clear.semantic == pytest.approx(0.9, abs=1e-3)


@pytest.mark.parametrize("title,abstract", [
    ("Memory-efficient LLM training with low-rank gradients",
     "We cut the training memory of large language models by projecting gradients to a low-rank subspace; "
     "optimizer states shrink by 60% and pre-training a 7B model fits on one GPU."),
    ("Sparse mixture-of-experts at scale",
     "Sparsity lets us grow the parameter count at constant compute: our sparse layers improve pre-training "
     "speed by 4x, and we study training instability at trillion-parameter scale."),
    ("Pruning rollouts for faster policy optimization",
     "Group relative policy optimization spends most of its time on rollouts. We prune low-value branches of "
     "the rollout tree, which reduces training time by half and gives faster convergence."),
    ("Communication-efficient federated learning by update quantization",
     "Clients in federated learning send model updates over slow links. We quantize and sparsify the updates "
     "before upload, cutting communication by 100x with the same final accuracy."),
])
def test_neighbouring_fields_using_the_fields_words_are_left_out(title, abstract, embedder):
    """Training memory, pre-training sparsity, RL rollouts and federated updates use 'low-rank',
    'sparsity', 'pruning' and 'quantize' in their own sense; their own phrases pull them down."""
    (rel,) = score([paper(title, abstract)], load_topic(), embedder=embedder, embed_all=True)
    assert not rel.selected, rel
    assert any(h.startswith("-") for h in rel.keyword_hits), rel.keyword_hits
    (unpenalised,) = score([paper(title, abstract)], dataclasses.replace(load_topic(), negative_keywords=()),
                           embedder=embedder, embed_all=True)
    assert unpenalised.score > rel.score


def test_papers_just_below_the_threshold_are_borderline():
    topic = dataclasses.replace(load_topic(), counter_examples=())
    one, two = paper("A method", "We apply pruning."), paper("A method", "We apply pruning and quantization.")
    s_one, s_two = (r.score for r in score([one, two], topic, embedder=FixedEmbedder(), embed_all=True))
    assert s_one < s_two
    banded = dataclasses.replace(topic, threshold=s_two + 0.001, band=s_two - s_one + 0.002)
    r_one, r_two = score([one, two], banded, embedder=FixedEmbedder(), embed_all=True)
    assert (r_one.selected, r_one.borderline) == (False, True)
    assert (r_two.selected, r_two.borderline) == (False, True)
    narrow = dataclasses.replace(banded, band=(s_two - s_one) / 2)  # reaches s_two only
    r_one, r_two = score([one, two], narrow, embedder=FixedEmbedder(), embed_all=True)
    assert (r_one.borderline, r_two.borderline) == (False, True)
    kept = dataclasses.replace(banded, threshold=s_two)
    assert [r.selected for r in score([one, two], kept, embedder=FixedEmbedder(), embed_all=True)] == [False, True]


def test_empty_input_loads_nothing():
    assert score([], load_topic()) == []


def test_a_negative_phrase_claims_the_field_words_inside_it():
    """"dataset distillation" is another field's phrase: its "distill" is no evidence, while the
    same word in this field's sense still is."""
    topic = load_topic()
    other = relevance.keyword_part(paper("Dataset distillation with matched trajectories",
                                         "We distill a large dataset into a few synthetic images."), topic)
    ours = relevance.keyword_part(paper("Distilling a detector into a small student",
                                        "We distill a large detector into a small student model."), topic)
    assert "dataset distillation" in other.negatives
    assert "distill*" in ours.hits
    assert "distill*" in other.hits  # "distill a large dataset" is still the word, outside the phrase
    only_phrase = relevance.keyword_part(paper("Dataset distillation", "Dataset distillation for continual learning."),
                                         topic)
    assert "distill*" not in only_phrase.hits and only_phrase.strong == 0
