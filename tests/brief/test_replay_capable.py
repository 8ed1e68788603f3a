"""A capable model's recorded answers to the exact brief prompts, replayed through `paperbrief report`.

A helper answered every brief-v2 prompt of the dev corpora as a strong model would (see
docs/llm.md, 'Recorded answers'); the answers live in tests/fixtures/llm_replay/. Replayed through
the CLI against a local endpoint, at least 97% of first answers must be accepted as written on
each corpus: an answer that is rejected asks for a retry or a repair, which has no recorded
answer, so the paper falls back to the offline writer. Every rejection is listed in docs/llm.md
with its reason. When the prompt changes, the keys change and this test fails on missing
answers: record again (docs/llm.md says how).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperbrief.cli import cli

from ..conftest import CORPUS, needs_shared
from .replay_server import Replay, load_answers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "llm_replay"
FIRST_PASS = 0.97
# Answers this suite rejects on purpose, by corpus and title start, each justified in docs/llm.md.
JUSTIFIED: dict[str, set[str]] = {}


def replay(corpus: str, tmp_path: Path) -> tuple[list[dict], Replay]:
    answers = load_answers(FIXTURES / f"{corpus}.answers.jsonl")
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_API_KEY": "sk-replay",
                            "OPENAI_BASE_URL": ""})
    with Replay(answers) as server:
        res = runner.invoke(cli, ["report", str(CORPUS / corpus / "pdf"), "--llm-base-url", server.url,
                                  "--model", "capable-replay", "-o", str(tmp_path / "r.json")])
        assert res.exit_code == 0, res.output
    return json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["papers"], server


@needs_shared
@pytest.mark.parametrize("corpus", ["real", "real2", "typeset-dev"])
def test_a_capable_models_first_answers_are_accepted(corpus: str, tmp_path: Path) -> None:
    papers, server = replay(corpus, tmp_path)
    first = [m for m in server.missed if len(m["messages"]) == 2 and "上一次的回答" not in m["messages"][1]["content"]]
    assert not first, f"prompts with no recorded answer (the prompt changed? record again): {len(first)}"
    rejected = sorted(p["title"] for p in papers if p["brief"]["fallback"])
    unexplained = [t for t in rejected if not any(t.startswith(j) for j in JUSTIFIED.get(corpus, ()))]
    assert not unexplained, unexplained
    accepted = 1 - len(rejected) / len(papers)
    assert accepted >= FIRST_PASS, (accepted, rejected)
    assert all(p["brief"]["writer"] == "openai" for p in papers)
