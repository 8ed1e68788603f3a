"""Fixtures for the brief writers: corpus papers as ``Paper``s, a local LLM endpoint, a recording sleep."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from paperbrief.brief import WriterSettings
from paperbrief.models import Paper

from ..conftest import skip_without_shared
from .llm_server import FakeLLM

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def gold_papers(set_name: str = "typeset-dev") -> list[Paper]:
    """The gold records of a corpus set, as extraction would hand them to a writer."""
    skip_without_shared()
    with open(CORPUS / set_name / "gold.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [
        Paper(
            file=r["file"],
            sha256=hashlib.sha256(r["title"].encode()).hexdigest(),
            title=r["title"],
            authors=r["authors"],
            affiliations=r["affiliations"],
            abstract=r["abstract"],
            author_affiliations=r.get("author_affiliations", []),
            arxiv_id=r.get("arxiv_id"),
        )
        for r in records
    ]


@pytest.fixture(scope="session")
def papers() -> list[Paper]:
    return gold_papers("typeset-dev") + gold_papers("real")


@pytest.fixture
def llm():
    """A factory for running endpoints: ``llm(faults={...})``; all are stopped after the test."""
    servers: list[FakeLLM] = []

    def start(**kwargs) -> FakeLLM:
        server = FakeLLM(**kwargs).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


class RecordingSleep:
    """Stands in for ``asyncio.sleep`` so backoff is observed, not waited for."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


def settings_for(server: FakeLLM, **overrides) -> WriterSettings:
    base = {"base_url": server.url, "model": "fake-brief-1", "api_key": "sk-test-0123456789abcdef",
            "concurrency": 4, "timeout": 5.0, "max_retries": 3}
    base.update(overrides)
    return WriterSettings(**base)
