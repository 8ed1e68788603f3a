"""What the writer does with answers a real model gives: schema rungs, echoes, repeats, English, addresses.

Each test runs the writer against the local endpoint (real HTTP on 127.0.0.1) and
checks both the requests the server saw and the briefs that came back.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from paperbrief.brief.llm._prompt import examples
from paperbrief.brief.llm.validate import LATIN_RUN, field_clauses, numbers, validate
from paperbrief.brief.llm.writer import OpenAIWriter
from paperbrief.models import KeyResult

from .conftest import settings_for
from .llm_server import ADDRESS
from .test_openai_writer import assert_sound


def write(server, papers, **overrides):
    writer = OpenAIWriter(settings_for(server, **{"concurrency": 1, **overrides}))
    return writer, writer.write(papers)


def requests_for(server, paper):
    return [e for e in server.log if e["title"] == paper.title]


# -- response_format ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 422, 500])  # 500: llama-cpp-python's answer to json_schema
def test_a_declined_schema_steps_down_to_json_mode_once_for_the_run(llm, papers, status):
    server = llm(formats=("json_object",), format_status=status)
    writer, briefs = write(server, papers[:4])
    assert not any(b.fallback for b in briefs), [b.fallback_reason for b in briefs]
    assert [e["format"] for e in server.log] == ["json_schema", "json_object_schema"] + ["json_object"] * 4
    assert [e["status"] for e in server.log] == [status, status] + [200] * 4
    assert writer.response_format == "json_object" and writer.usage.requests == 6


def test_a_server_that_takes_the_schema_in_json_mode_gets_it_there(llm, papers):
    server = llm(formats=("json_object_schema", "json_object"))
    writer, briefs = write(server, papers[:3])
    assert [e["format"] for e in server.log] == ["json_schema"] + ["json_object_schema"] * 3
    assert writer.response_format == "json_object_schema" and not any(b.fallback for b in briefs)


def test_a_400_about_something_else_keeps_the_schema(llm, papers):
    target = papers[1]
    server = llm(faults={target.title: ["400"]})
    writer, briefs = write(server, papers[:3])
    assert briefs[1].fallback and "HTTP 400" in briefs[1].fallback_reason
    assert {e["format"] for e in server.log} == {"json_schema"} and writer.response_format == "json_schema"
    assert not briefs[0].fallback and not briefs[2].fallback


# -- echoes and repeats ------------------------------------------------------------------------


def test_an_answer_copying_the_prompts_example_is_asked_again_with_the_reason(llm, papers):
    target = papers[2]
    server = llm(faults={target.title: ["echo"]})
    _, [brief] = write(server, [target])
    first, second = requests_for(server, target)
    assert examples()[-1] in first["content"]  # the model did copy it
    assert "示例" in second["messages"][-1]["content"]
    assert not brief.fallback and examples()[-1] not in brief.text
    assert_sound(brief, target)


def test_a_model_that_keeps_copying_the_example_gets_the_offline_brief(llm, papers):
    target = papers[2]
    server = llm(faults={target.title: ["echo", "echo"]})
    _, [brief] = write(server, [target])
    assert brief.fallback and "示例" in brief.fallback_reason
    assert not any(e in brief.text for e in examples())


def test_a_clause_is_not_used_for_two_papers_of_one_run(llm, papers):
    batch = papers[:3]
    server = llm(faults={p.title: ["generic"] for p in batch})
    _, briefs = write(server, batch)
    assert [len(requests_for(server, p)) for p in batch] == [1, 2, 2]  # the first keeps the phrase
    assert "大模型推理时显存占用过高" in briefs[0].problem
    for paper in batch[1:]:
        assert "另一篇论文" in requests_for(server, paper)[1]["messages"][-1]["content"]
    assert not any(b.fallback for b in briefs)
    for i, one in enumerate(briefs):
        for other in briefs[i + 1:]:
            assert not field_clauses(_fields(one)) & field_clauses(_fields(other))


def _fields(brief):
    from paperbrief.brief.llm.validate import Fields

    return Fields(brief.technique, brief.problem, brief.result)


# -- repair ------------------------------------------------------------------------------------


def test_an_english_phrase_gets_one_repair_request_quoting_the_answer(llm, papers):
    target = papers[4]
    server = llm(faults={target.title: ["english"]})
    _, [brief] = write(server, [target])
    first, second = requests_for(server, target)
    assert LATIN_RUN.search(first["content"])
    roles = [m["role"] for m in second["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    assert second["messages"][2]["content"] == first["content"]
    assert "英文" in second["messages"][3]["content"]
    assert not brief.fallback and not LATIN_RUN.search(brief.text.split("论文，", 1)[1])


def test_an_answer_still_english_after_the_repair_falls_back(llm, papers):
    target = papers[4]
    server = llm(faults={target.title: ["english", "english"]})
    _, [brief] = write(server, [target])
    assert len(requests_for(server, target)) == 2
    assert brief.fallback and "英文" in brief.fallback_reason and not brief.transient


def test_a_retry_and_a_repair_make_at_most_three_requests(llm, papers):
    target = papers[4]
    server = llm(faults={target.title: ["echo", "long", "english"]})
    _, [brief] = write(server, [target])
    assert len(requests_for(server, target)) == 3
    assert brief.fallback and "英文" in brief.fallback_reason


# -- institutions and key results --------------------------------------------------------------


def test_the_model_translates_only_names_the_table_lacks(llm, papers):
    paper = replace(papers[0], affiliations=["Northwind Institute of Robotics, 12 Harbour Road, Wellington 6011",
                                             "Department of CS, Tsinghua University, Beijing 100084"])
    server = llm()
    _, [brief] = write(server, [paper])
    user = server.log[0]["messages"][-1]["content"]
    assert '"Northwind Institute of Robotics"' in user and "Tsinghua" not in user
    assert brief.institutions == "北风机器人研究所与清华大学"
    assert brief.text.startswith("北风机器人研究所与清华大学发布了")


def test_an_address_given_as_a_translation_never_reaches_the_brief(llm, papers):
    paper = replace(papers[0], affiliations=["Northwind Institute of Robotics, 12 Harbour Road, Wellington 6011"])
    server = llm(faults={paper.title: ["address"]})
    _, [brief] = write(server, [paper])
    assert server.log[0]["content"].count(ADDRESS) == 1  # the model did answer with an address
    assert not brief.fallback and brief.institutions == "Northwind Institute of Robotics"
    assert "100084" not in brief.text and "邮编" not in brief.text


def test_key_results_come_from_the_accepted_result(llm, papers):
    target = next(p for p in papers if re.search(r"\d+(?:\.\d+)?\s*(?:x|×|%)", p.abstract))
    server = llm(faults={target.title: ["metric"]})
    _, [brief] = write(server, [target])
    [key] = brief.key_results
    assert isinstance(key, KeyResult) and (key.metric, key.direction) == ("推理吞吐", "提升")
    assert re.match(r"[\d.]+", key.value).group(0) in numbers(target.abstract)
    assert key.value.rstrip("×%倍") in brief.result


def test_every_accepted_brief_would_pass_validation_again(llm, papers):
    server = llm()
    _, briefs = write(server, papers[:8], concurrency=4)
    for paper, brief in zip(papers[:8], briefs):
        assert not brief.fallback
        validate({"technique": brief.technique, "problem": brief.problem, "result": brief.result}, paper)
        assert len(brief.text) <= 220


def test_a_papers_retry_follows_its_first_answer_and_briefs_complete_one_by_one(llm, papers):
    batch = papers[:3]
    server = llm(faults={batch[0].title: ["number"]})
    order = []
    OpenAIWriter(settings_for(server, concurrency=1)).write(batch, lambda i, b: order.append(i))
    assert [e["title"] for e in server.log] == [batch[0].title] * 2 + [p.title for p in batch[1:]]
    assert order == [0, 1, 2]


def test_a_paper_is_named_as_the_offline_writer_names_it(llm, papers):
    """Never a whole English title before 论文: the short name, else 关于<target>的, whoever writes."""
    from paperbrief.brief import WriterSettings, get_writer

    server = llm()
    _, briefs = write(server, papers[:8], concurrency=4)
    offline = get_writer("offline", WriterSettings()).write(papers[:8])
    for paper, brief, other in zip(papers[:8], briefs, offline):
        label = re.search(r"发布了(.+?)论文，", brief.text).group(1)
        assert label == re.search(r"发布了(.+?)论文，", other.text).group(1)
        head, colon, _ = " ".join(paper.title.split()).partition(":")
        if colon and label == head.strip():
            continue  # "FineServe: …" -> FineServe
        assert re.fullmatch(r"关于[^A-Za-z]*\S*的|一篇|[A-Za-z][\w&.+-]*", label), label
        assert paper.title not in brief.text
