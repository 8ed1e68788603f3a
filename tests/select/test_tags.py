"""Technique tags: agreement with tags read by hand, evidence from the paper, fallbacks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperbrief.errors import ConfigError
from paperbrief.models import Paper, Tag
from paperbrief.select import load_taxonomy, tag

from .conftest import FIXTURES, as_paper


def paper(title: str, abstract: str = "") -> Paper:
    return Paper(file="x.pdf", sha256="", title=title, authors=[], affiliations=[], abstract=abstract)


def squash(s: str) -> str:
    return " ".join(s.split()).lower()


def test_reference_tags_agree_with_labels(labelled):
    doc = json.loads((FIXTURES / "reference_tags.json").read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in labelled}
    agree, wrong = 0, []
    for want in doc["papers"]:
        got = {t.name for t in tag(as_paper(rows[want["id"]]))}
        if got & set(want["core"]) and got <= set(want["accept"]):
            agree += 1
        else:
            wrong.append((want["id"], sorted(got), want["core"]))
    assert len(doc["papers"]) >= 25
    assert agree / len(doc["papers"]) >= 0.90, wrong


def test_every_paper_gets_a_tag_with_evidence_from_the_paper(labelled):
    names = {r.name for r in load_taxonomy().rules} | {"其他"}
    for row in labelled:
        tags = tag(as_paper(row))
        assert 1 <= len(tags) <= 3 and len({t.name for t in tags}) == len(tags)
        for t in tags:
            assert t.name in names
            assert t.evidence and squash(t.evidence) in squash(row["title"] + " " + row["abstract"])


@pytest.mark.parametrize("title, abstract, name, evidence", [
    ("Speculative Decoding with Tree Drafts", "", "推测解码", "Speculative Decoding"),
    ("A study of memory", "We quantize the KV cache to 2 bits. The KV cache then fits in memory.",
     "KV缓存", "KV cache"),
    ("Faster reasoning", "Large reasoning models overthink. We reduce overthinking by training on short answers.",
     "推理链压缩", "overthink"),
])
def test_tag_names_technique_and_quotes_the_paper(title, abstract, name, evidence):
    tags = tag(paper(title, abstract))
    assert tags[0] == Tag(name, tags[0].evidence)
    assert evidence.lower() in tags[0].evidence.lower()


def test_passing_mention_does_not_outrank_the_main_technique():
    p = paper("Token merging for fast video LLMs",
              "We merge redundant visual tokens in video LLMs. Unlike knowledge distillation, token merging "
              "needs no training. Merging visual tokens cuts prefill cost.")
    assert [t.name for t in tag(p)] == ["Token剪枝与压缩"]


def test_look_alike_phrase_is_excluded():
    p = paper("Routing for vehicular networks", "We apply action space pruning to reduce neighbour options.")
    assert tag(p) == [Tag("其他", "Routing for vehicular networks")]  # no technique: the fallback, not 剪枝


def test_no_match_gives_the_fallback_tag():
    p = paper("Bird migration routes", "We track birds with GPS tags.")
    assert tag(p) == [Tag("其他", "Bird migration routes")]


def test_taxonomy_without_fallback_may_return_nothing(tmp_path: Path):
    f = tmp_path / "tax.toml"
    f.write_text('[[tag]]\nname = "图"\npatterns = ["graph"]\n', encoding="utf-8")
    tax = load_taxonomy(str(f))
    assert tag(paper("Bird migration"), taxonomy=tax) == []
    assert tag(paper("Graph learning"), taxonomy=tax) == [Tag("图", "Graph")]


@pytest.mark.parametrize("text, reason", [
    ("[[tag]]\nname = 'x'\npatterns = ['(unclosed']\n", "invalid pattern"),
    ("fallback = 'x'\n", "invalid taxonomy"),
    ("[[tag]\n", "invalid taxonomy"),
])
def test_bad_taxonomy_raises_config_error(tmp_path: Path, text: str, reason: str):
    f = tmp_path / "tax.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=reason):
        load_taxonomy(str(f))
