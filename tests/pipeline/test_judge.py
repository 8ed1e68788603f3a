"""The relevance judge in the pipeline: real PDFs, a real SQLite store, a real local endpoint.

The topic's threshold is raised to 1.0 with a band of 1.0, so every example paper falls in
the 可能相关 band whatever the scorer gives; the test endpoint's model then calls a paper
relevant when its abstract names an inference-cost term (d003: throughput, d004: latency)
and not otherwise (d001, d002 speak of memory only).
"""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from paperbrief.brief.llm._retry import Backoff
from paperbrief.brief.llm.judge import Judge
from paperbrief.brief.llm.writer import OpenAIWriter
from paperbrief.pipeline import RunConfig, run
from paperbrief.select import load_topic
from paperbrief.sources import local_sources
from paperbrief.store import Store

from ..brief.conftest import settings_for
from ..brief.llm_server import FakeLLM

TOPIC = dataclasses.replace(load_topic(), threshold=1.0, band=1.0)
PROMOTED = {"d003.pdf", "d004.pdf"}


def _run(folder, store, server, *, judged=True, model="fake-brief-1"):
    writer = OpenAIWriter(settings_for(server, model=model), backoff=Backoff(base=0.01, max=0.05))
    judge = Judge(writer.chat, TOPIC) if judged else None
    sources, failures = local_sources([str(folder)])
    return run(sources, failures, store=store, writer=writer, judge=judge, now=datetime(2026, 12, 1, 9, 0, 0),
               config=RunConfig(title="T", select=True, topic=TOPIC))


def _name(entry) -> str:
    return entry.paper.file.rsplit("/", 1)[-1]


def _judge_requests(server) -> int:
    return sum(e["kind"] == "judge" for e in server.log)


def test_papers_the_model_calls_relevant_are_briefed_and_the_others_keep_its_reason(good_dir, tmp_path):
    with FakeLLM() as server, Store(tmp_path / "s.sqlite3") as store:
        report = _run(good_dir, store, server)
        log = list(server.log)
    assert {_name(e) for e in report.entries} == PROMOTED
    for e in report.entries:
        assert e.brief.writer == "openai" and not e.brief.fallback
        assert e.judge.relevant is True and e.judge.model == "fake-brief-1" and "推理" in e.judge.reason
        assert e.relevance.borderline and not e.relevance.selected  # the score alone did not select it
    assert {_name(e) for e in report.borderline} == {"d001.pdf", "d002.pdf"} and report.excluded == []
    for e in report.borderline:
        assert e.brief is None and e.judge.relevant is False and "未提到推理开销" in e.judge.reason
    # Four questions, then two briefs; the summary counts both, and the judge's part apart.
    assert [e["kind"] for e in log] == ["judge"] * 4 + ["brief"] * 2
    s = report.stats
    assert (s.judged, s.promoted, s.cached_judge, s.judge_requests, s.requests) == (4, 2, 0, 4, 6)
    prompt, completion = server.usage_total()
    assert s.prompt_tokens + s.completion_tokens == prompt + completion
    judge_usage = [e["usage"] for e in log if e["kind"] == "judge"]
    assert s.judge_tokens == sum(u["prompt_tokens"] + u["completion_tokens"] for u in judge_usage)


def test_a_second_run_asks_nothing_and_a_new_model_asks_again(good_dir, tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        with FakeLLM() as server:
            first = _run(good_dir, store, server)
        with FakeLLM() as server:
            again = _run(good_dir, store, server)
            assert server.log == []
        with FakeLLM() as server:
            other = _run(good_dir, store, server, model="fake-brief-2")
            assert _judge_requests(server) == 4
    assert (again.stats.cached_judge, again.stats.judge_requests, again.stats.requests) == (4, 0, 0)
    assert [(e.paper.title, e.judge) for e in again.entries] == [(e.paper.title, e.judge) for e in first.entries]
    assert [(e.paper.title, e.judge) for e in again.borderline] == [(e.paper.title, e.judge) for e in first.borderline]
    assert {e.judge.model for e in other.entries + other.borderline} == {"fake-brief-2"}


def test_no_verdict_leaves_the_paper_where_it_was_without_a_model(good_dir, tmp_path):
    d003 = "SPQ: An Ensemble Technique"
    with FakeLLM(faults={d003: ["refusal", "english"]}) as server, Store(tmp_path / "s.sqlite3") as store:
        report = _run(good_dir, store, server)
    with FakeLLM() as server, Store(tmp_path / "plain.sqlite3") as store:
        plain = _run(good_dir, store, server, judged=False)
        assert server.log == []  # no judge, nothing in the band is briefed: nothing to ask
    assert {_name(e) for e in report.entries} == {"d004.pdf"}
    [kept] = [e for e in report.borderline if _name(e) == "d003.pdf"]
    assert kept.judge is None and kept.brief is None  # listed exactly as without a model
    assert kept.relevance == next(e.relevance for e in plain.borderline if _name(e) == "d003.pdf")
    assert (report.stats.judged, report.stats.promoted) == (4, 1)
    assert plain.entries == [] and len(plain.borderline) == 4 and plain.stats.judged == 0


def test_an_endpoint_outage_is_not_stored_and_the_run_goes_on(good_dir, tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        with FakeLLM(default="500") as server:
            down = _run(good_dir, store, server)
        assert down.entries == [] and len(down.borderline) == 4 and all(e.judge is None for e in down.borderline)
        with FakeLLM() as server:
            back = _run(good_dir, store, server)
            assert _judge_requests(server) == 4  # the outage was not remembered
    assert {_name(e) for e in back.entries} == PROMOTED


def test_promotion_follows_the_models_answers_not_the_test_models_rule(good_dir, tmp_path):
    """Scripted answers that contradict the keyword rule: d001 (memory only) is called relevant and
    briefed, d003 (throughput) is not; an answer given as "是" promotes too."""
    def say(relevant, reason):
        return "say:" + json.dumps({"reason": reason, "relevant": relevant}, ensure_ascii=False)

    faults = {"Quantization Meets Reasoning": [say(True, "低比特量化降低了推理时的显存与计算开销")],
              "ResSVD": [say(False, "主要贡献是模型压缩的误差补偿，不属于推理加速")],
              "SPQ: An Ensemble": [say(False, "主要贡献是压缩方法的组合，不属于推理加速")],
              "HEART-ViT": [say("是", "动态剪枝注意力和令牌，降低视觉模型的推理延迟")]}
    with FakeLLM(faults=faults) as server, Store(tmp_path / "s.sqlite3") as store:
        report = _run(good_dir, store, server)
    assert {_name(e): e.judge.reason for e in report.entries} == {
        "d001.pdf": "低比特量化降低了推理时的显存与计算开销", "d004.pdf": "动态剪枝注意力和令牌，降低视觉模型的推理延迟"}
    assert all(e.brief is not None and e.brief.writer == "openai" for e in report.entries)
    assert {_name(e): (e.judge.relevant, e.brief) for e in report.borderline} == {
        "d002.pdf": (False, None), "d003.pdf": (False, None)}
    assert (report.stats.judged, report.stats.promoted) == (4, 2)
