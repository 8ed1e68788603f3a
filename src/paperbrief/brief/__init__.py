"""Brief writers behind one small interface.

A writer turns papers into ``Brief``s. Writers register as entry points in the
``paperbrief.writers`` group (see pyproject.toml), so a new backend is a new module
plus one line there, never an ``if`` in the pipeline (simonw/llm's plugin habit).
A writer that asks an OpenAI-compatible endpoint exposes its ``ChatClient`` as ``chat``;
the relevance judge (``brief.llm.judge``) then asks the same endpoint through it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Protocol

from ..errors import ConfigError
from ..models import Brief, Paper

OnBrief = Callable[[int, Brief], None]


@dataclass(frozen=True)
class WriterSettings:
    """Everything a writer may need; built by ``paperbrief.config``.

    ``env`` is the environment mapping (replaceable in tests); the API key is read
    from it and never stored, logged or rendered.
    """

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    concurrency: int = 8
    timeout: float = 60.0
    max_retries: int = 4
    max_requests: int | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass
class Usage:
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Writer(Protocol):
    name: str
    usage: Usage

    def cache_key(self) -> str:
        """Identifies the output: writer, version, model, prompt version. Part of the store key."""

    def write(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        """One brief per paper, in order. Never raises for one bad paper: it falls back.

        ``on_brief(i, brief)`` is called as each brief is ready, so the caller can
        persist it at once and an interrupted run resumes without redoing it.
        """


def available() -> list[str]:
    return sorted(ep.name for ep in entry_points(group="paperbrief.writers"))


def get_writer(name: str, settings: WriterSettings) -> Writer:
    eps = {ep.name: ep for ep in entry_points(group="paperbrief.writers")}
    if name not in eps:
        raise ConfigError("--llm", f"unknown writer {name!r} (available: {', '.join(sorted(eps)) or 'none'})")
    factory = eps[name].load()
    return factory(settings)
