"""fetch_sources against a real HTTP server on 127.0.0.1 serving recorded feeds and corpus PDFs."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from paperbrief.errors import ArxivError
from paperbrief.models import Source
from paperbrief.sources.arxiv import ArxivSettings, fetch_sources

from .conftest import FIXTURES, PDFS, SEARCH_ORDER, FakeArxiv, FakeClock, base_of


def run(server: FakeArxiv, clock: FakeClock, cache: Path, *, ids=(), query=None, since=None, until=None,
        categories=(), max_results=None, **settings):
    cfg = ArxivSettings(api_url=server.api_url, **{"delay": 3.0, "timeout": 5.0, **settings})
    return fetch_sources(list(ids), query, since=since, until=until, categories=list(categories),
                         max_results=max_results, settings=cfg, cache_dir=cache,
                         sleep=clock.sleep, clock=clock, today=date(2024, 3, 1))


def files(folder: Path) -> list[str]:
    """Everything under the folder, hidden temp files included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_query_pages_through_all_results_and_caches_each_pdf(arxiv_server, clock, tmp_path):
    sources, failures = run(arxiv_server, clock, tmp_path / "cache", query="LLM", categories=["cs.CL"], page_size=2)
    assert failures == []
    assert [base_of(s.label) for s in sources] == SEARCH_ORDER
    api = arxiv_server.api_hits()
    assert [(h.params["start"], h.params["max_results"]) for h in api] == [("0", "2"), ("2", "2"), ("4", "2")]
    assert all(h.params["search_query"] == "all:LLM AND (cat:cs.CL)" for h in api)
    assert all(h.params["sortBy"] == "submittedDate" for h in api)
    for s in sources:
        assert Path(s.path).parent == tmp_path / "cache"
        assert Path(s.path).read_bytes() == PDFS[base_of(s.label)].read_bytes()
        assert s.arxiv is not None and s.arxiv.arxiv_id == s.label
    bitnet = sources[0].arxiv
    assert bitnet.title == "The Era of 1-bit LLMs: All Large Language Models are in 1.58 Bits"
    assert bitnet.authors[:2] == ("Shuming Ma", "Hongyu Wang") and len(bitnet.authors) == 10
    assert bitnet.categories == ("cs.CL", "cs.LG") and bitnet.published == "2024-02-27"
    assert "\n" not in bitnet.abstract and "  " not in bitnet.abstract


def test_date_window_is_sent_and_enforced_on_published_date(arxiv_server, clock, tmp_path):
    sources, failures = run(arxiv_server, clock, tmp_path, query="LLM", since=date(2024, 1, 5), until=date(2024, 2, 1))
    query = arxiv_server.api_hits()[0].params["search_query"]
    assert "submittedDate:[202401050000 TO 202402012359]" in query
    # the fake ignores the window like a lax mirror; TinyLlama (01-04) and Sorted LLaMA (2023) fall out
    assert [base_of(s.label) for s in sources] == ["2401.14112", "2401.06066"]
    assert failures == []


def test_max_caps_results_and_the_last_page_request(arxiv_server, clock, tmp_path):
    sources, _ = run(arxiv_server, clock, tmp_path, query="LLM", max_results=3, page_size=2)
    assert len(sources) == 3
    assert [h.params["max_results"] for h in arxiv_server.api_hits()] == ["2", "1"]
    assert len(arxiv_server.pdf_hits()) == 3


def test_requests_are_one_at_a_time_and_delay_apart(arxiv_server, clock, tmp_path):
    run(arxiv_server, clock, tmp_path, query="LLM", page_size=2, delay=3.0)
    times = [h.t for h in arxiv_server.hits]
    assert len(times) == 3 + 5  # three pages, five PDFs
    assert times[0] == 0.0  # no wait before the first request
    assert all(b - a >= 3.0 for a, b in pairwise(times))


def test_user_agent_names_paperbrief_and_version_on_every_request(arxiv_server, clock, tmp_path):
    from paperbrief.sources.arxiv import USER_AGENT

    run(arxiv_server, clock, tmp_path, ids=["1503.02531"])
    assert USER_AGENT.startswith("paperbrief/") and USER_AGENT.split("/")[1].split()[0]
    assert [h.headers["User-Agent"] for h in arxiv_server.hits] == [USER_AGENT, USER_AGENT]
    run(arxiv_server, clock, tmp_path / "other", ids=["1503.02531"], user_agent="paperbrief/test (mirror)")
    assert arxiv_server.hits[-1].headers["User-Agent"] == "paperbrief/test (mirror)"


def test_503_is_retried_with_backoff_then_succeeds(arxiv_server, clock, tmp_path):
    arxiv_server.api_script = [503, 503]
    sources, failures = run(arxiv_server, clock, tmp_path, query="LLM", page_size=5, backoff=4.0, delay=0.0)
    assert len(sources) == 5 and failures == []
    assert len(arxiv_server.api_hits()) == 3
    assert clock.sleeps[:2] == [4.0, 8.0]  # exponential backoff between the attempts


def test_retry_after_header_is_honoured(arxiv_server, clock, tmp_path):
    arxiv_server.api_script = [429]
    arxiv_server.api_headers = {"Retry-After": "17"}
    sources, _ = run(arxiv_server, clock, tmp_path, ids=["1503.02531"], delay=0.0)
    assert len(sources) == 1 and clock.sleeps[0] == 17.0


def test_query_that_never_answers_raises_after_retries(arxiv_server, clock, tmp_path):
    arxiv_server.api_hook = lambda params: 503
    with pytest.raises(ArxivError) as err:
        run(arxiv_server, clock, tmp_path, query="LLM", retries=2)
    assert "HTTP 503" in str(err.value) and err.value.attempt == 3
    assert len(arxiv_server.api_hits()) == 3 and files(tmp_path) == []


def test_api_error_entry_is_reported_without_retrying(arxiv_server, clock, tmp_path):
    arxiv_server.error_feed = (FIXTURES / "error_incorrect_id.xml").read_bytes()
    with pytest.raises(ArxivError, match="incorrect id format for 1234.12345"):
        run(arxiv_server, clock, tmp_path, query="LLM")
    assert len(arxiv_server.api_hits()) == 1


def test_failed_later_page_keeps_earlier_results(arxiv_server, clock, tmp_path):
    arxiv_server.api_hook = lambda params: 500 if params["start"] == "2" else None
    sources, failures = run(arxiv_server, clock, tmp_path, query="LLM", page_size=2, retries=1)
    assert [base_of(s.label) for s in sources] == SEARCH_ORDER[:2]
    assert len(failures) == 1 and failures[0].file == "all:LLM" and "HTTP 500" in failures[0].reason


def test_empty_page_before_the_total_is_retried(arxiv_server, clock, tmp_path):
    arxiv_server.api_script = ["ok", "empty"]
    sources, failures = run(arxiv_server, clock, tmp_path, query="LLM", page_size=3)
    assert len(sources) == 5 and failures == []
    assert [h.params["start"] for h in arxiv_server.api_hits()] == ["0", "3", "3"]


def test_ids_and_urls_are_looked_up_and_bad_ones_fail_alone(arxiv_server, clock, tmp_path):
    cache = tmp_path / "cache"
    given = ["1503.02531", "https://arxiv.org/abs/2403.03507v2", "arXiv:cs/9905014", "2402.01234",
             "../../etc/passwd", "2501.03035/../../x", "2412.99999", "1503.02531v1"]
    sources, failures = run(arxiv_server, clock, cache, ids=given)
    assert [s.label for s in sources] == ["1503.02531", "2403.03507v2", "cs/9905014"]
    assert [s.arxiv.arxiv_id for s in sources] == ["1503.02531v1", "2403.03507v2", "cs/9905014v1"]
    why = {f.file: f.reason for f in failures}
    assert set(why) == {"2402.01234", "../../etc/passwd", "2501.03035/../../x", "2412.99999"}
    assert "withdrawn" in why["2402.01234"]
    assert "not an arXiv ID" in why["../../etc/passwd"] and "not an arXiv ID" in why["2501.03035/../../x"]
    assert "not found" in why["2412.99999"]
    id_list = arxiv_server.api_hits()[0].params["id_list"].split(",")
    assert id_list == ["1503.02531", "2403.03507v2", "cs/9905014", "2402.01234", "2412.99999"]
    assert files(tmp_path) == ["cache", "cache/1503.02531v1.pdf", "cache/2403.03507v2.pdf", "cache/cs_9905014v1.pdf"]
    assert [h.path for h in arxiv_server.pdf_hits()] == ["/pdf/1503.02531v1", "/pdf/2403.03507v2", "/pdf/cs/9905014v1"]


def test_feed_entry_with_a_hostile_id_cannot_write_outside_the_cache(arxiv_server, clock, tmp_path):
    evil = arxiv_server.search[0]
    for el in evil.iter():
        if el.text and "2402.17764v1" in el.text:
            el.text = el.text.replace("2402.17764v1", "../../../evil")
        if el.get("href"):
            el.set("href", el.get("href").replace("2402.17764v1", "../../../evil"))
    cache = tmp_path / "a" / "cache"
    sources, failures = run(arxiv_server, clock, cache, query="LLM")
    assert len(sources) == 4 and len(failures) == 1
    assert "no valid arXiv ID" in failures[0].reason
    assert files(tmp_path / "a") == ["cache"] + sorted(f"cache/{Path(s.path).name}" for s in sources)


@pytest.mark.parametrize("behaviour, target, cap, words", [
    ("404", "2401.06066", None, "HTTP 404"),
    ("500", "2401.06066", None, "HTTP 500"),
    ("html", "2401.06066", None, "content type text/html"),
    ("octet-html", "2401.06066", None, "%PDF-"),
    ("ok", "2401.14112", 2_600_000, "over the 2.5 MiB cap"),  # honest Content-Length over the cap
    ("chunked", "2401.14112", 2_600_000, "over the 2.5 MiB cap"),  # no length: the stream count trips
    ("stall", "2401.06066", None, "timed out"),
    ("drip", "2401.06066", None, "took over 0.4 s"),
])
def test_pdf_failures_leave_no_partial_file_and_do_not_stop_the_run(arxiv_server, clock, tmp_path,
                                                                    behaviour, target, cap, words):
    arxiv_server.pdf_behaviour[target] = behaviour
    arxiv_server.stall_seconds = 1.5
    extra: dict[str, float] = {"max_pdf_bytes": cap} if cap else {}
    if behaviour == "stall":
        extra["timeout"] = 0.3  # the stall outlasts it by far
    if behaviour == "drip":
        extra["pdf_deadline"] = 0.4  # the drip needs ~9 s for the whole body
    cache = tmp_path / "cache"
    sources, failures = run(arxiv_server, clock, cache, query="LLM", retries=1, **extra)
    assert [base_of(s.label) for s in sources] == [b for b in SEARCH_ORDER if b != target]
    assert len(failures) == 1 and base_of(failures[0].file) == target and failures[0].stage == "source"
    assert words in failures[0].reason and "\n" not in failures[0].reason
    assert files(cache) == sorted(Path(s.path).name for s in sources)  # no temp or partial file left


def test_second_run_reuses_the_cache_without_pdf_requests(arxiv_server, clock, tmp_path):
    first, _ = run(arxiv_server, clock, tmp_path, query="LLM", ids=["1503.02531"])
    stamps = {s.path: Path(s.path).stat().st_mtime_ns for s in first}
    assert len(arxiv_server.pdf_hits()) == 6
    arxiv_server.hits.clear()
    second, failures = run(arxiv_server, clock, tmp_path, query="LLM", ids=["1503.02531"])
    assert failures == [] and arxiv_server.pdf_hits() == []
    assert [s.path for s in second] == [s.path for s in first]
    assert {s.path: Path(s.path).stat().st_mtime_ns for s in second} == stamps


def test_ids_come_first_and_query_duplicates_are_dropped(arxiv_server, clock, tmp_path):
    sources, _ = run(arxiv_server, clock, tmp_path, ids=["2401.06066"], query="LLM")
    labels = [s.label for s in sources]
    assert labels[0] == "2401.06066" and len(labels) == 5
    assert [base_of(x) for x in labels].count("2401.06066") == 1


def test_progress_is_reported_per_paper(arxiv_server, clock, tmp_path):
    seen = []
    cfg = ArxivSettings(api_url=arxiv_server.api_url, delay=0.0)
    fetch_sources(["1503.02531", "2402.01234"], None, since=None, until=None, categories=[], max_results=None,
                  settings=cfg, cache_dir=tmp_path, on_progress=lambda *a: seen.append(a),
                  sleep=clock.sleep, clock=clock)
    assert seen == [(1, 2, "1503.02531"), (2, 2, "2402.01234")]


def test_sources_are_plain_values(arxiv_server, clock, tmp_path):
    sources, _ = run(arxiv_server, clock, tmp_path, ids=["2403.03507"])
    assert isinstance(sources[0], Source) and replace(sources[0]) == sources[0]


def test_parts_left_by_a_killed_run_are_swept_but_fresh_ones_kept(arxiv_server, clock, tmp_path):
    import os
    import time

    cache = tmp_path / "cache"
    cache.mkdir()
    stale, fresh = cache / ".1503.02531v1.pdf.abc123.part", cache / ".1503.02531v1.pdf.def456.part"
    stale.write_bytes(b"%PDF-half")
    fresh.write_bytes(b"%PDF-half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    sources, failures = run(arxiv_server, clock, cache, ids=["1503.02531"])
    assert failures == [] and len(sources) == 1
    assert not stale.exists() and fresh.exists()
