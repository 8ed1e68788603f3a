"""PDF -> Paper: title, authors, affiliations, abstract, from the first page or two.

Public entry: ``extract(path, label=None) -> Paper`` (raises ``ExtractError`` with a one-line reason).
``extract_many`` runs it in worker processes so that a crash or a stall in the native PDF
library costs one file, not the batch.
"""
from __future__ import annotations

from .core import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]
