"""Fixtures for select: the labelled papers and one offline MiniLM embedder per session.

labelled.jsonl and arxiv_heldout{,2,3,4}.jsonl (held-out sets each scored once, then spent) are
what the profile is written and calibrated on; arxiv_heldout5.jsonl, recent arXiv abstracts
nothing was tuned on, gives the final score.
"""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from paperbrief.models import Paper

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "select"


def as_paper(row: dict) -> Paper:
    return Paper(file=row["id"], sha256="", title=row["title"], authors=[], affiliations=[],
                 abstract=row["abstract"])


SPENT = tuple(FIXTURES / f"arxiv_heldout{n}.jsonl" for n in ("", "2", "3", "4"))  # scored once each; tuned on since
HELDOUT = FIXTURES / "arxiv_heldout5.jsonl"


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def labelled() -> list[dict]:
    return read_rows(FIXTURES / "labelled.jsonl")


@pytest.fixture(scope="session")
def tune_rows(labelled) -> list[dict]:
    """Every paper the profile and its threshold may be fitted on."""
    return labelled + [r for path in SPENT if path.exists() for r in read_rows(path)]


@pytest.fixture(scope="session")
def heldout() -> list[dict]:
    """The papers kept aside: never looked at while writing the profile."""
    if not HELDOUT.exists():
        pytest.skip(f"{HELDOUT.name} is not in this checkout")
    return read_rows(HELDOUT)


@pytest.fixture(scope="session")
def embedder():
    """The bundled MiniLM, loaded with every non-loopback connection refused: proves the
    model comes from the installed package and never from a hub."""
    from paperbrief.select import MiniLMEmbedder

    real_connect = socket.socket.connect

    def loopback_only(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost") and self.family != socket.AF_UNIX:
            raise OSError(f"test tried to reach {address!r}")
        return real_connect(self, address)

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", loopback_only)
    try:
        return MiniLMEmbedder()
    finally:
        mp.undo()
