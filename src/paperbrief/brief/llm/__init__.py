"""The LLM writer: briefs from any OpenAI-compatible endpoint, checked before they reach a report.

Client (``_chat``, ``_retry``), prompts (``_prompt``, ``prompts/``), answer parsing
(``_answer``), validation (``validate``), the headline results of an accepted answer
(``_key_results``) and the relevance judge that shares the writer's client (``judge``).
"""
from .writer import OpenAIWriter

__all__ = ["OpenAIWriter"]
