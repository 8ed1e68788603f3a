"""The OpenAI-compatible writer against a real local HTTP endpoint: the round trip that works."""
from __future__ import annotations

import asyncio
import re

import pytest

from paperbrief.brief import WriterSettings, available, get_writer
from paperbrief.brief.llm.validate import SENTENCE_SHAPE, numbers
from paperbrief.brief.llm.writer import OpenAIWriter
from paperbrief.errors import ConfigError

from .conftest import settings_for


def assert_sound(brief, paper):
    """What the report checker would ask of a brief, and what the writer promises."""
    assert SENTENCE_SHAPE.search(brief.text)
    named = re.search("发布了(.+?)论文", brief.text).group(1)
    # the full title, or the offline writer's label: the title's short name, 关于<主题>的, 一篇
    assert paper.title.startswith(named) or re.fullmatch(r"关于[^A-Za-z]*\w*[^A-Za-z]*的|一篇", named), named
    allowed = numbers(paper.title) | numbers(paper.abstract) | numbers(" ".join(paper.affiliations))
    assert numbers(brief.text) <= allowed, brief.text
    for part in (brief.institutions, brief.technique, brief.problem, brief.result):
        assert part and part in brief.text


def test_every_corpus_paper_gets_a_validated_llm_brief(llm, papers):
    server = llm()
    writer = OpenAIWriter(settings_for(server))
    seen = {}
    briefs = writer.write(papers, lambda i, b: seen.setdefault(i, b))
    assert len(briefs) == len(papers) and sorted(seen) == list(range(len(papers)))
    for paper, brief in zip(papers, briefs):
        assert seen[papers.index(paper)] is brief
        assert (brief.writer, brief.model, brief.fallback) == ("openai", "fake-brief-1", False), brief.fallback_reason
        assert_sound(brief, paper)
    # The server saw each paper once, asked with our JSON Schema, and its usage is what we counted.
    assert writer.usage.requests == len(server.log) == len(papers)
    assert {e["format"] for e in server.log} == {"json_schema"}
    assert (writer.usage.prompt_tokens, writer.usage.completion_tokens) == server.usage_total()


def test_the_model_sees_title_and_abstract_only(llm, papers):
    server = llm()
    paper = papers[0]
    OpenAIWriter(settings_for(server)).write([paper])
    user = server.log[0]["messages"][-1]["content"]
    assert paper.title in user and paper.abstract[:200] in user
    assert not any(author in user for author in paper.authors)
    assert paper.affiliations[0] not in user  # institutions come from our table, not the model
    assert "sk-test" not in str(server.log[0]["messages"])


def test_a_server_without_json_mode_is_asked_down_the_ladder_once_then_parsed_tolerantly(llm, papers):
    server = llm(json_mode=False)
    settings = settings_for(server, concurrency=1)
    writer = OpenAIWriter(settings)
    briefs = writer.write(papers[:5])
    assert not any(b.fallback for b in briefs)
    for paper, brief in zip(papers[:5], briefs):
        assert_sound(brief, paper)
    # Each response_format rung is declined once, then plain requests only, whose chatty answers parse.
    assert [e["format"] for e in server.log] == ["json_schema", "json_object_schema", "json_object"] + ["none"] * 5
    assert [e["status"] for e in server.log] == [400] * 3 + [200] * 5
    assert all("```json" in e["content"] for e in server.log[3:])
    assert writer.usage.requests == 8 and writer.response_format == "none"


def test_requests_in_flight_never_exceed_the_concurrency(llm, papers):
    server = llm(delay=0.15)
    OpenAIWriter(settings_for(server, concurrency=3)).write(papers[:9])
    assert server.max_in_flight == 3


def test_on_brief_reports_each_brief_as_it_completes(llm, papers):
    server = llm(faults={papers[0].title: ["timeout"]}, hang=0.6)
    order = []
    OpenAIWriter(settings_for(server, timeout=1.5)).write(papers[:4], lambda i, b: order.append(i))
    assert sorted(order) == [0, 1, 2, 3]
    assert order[-1] == 0  # the slow first paper is reported last, the others did not wait for it


def test_an_error_in_on_brief_stops_the_run(llm, papers):
    server = llm()

    def boom(i, brief):
        raise RuntimeError("store is full")

    with pytest.raises(RuntimeError, match="store is full"):
        OpenAIWriter(settings_for(server, concurrency=1)).write(papers[:6], boom)
    assert len(server.log) < 6


def test_write_works_from_inside_a_running_event_loop(llm, papers):
    server = llm()
    writer = OpenAIWriter(settings_for(server))

    async def caller():
        return writer.write(papers[:2])

    briefs = asyncio.run(caller())
    assert [b.writer for b in briefs] == ["openai", "openai"]


def test_cache_key_names_writer_model_and_prompt_version():
    one = OpenAIWriter(WriterSettings(model="qwen2.5:7b")).cache_key()
    two = OpenAIWriter(WriterSettings(model="deepseek-chat")).cache_key()
    assert one != two and "qwen2.5:7b" in one and re.search(r"brief-v\d+", one)


def test_settings_fall_back_to_the_environment_mapping():
    env = {"PAPERBRIEF_MODEL": "env-model", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-env-key"}
    writer = OpenAIWriter(WriterSettings(env=env))
    assert (writer.model, writer.base_url) == ("env-model", "http://127.0.0.1:9/v1")
    assert "sk-env-key" not in repr(writer)
    assert OpenAIWriter(WriterSettings(model="flag", env=env)).model == "flag"


def test_no_model_is_a_config_error():
    with pytest.raises(ConfigError, match="model"):
        OpenAIWriter(WriterSettings())


@pytest.mark.skipif("openai" not in available(), reason="package not installed with its entry points")
def test_the_writer_is_registered_as_openai(llm):
    server = llm()
    assert isinstance(get_writer("openai", settings_for(server)), OpenAIWriter)
