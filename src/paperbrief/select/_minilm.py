"""all-MiniLM-L6-v2 forward pass in numpy, from the float16 weights shipped in ``model/``.

Why numpy: the model is a 6-layer, 384-wide BERT with mean pooling and L2 normalisation,
22M parameters; its cost is a handful of matrix products per layer, which numpy hands to
its BLAS. torch (with transformers and sentence-transformers) would add 1.5 GB to the
install and a second of import time for the same arithmetic. The tokenizer is our
WordPiece (``_wordpiece``) over the model's own tokenizer.json. tests/select/test_embed.py
checks the vectors against sentence-transformers' output for the same model.
"""
from __future__ import annotations

import json
import os
import queue
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from ._wordpiece import WordPiece

Tokenize = Callable[[str], list[int]]

MODEL_DIR = Path(__file__).with_name("model")


@dataclass(frozen=True)
class Layer:
    """One encoder layer; matrices are stored (in, out) so ``x @ w`` needs no transpose."""

    qkv: np.ndarray
    qkv_b: np.ndarray
    out: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_b: np.ndarray
    down: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Model:
    word: np.ndarray
    pos: np.ndarray
    type0: np.ndarray
    ln: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]
    heads: int
    eps: float

    @property
    def hidden(self) -> int:
        return self.word.shape[1]


def load(model_dir: Path = MODEL_DIR) -> tuple[WordPiece, Model]:
    """(tokenizer, model) for the model in ``model_dir``; weights are widened to float32 once,
    since BLAS has no float16 products on the CPU."""
    from safetensors.numpy import load_file

    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    wordpiece = WordPiece.from_file(model_dir / "tokenizer.json")
    w = {k: v.astype(np.float32) for k, v in load_file(str(model_dir / "model.safetensors")).items()}

    def linear(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return np.ascontiguousarray(w[prefix + ".weight"].T), w[prefix + ".bias"]

    def norm(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return w[prefix + ".weight"], w[prefix + ".bias"]

    layers = []
    for n in range(cfg["num_hidden_layers"]):
        p, att = f"encoder.layer.{n}.", f"encoder.layer.{n}.attention.self."
        qkv = np.ascontiguousarray(np.concatenate([w[att + x + ".weight"] for x in ("query", "key", "value")]).T)
        qkv_b = np.concatenate([w[att + x + ".bias"] for x in ("query", "key", "value")])
        layers.append(Layer(qkv, qkv_b, *linear(p + "attention.output.dense"), norm(p + "attention.output.LayerNorm"),
                            *linear(p + "intermediate.dense"), *linear(p + "output.dense"), norm(p + "output.LayerNorm")))
    model = Model(word=w["embeddings.word_embeddings.weight"], pos=w["embeddings.position_embeddings.weight"],
                  type0=w["embeddings.token_type_embeddings.weight"][0], ln=norm("embeddings.LayerNorm"),
                  layers=tuple(layers), heads=cfg["num_attention_heads"], eps=cfg["layer_norm_eps"])
    return wordpiece, model


def tokenizer(wordpiece: WordPiece, model: Model, max_seq_length: int) -> Tokenize:
    """Token ids for a text, cut at ``max_seq_length`` (and at the model's positions)."""
    return partial(wordpiece.encode, max_length=min(max_seq_length, model.pos.shape[0]))


def encode(tok: Tokenize, model: Model, texts: Sequence[str], *, batch_size: int,
           workers: int | None = None) -> np.ndarray:
    """L2-normalised sentence vectors (one float32 row per text, input order).

    Batches run on ``workers`` threads (default: the CPUs this process may use, at most
    ``MAX_WORKERS``, which bounds the memory), each with
    BLAS held to one thread. Why: a third of a layer's time is element-wise numpy (GELU,
    softmax, layer norm), which runs on one core however many threads BLAS has; a batch per
    core keeps every core busy through both kinds of work. A vector does not depend on the
    thread that made it: batches are cut before they are handed out.
    """
    ids = [tok(t) for t in texts]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
    out = np.zeros((len(ids), model.hidden), dtype=np.float32)
    if not ids:
        return out
    workers = max(1, min(workers or min(_cpus(), MAX_WORKERS), len(ids)))
    # as many batches as it takes, rounded up to a multiple of the workers, of even size: 71
    # texts on 2 workers make 4 batches of 18, not 32 + 32 + 7 with one worker idle at the end
    count = -(-len(ids) // batch_size)
    count = -(-count // workers) * workers
    size = -(-len(ids) // count)
    chunks = [order[start:start + size] for start in range(0, len(order), size)]
    rows = size * max(map(len, ids))
    spaces: queue.SimpleQueue[Workspace] = queue.SimpleQueue()
    for _ in range(workers):
        spaces.put(Workspace.for_model(model, rows))

    def run(chunk: list[int]) -> None:
        width = max(len(ids[i]) for i in chunk)
        batch = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros((len(chunk), width), dtype=bool)
        for row, i in enumerate(chunk):
            batch[row, : len(ids[i])] = ids[i]
            mask[row, : len(ids[i])] = True
        work = spaces.get()
        try:
            out[chunk] = forward(model, batch, mask, work)
        finally:
            spaces.put(work)

    if workers == 1:
        for chunk in chunks:
            run(chunk)
        return out
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, chunks))
    return out


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


MAX_WORKERS = 4  # each worker holds its own activations, ~50 MB at 32 texts × 96 tokens
GELU_ROWS = 64  # rows of the intermediate activation that GELU works through at once


@dataclass(frozen=True)
class Workspace:
    """Activation buffers reused by every layer and batch of one ``encode`` call.

    Why: a fresh array per operation costs a page fault per 4 KiB on first touch, and on a
    small VM that, not the arithmetic, dominated (5x slower than with these buffers).
    """

    x: np.ndarray      # (rows, hidden): the residual stream
    tmp: np.ndarray    # (rows, hidden)
    ctx: np.ndarray    # (rows, hidden)
    qkv: np.ndarray    # (rows, 3 * hidden)
    up: np.ndarray     # (rows, intermediate)
    gelu: tuple[np.ndarray, np.ndarray]  # (GELU_ROWS, intermediate) each: GELU's scratch

    @classmethod
    def for_model(cls, m: Model, rows: int) -> Workspace:
        h, inter = m.hidden, m.layers[0].up.shape[1]
        x, tmp, ctx, qkv, up = (np.empty((rows, c), dtype=np.float32) for c in (h, h, h, 3 * h, inter))
        gelu = tuple(np.empty((GELU_ROWS, inter), dtype=np.float32) for _ in range(2))
        return cls(x, tmp, ctx, qkv, up, gelu)


def forward(m: Model, ids: np.ndarray, mask: np.ndarray, work: Workspace | None = None) -> np.ndarray:
    """Mean-pooled, normalised vectors for a padded batch of token ids (``mask`` marks real tokens)."""
    b, n = ids.shape
    rows, h, heads = b * n, m.hidden, m.heads
    d = h // heads
    w = work or Workspace.for_model(m, rows)
    x, tmp, ctx, qkv, up = (a[:rows] for a in (w.x, w.tmp, w.ctx, w.qkv, w.up))
    np.add(m.word[ids], m.pos[:n] + m.type0, out=x.reshape(b, n, h))
    _layer_norm(x, m.ln, m.eps, tmp)
    bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]  # padding gets no attention
    scale = np.float32(1.0 / np.sqrt(d))
    for L in m.layers:
        np.matmul(x, L.qkv, out=qkv)
        qkv += L.qkv_b
        q, k, v = qkv.reshape(b, n, 3, heads, d).transpose(2, 0, 3, 1, 4)
        att = q @ k.transpose(0, 1, 3, 2)
        att *= scale
        att += bias
        _softmax(att)
        np.matmul(att, v, out=ctx.reshape(b, n, heads, d).transpose(0, 2, 1, 3))
        np.matmul(ctx, L.out, out=tmp)
        tmp += L.out_b
        x += tmp
        _layer_norm(x, L.ln1, m.eps, tmp)
        np.matmul(x, L.up, out=up)
        up += L.up_b
        for start in range(0, rows, GELU_ROWS):  # a block of rows at a time stays in cache
            block = up[start:start + GELU_ROWS]
            _gelu(block, *(a[:len(block)] for a in w.gelu))
        np.matmul(up, L.down, out=tmp)
        tmp += L.down_b
        x += tmp
        _layer_norm(x, L.ln2, m.eps, tmp)
    keep = mask.reshape(rows, 1).astype(np.float32)
    pooled = (x * keep).reshape(b, n, h).sum(1) / np.maximum(keep.reshape(b, n).sum(1, keepdims=True), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _layer_norm(x: np.ndarray, wb: tuple[np.ndarray, np.ndarray], eps: float, scratch: np.ndarray) -> None:
    """In place over the last axis of ``x``."""
    x -= x.mean(-1, keepdims=True)
    np.square(x, out=scratch)
    var = scratch.mean(-1, keepdims=True)
    var += np.float32(eps)
    x /= np.sqrt(var)
    x *= wb[0]
    x += wb[1]


def _softmax(x: np.ndarray) -> None:
    """In place over the last axis. Exponents stop at -80 so no float32 subnormal is made
    (they slow every later product); exp(-80) is below float32 resolution anyway."""
    x -= x.max(-1, keepdims=True)
    np.maximum(x, np.float32(-80), out=x)
    np.exp(x, out=x)
    x /= x.sum(-1, keepdims=True)


# erfc(z) = (1 + a1·z + … + a6·z⁶)^-16: Abramowitz & Stegun 7.1.28, error < 3e-7 (float32: < 1e-6)
_AS_A = tuple(map(np.float32, (0.0705230784, 0.0422820123, 0.0092705272, 0.0001520143, 0.0002765672,
                               0.0000430638)))


def _gelu(x: np.ndarray, z: np.ndarray, poly: np.ndarray) -> None:
    """BERT's exact GELU, x·Φ(x), in place (``z``, ``poly``: scratch of x's shape).
    numpy has no erf, and the tanh approximation moves vectors more than A&S 7.1.28 does;
    7.1.28 needs no exp, which made 7.1.26 twice as slow. Written as
    relu(x) - ½|x|·erfc(|x|/√2), one formula for both signs; ``z`` stops at 5, where erfc is
    below 1e-11, so the 16th power cannot overflow float32."""
    np.abs(x, out=z)
    z *= np.float32(1 / np.sqrt(2))
    np.minimum(z, np.float32(5), out=z)
    np.multiply(z, _AS_A[5], out=poly)
    for c in _AS_A[4::-1]:
        poly += c
        poly *= z
    poly += 1
    for _ in range(4):
        np.square(poly, out=poly)
    np.reciprocal(poly, out=poly)  # erfc(|x|/√2)
    np.abs(x, out=z)
    poly *= z
    poly *= np.float32(0.5)       # ½|x|·erfc(|x|/√2)
    np.maximum(x, 0, out=x)
    x -= poly
