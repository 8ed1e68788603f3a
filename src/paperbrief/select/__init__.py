"""Select and tag: which papers fit the topic, and which techniques each one uses.

    load_topic(path=None) -> Topic           the profile (bundled default: inference-acceleration)
    score(papers, topic) -> list[Relevance]  best-matching technique category + keywords, thresholded
    tag(paper) -> list[Tag]                  technique tags from the bundled taxonomy

Importing this package does not import torch; the embedding model loads on first use.
"""
from __future__ import annotations

from .embed import Embedder, MiniLMEmbedder, default_embedder
from .relevance import score
from .tags import Taxonomy, load_taxonomy, tag
from .topic import DEFAULT_TOPIC, Category, Topic, load_topic

__all__ = [
    "Topic", "Category", "load_topic", "DEFAULT_TOPIC", "score", "tag",
    "Embedder", "MiniLMEmbedder", "default_embedder", "Taxonomy", "load_taxonomy",
]
