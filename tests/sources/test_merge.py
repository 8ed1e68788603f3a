"""merge(paper, entry): the API's metadata over the PDF's, by the rule in merge.py's docstring."""
from __future__ import annotations

import json
from dataclasses import replace

from paperbrief.models import Paper
from paperbrief.sources._atom import parse
from paperbrief.sources.merge import merge

from ..conftest import skip_without_shared
from .conftest import FIXTURES, REPO

GOLD = REPO / ".." / "shared" / "corpus" / "real" / "gold.jsonl"


def pdf_paper(name: str) -> Paper:
    """What a perfect extraction of the corpus PDF gives (its gold record)."""
    skip_without_shared()
    with open(GOLD, encoding="utf-8") as fh:
        g = next(r for r in map(json.loads, fh) if r["file"] == name)
    return Paper(file=name, sha256="0" * 64, title=g["title"].upper(), authors=list(g["authors"]),
                 affiliations=list(g["affiliations"]), abstract="(abstract as extracted)",
                 author_affiliations=[list(a) for a in g["author_affiliations"]], warnings=["from the PDF"])


def api_entry(feed: str, arxiv_id: str):
    return next(e.entry for e in parse((FIXTURES / feed).read_bytes()).entries if e.entry.arxiv_id == arxiv_id)


def test_api_wins_for_title_authors_abstract_and_pdf_keeps_affiliations():
    paper = pdf_paper("dai2024_deepseekmoe_arxiv.pdf")
    entry = api_entry("search_llm_cs_CL.xml", "2401.06066v1")
    merged = merge(paper, entry)
    assert merged.title == entry.title and merged.abstract == entry.abstract
    assert merged.authors == list(entry.authors) and merged.author_count == 17
    assert "R. X. Xu" in merged.authors  # the API's spelling; the PDF prints "R.X. Xu"
    assert merged.affiliations == paper.affiliations
    assert merged.author_affiliations == paper.author_affiliations  # same people in the same order
    assert merged.warnings == ["from the PDF"]
    assert (merged.arxiv_id, merged.url) == ("2401.06066v1", "https://arxiv.org/abs/2401.06066v1")
    assert (merged.file, merged.sha256) == (paper.file, paper.sha256)


def test_input_is_not_mutated():
    paper = pdf_paper("xia2024_fp6_llm_arxiv.pdf")
    before = Paper.from_dict(paper.to_dict())
    merge(paper, api_entry("search_llm_cs_CL.xml", "2401.14112v1"))
    assert paper == before


def test_mapping_follows_the_api_order_and_tolerates_case_and_middle_names():
    paper = pdf_paper("xia2024_fp6_llm_arxiv.pdf")
    entry = api_entry("search_llm_cs_CL.xml", "2401.14112v1")
    # the PDF lists the last author first, in capitals, without the middle name
    order = [12] + list(range(12))
    pdf = replace(paper, authors=["SHUAIWEN SONG"] + [paper.authors[i] for i in order[1:]],
                  author_affiliations=[paper.author_affiliations[i] for i in order])
    merged = merge(pdf, entry)
    assert merged.authors[-1] == "Shuaiwen Leon Song"
    assert merged.author_affiliations == paper.author_affiliations  # back in the API's order
    assert merged.warnings == ["from the PDF"]


def test_author_mismatch_drops_the_mapping_keeps_affiliations_and_warns():
    paper = pdf_paper("ma2024_bitnet_b158_arxiv.pdf")
    entry = api_entry("search_llm_cs_CL.xml", "2402.17764v1")
    short = replace(paper, authors=paper.authors[:-1], author_affiliations=paper.author_affiliations[:-1])
    merged = merge(short, entry)
    assert merged.author_count == 10 and merged.affiliations == paper.affiliations
    assert merged.author_affiliations == []
    assert merged.warnings[0] == "from the PDF" and "do not match" in merged.warnings[1]
    swapped = replace(paper, authors=["Someone Else"] + paper.authors[1:])
    assert merge(swapped, entry).author_affiliations == []


def test_fetched_pdf_extracted_and_merged(arxiv_server, clock, tmp_path):
    """End to end on a real PDF: fetch from the fake arXiv, extract, merge."""
    from paperbrief.extract import extract
    from paperbrief.sources.arxiv import ArxivSettings, fetch_sources

    settings = ArxivSettings(api_url=arxiv_server.api_url, delay=0.0)
    (source,), failures = fetch_sources(["https://arxiv.org/abs/1503.02531"], None, since=None, until=None,
                                        categories=[], max_results=None, settings=settings, cache_dir=tmp_path,
                                        sleep=clock.sleep, clock=clock)
    assert failures == []
    merged = merge(extract(source.path, label=source.label), source.arxiv)
    assert merged.title == "Distilling the Knowledge in a Neural Network"
    assert merged.authors == ["Geoffrey Hinton", "Oriol Vinyals", "Jeff Dean"]
    assert merged.url == "https://arxiv.org/abs/1503.02531v1" and merged.arxiv_id == "1503.02531v1"
    gold = pdf_paper("hinton2015_distilling_arxiv.pdf")  # only the PDF has affiliations: the gold ones
    assert merged.affiliations == gold.affiliations
    assert merged.author_affiliations == gold.author_affiliations == [[0, 1, 2], [0], [0]]


def test_markup_in_the_api_metadata_is_cleaned_to_its_text_with_a_warning():
    from .. import hostile_paper as hostile

    paper = pdf_paper("dai2024_deepseekmoe_arxiv.pdf")
    entry = replace(api_entry("search_llm_cs_CL.xml", "2401.06066v1"), title=hostile.TITLE,
                    authors=tuple(hostile.AUTHORS))
    merged = merge(paper, entry)
    assert merged.title == hostile.CLEAN_TITLE and merged.authors == hostile.CLEAN_AUTHORS
    assert merged.warnings == ["from the PDF", "title: markup removed (arXiv metadata)",
                               "authors: markup removed from Alice Zhang (arXiv metadata)",
                               "PDF authors (17) do not match arXiv's (2); per-author affiliations dropped"]
