"""paperbrief: a batch of AI-inference papers -> a Chinese technical-brief report.

The public API: the stage data classes, the one-call entry points of each stage, and the
error tree. Everything in ``_``-prefixed modules is private.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import ArxivError, BriefError, ConfigError, ExtractError, PaperbriefError, SourceError, StoreError
from .models import ArxivEntry, Brief, Entry, Failure, Judgement, Paper, Relevance, Report, RunStats, Source, Tag

__all__ = [
    "__version__",
    "ArxivEntry", "Brief", "Entry", "Failure", "Judgement", "Paper", "Relevance", "Report", "RunStats", "Source", "Tag",
    "PaperbriefError", "SourceError", "ArxivError", "ExtractError", "BriefError", "StoreError", "ConfigError",
]
