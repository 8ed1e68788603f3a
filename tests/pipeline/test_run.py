"""The pipeline on real PDFs with a real store: incremental re-runs and resumption."""
from datetime import datetime

import pytest

from paperbrief.brief import Usage
from paperbrief.models import Brief, Paper
from paperbrief.pipeline import RunConfig, run
from paperbrief.sources import local_sources
from paperbrief.store import Store

from ..conftest import make_bad_files


class CountingWriter:
    """A writer that records what it is asked for; ``stop_after`` simulates a killed run."""

    name = "counting"

    def __init__(self, stop_after: int | None = None) -> None:
        self.usage = Usage()
        self.seen: list[str] = []
        self.stop_after = stop_after

    def cache_key(self) -> str:
        return "counting/1"

    def write(self, papers: list[Paper], on_brief=None) -> list[Brief]:
        out = []
        for i, p in enumerate(papers):
            if self.stop_after is not None and len(self.seen) >= self.stop_after:
                raise KeyboardInterrupt
            self.seen.append(p.title)
            b = Brief(text=f"某机构发布了{p.title}论文，使用方法，解决了问题，达成了效果", institutions="某机构",
                      technique="方法", problem="问题", result="效果", writer=self.name)
            if on_brief:
                on_brief(i, b)
            out.append(b)
        return out


def _run(paths, store, writer):
    sources, failures = local_sources([str(p) for p in paths])
    return run(sources, failures, store=store, writer=writer, config=RunConfig(title="T"),
               now=datetime(2026, 11, 25, 10, 0, 0))


def test_second_run_does_no_work(good_dir, tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        first = _run([good_dir], store, CountingWriter())
        writer = CountingWriter()
        second = _run([good_dir], store, writer)
    assert first.stats.done == 4 and first.stats.cached_extract == 0
    assert writer.seen == []
    assert second.stats.cached_extract == 4 and second.stats.cached_brief == 4
    assert [e.paper.title for e in second.entries] == [e.paper.title for e in first.entries]
    assert [e.paper.title for e in first.entries] == sorted((e.paper.title for e in first.entries), key=str.casefold)


def test_killed_run_resumes_without_redoing_finished_briefs(good_dir, tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(KeyboardInterrupt):
            _run([good_dir], store, CountingWriter(stop_after=2))
    with Store(tmp_path / "s.sqlite3") as store:  # a fresh process would open it like this
        writer = CountingWriter()
        report = _run([good_dir], store, writer)
    assert len(writer.seen) == 2
    assert report.stats.cached_extract == 4 and report.stats.cached_brief == 2 and report.stats.done == 4


def test_bad_files_change_nothing_for_good_papers(good_dir, tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
        clean = _run([good_dir], store, CountingWriter())
    expected = make_bad_files(good_dir / "bad")
    with Store(tmp_path / "b.sqlite3") as store:
        mixed = _run([good_dir], store, CountingWriter())
    assert [(e.paper.title, e.paper.authors, e.paper.abstract) for e in mixed.entries] == \
           [(e.paper.title, e.paper.authors, e.paper.abstract) for e in clean.entries]
    failed = {f.file.rsplit("/", 1)[-1] for f in mixed.failures}
    assert failed == set(expected)


class QuietWriter(CountingWriter):
    """A third-party writer may return its briefs without calling ``on_brief``."""

    def write(self, papers, on_brief=None):
        return super().write(papers, on_brief=None)


def test_briefs_returned_without_callbacks_are_used_and_stored(good_dir, tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        report = _run([good_dir], store, QuietWriter())
        again = _run([good_dir], store, QuietWriter())
    assert all(e.brief and e.brief.writer == "counting" for e in report.entries)
    assert again.stats.cached_brief == 4
