"""IDs, cache paths, the search query and the Atom feed: the pure parts of the arXiv source."""
from __future__ import annotations

from datetime import date

import pytest

from paperbrief.errors import SourceError
from paperbrief.sources._atom import FeedError, parse
from paperbrief.sources.arxiv import build_query, cache_path, parse_id

from .conftest import FIXTURES


@pytest.mark.parametrize("text, expected", [
    ("2501.03035", "2501.03035"),
    ("2501.03035v2", "2501.03035v2"),
    ("  arXiv:2501.03035v2 ", "2501.03035v2"),
    ("0704.0001", "0704.0001"),  # the first new-style ID: four digits after the dot until 2014
    ("hep-th/9901001", "hep-th/9901001"),
    ("hep-th/9901001v3", "hep-th/9901001v3"),
    ("math.GT/0309136", "math/0309136"),  # subject class is not part of the identifier
    ("https://arxiv.org/abs/2501.03035v2", "2501.03035v2"),
    ("http://arxiv.org/pdf/2501.03035v2", "2501.03035v2"),
    ("https://arxiv.org/pdf/2501.03035v2.pdf", "2501.03035v2"),
    ("https://export.arxiv.org/abs/hep-th/9901001?context=hep-th#x", "hep-th/9901001"),
    ("arxiv.org/abs/1503.02531", "1503.02531"),
    ("https://www.arxiv.org/pdf/cs/9905014v1", "cs/9905014v1"),
])
def test_parse_id_accepts_both_schemes_and_arxiv_urls(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize("text", [
    "../../etc/passwd", "2501.03035/../../x", "2501.03035/../../../etc/passwd", "hep-th/9901001/../../x",
    "..\\..\\x", "/etc/passwd", "2501.03035\x00", "2501.0303", "2501.030351", "2513.03035", "2501.03035v0",
    "hep-th/990100", "HEP-TH/9901001", "https://evil.example/abs/2501.03035",
    "https://arxiv.org.evil.example/abs/2501.03035", "https://arxiv.org/abs/../../etc/passwd",
    "https://arxiv.org/abs/2501.03035/../../x", "https://arxiv.org/abs/2501.03035%2F..%2F..%2Fx",
    "file:///arxiv.org/abs/2501.03035", "https://arxiv.org/list/cs.LG/recent", "papers/2501.03035.pdf", "",
])
def test_parse_id_rejects_everything_else(text):
    assert parse_id(text) is None


def test_cache_path_stays_directly_in_the_cache(tmp_path):
    assert cache_path(tmp_path, "2501.03035v2") == tmp_path / "2501.03035v2.pdf"
    assert cache_path(tmp_path, "hep-th/9901001") == tmp_path / "hep-th_9901001.pdf"
    for bad in ("../x", "2501.03035/../../x", "hep-th/../../x", "2501.03035v2.pdf", "math.GT/0309136"):
        with pytest.raises(ValueError):
            cache_path(tmp_path, bad)


def test_build_query_words_categories_and_window():
    q = build_query("speculative decoding", since=date(2024, 1, 1), until=date(2024, 1, 31),
                    categories=["cs.LG", "cs.CL"])
    assert q == "all:speculative AND all:decoding AND (cat:cs.LG OR cat:cs.CL) AND submittedDate:[202401010000 TO 202401312359]"
    assert build_query('"KV cache" quantization') == 'all:"KV cache" AND all:quantization'


def test_build_query_keeps_arxiv_syntax_and_closes_an_open_window_at_today():
    q = build_query('ti:"KV cache" OR abs:quantization', since=date(2025, 1, 2), today=date(2025, 2, 3))
    assert q == '(ti:"KV cache" OR abs:quantization) AND submittedDate:[202501020000 TO 202502032359]'
    assert build_query(None, categories=["cs.AR"]) == "(cat:cs.AR)"


@pytest.mark.parametrize("kwargs", [{"query": "x", "categories": ["cs.LG) OR (all:y"]}, {"query": "  "}])
def test_build_query_rejects_bad_categories_and_empty_queries(kwargs):
    q = kwargs.pop("query")
    with pytest.raises(SourceError):
        build_query(q, **kwargs)


def test_atom_feed_fields():
    feed = parse((FIXTURES / "id_list.xml").read_bytes())
    assert (feed.total, feed.start, feed.per_page, feed.error) == (4, 0, 4, None)
    hinton, galore, withdrawn, old = feed.entries
    assert hinton.entry.arxiv_id == "1503.02531v1"
    assert hinton.entry.title == "Distilling the Knowledge in a Neural Network"
    assert hinton.entry.authors == ("Geoffrey Hinton", "Oriol Vinyals", "Jeff Dean")
    assert hinton.entry.categories == ("stat.ML", "cs.LG", "cs.NE")  # primary first
    assert hinton.entry.abstract.startswith("A very simple way to improve") and "\n" not in hinton.entry.abstract
    assert "fine-grained classes" in hinton.entry.abstract
    assert (hinton.entry.abs_url, hinton.entry.pdf_url) == ("http://arxiv.org/abs/1503.02531v1", "http://arxiv.org/pdf/1503.02531v1")
    assert (galore.entry.published, galore.entry.updated) == ("2024-03-06", "2024-06-02")
    assert galore.entry.authors[0] == "Jiawei Zhao"  # arxiv:affiliation inside <author> does not leak into names
    assert old.entry.arxiv_id == "cs/9905014v1"
    assert [e.withdrawn for e in feed.entries] == [False, False, True, False]
    assert "withdrawn by the authors" in withdrawn.comment


def test_atom_search_feed_wrapped_titles_are_joined():
    feed = parse((FIXTURES / "search_llm_cs_CL.xml").read_bytes())
    titles = [e.entry.title for e in feed.entries]
    assert "Sorted LLaMA: Unlocking the Potential of Intermediate Layers of Large Language Models for Dynamic Inference" in titles
    assert not any(e.withdrawn for e in feed.entries)


def test_atom_error_entry_and_non_feeds():
    assert parse((FIXTURES / "error_incorrect_id.xml").read_bytes()).error == "incorrect id format for 1234.12345"
    with pytest.raises(FeedError):
        parse(b"<html><body>Rate exceeded.</body></html>")
    with pytest.raises(FeedError):
        parse((FIXTURES / "id_list.xml").read_bytes()[:3000])  # cut off mid-transfer
