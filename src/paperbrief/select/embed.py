"""Sentence embeddings for semantic relevance, from the model shipped inside the package.

The model is ``sentence-transformers/all-MiniLM-L6-v2`` as float16 safetensors in
``select/model/`` (Apache-2.0; see its NOTICE), so nothing is downloaded at run time. It
runs as a numpy forward pass (``_minilm``): no torch, transformers or sentence-transformers
in the install. numpy and the weights load only when an embedder is built, so importing
``paperbrief.select`` stays cheap and the CLI starts fast.
"""
from __future__ import annotations

import copy
import warnings
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable


class Embedder(Protocol):
    """Anything that maps texts to L2-normalised vectors: an array or list of rows, one per text."""

    def encode(self, texts: Sequence[str]) -> Any: ...


@runtime_checkable
class ReadsFurther(Protocol):
    """An embedder that can give a second, longer reading of the same texts."""

    def reading(self, tokens: int) -> Embedder: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU.

    ``max_seq_length`` caps the tokens read per paper: the title and opening sentences carry
    the topic, while cost grows with length. On the 383 labelled papers, a first reading of
    56 tokens cross-validates as well as 64 (48 loses two papers), and a close call gets a
    second reading of 96 (``relevance.SECOND_READING``). Papers are batched by length, so a
    vector does not depend on its batch-mates beyond float32 rounding.
    """

    def __init__(self, *, batch_size: int = 32, max_seq_length: int = 48) -> None:
        from . import _minilm

        self._wordpiece, self._model = _minilm.load()
        self._tok = _minilm.tokenizer(self._wordpiece, self._model, max_seq_length)
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length

    def reading(self, tokens: int) -> MiniLMEmbedder:
        """The same model (weights shared, not reloaded) reading up to ``tokens`` tokens."""
        from . import _minilm

        other = copy.copy(self)
        other._tok = _minilm.tokenizer(self._wordpiece, self._model, tokens)
        other.max_seq_length = tokens
        return other

    def encode(self, texts: Sequence[str]) -> Any:
        from . import _minilm

        return _minilm.encode(self._tok, self._model, texts, batch_size=self.batch_size)


def default_embedder() -> Embedder | None:
    """The bundled MiniLM, or None (with a warning) when it cannot load: selection then
    falls back to keyword evidence alone, so a broken install still makes a report."""
    try:
        return MiniLMEmbedder()
    except (ImportError, OSError) as e:
        warnings.warn(f"semantic relevance unavailable ({e}); scoring by keywords only. "
                      "Reinstall paperbrief (numpy, safetensors and its bundled model) to enable it.",
                      RuntimeWarning, stacklevel=2)
        return None
