"""Three weekly digest runs against a local arXiv look-alike and a local LLM endpoint.

``WindowedArxiv`` is the fake of tests/sources (recorded Atom entries, corpus PDFs) with one
thing more that the real export API does: it honours the ``submittedDate:[A TO B]`` window
of a query. The recorded entries are given submission dates in three weeks of November 2026
(``WEEKS``); week 2 also carries a second version of a week-1 paper and a paper whose arXiv
title is hostile HTML. ``weekly`` runs ``paperbrief digest`` for the three weeks and once
more with nothing new, and keeps what each run cost.
"""
from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperbrief.cli import cli

from ..brief.llm_server import FakeLLM
from ..conftest import skip_without_shared
from ..sources.conftest import ATOM, FakeArxiv, FakeClock, _Handler, _Server, entry_id

HOSTILE = "Sorted LLaMA <script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">: Unlocking the Potential of Intermediate Layers"
# What a reader is shown of it: the arXiv merge cleans markup out of a title (issue 21), with a warning;
# tests/digest/test_hostile.py feeds the renderers raw markup directly.
SHOWN = "Sorted LLaMA: Unlocking the Potential of Intermediate Layers"
# week -> (base ID, version, submission day, arXiv title or None for the recorded one)
WEEKS = {
    1: [("2402.17764", "v1", "2026-11-04", None), ("2401.14112", "v1", "2026-11-06", None),
        ("2401.02385", "v2", "2026-11-08", None)],
    2: [("2309.08968", "v2", "2026-11-11", HOSTILE), ("2401.06066", "v1", "2026-11-13", None),
        ("2402.17764", "v2", "2026-11-14", None)],  # a new version of a week-1 paper
    3: [("1503.02531", "v1", "2026-11-18", None), ("2403.03507", "v2", "2026-11-20", None),
        ("cs/9905014", "v1", "2026-11-23", None)]  # on the boundary day of week 3 and the run after,
}
UNTIL = {1: date(2026, 11, 9), 2: date(2026, 11, 16), 3: date(2026, 11, 23)}
WINDOW = re.compile(r"submittedDate:\[(\d{8})\d{4} TO (\d{8})\d{4}\]")


def _set(entry, tag: str, text: str) -> None:
    entry.find(f"{{{ATOM}}}{tag}").text = text


@dataclass
class WindowedArxiv(FakeArxiv):
    dated: list = field(default_factory=list)  # (submission day, entry), newest first

    def __post_init__(self) -> None:
        super().__post_init__()
        for week in WEEKS.values():
            for base, version, day, title in week:
                e = copy.deepcopy(self.pool[base])
                old = entry_id(e)
                for el in e.iter():
                    for k, v in el.attrib.items():
                        el.set(k, v.replace(old, base + version))
                _set(e, "id", f"http://arxiv.org/abs/{base}{version}")
                _set(e, "published", f"{day}T12:00:00Z")
                _set(e, "updated", f"{day}T12:00:00Z")
                if title:
                    _set(e, "title", title)
                self.dated.append((day.replace("-", ""), e))
        self.dated.sort(key=lambda d: d[0], reverse=True)

    def answer_api(self, params: dict[str, str]) -> tuple[int, str, bytes]:
        m = WINDOW.search(params.get("search_query", ""))
        if m is None or params.get("id_list"):
            return super().answer_api(params)
        hits = [e for day, e in self.dated if m.group(1) <= day <= m.group(2)]
        start, n = int(params.get("start", 0)), int(params.get("max_results", 10))
        return 200, "application/atom+xml; charset=utf-8", self.feed(hits[start:start + n], len(hits), start)


@pytest.fixture(scope="session")
def windowed_arxiv():
    skip_without_shared()  # the PDFs are the corpus's
    server = _Server(("127.0.0.1", 0), _Handler)
    fake = WindowedArxiv(clock=FakeClock(), base_url=f"http://127.0.0.1:{server.server_address[1]}")
    server.fake = fake
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def week_ids(week: int) -> set[str]:
    return {base for base, _, _, _ in WEEKS[week]}


@dataclass
class Run:
    exit_code: int
    stderr: str
    api: int  # export API requests
    pdfs: int  # PDF downloads
    llm: int  # chat-completion requests


@dataclass
class Weekly:
    home: Path
    store: Path
    site: Path
    runs: dict[int, Run]  # 1-3: the weeks; 4: week 3 again, nothing new
    llm_url: str


def digest_args(fake, llm_url: str, site: Path, until: date) -> list[str]:
    return ["digest", "--arxiv", "LLM", "--arxiv-api-url", fake.api_url, "--arxiv-delay", "0", "--site", str(site),
            "--until", until.isoformat(), "--llm-base-url", llm_url, "--model", "fake-brief-1", "--workers", "1"]


def invoke(runner, args, fake, llm) -> Run:
    api, pdfs, asked = len(fake.api_hits()), len(fake.pdf_hits()), len(llm.log)
    res = runner.invoke(cli, args)
    err = res.stderr + (repr(res.exception) if res.exit_code == 1 else "")
    return Run(res.exit_code, err, len(fake.api_hits()) - api, len(fake.pdf_hits()) - pdfs, len(llm.log) - asked)


@pytest.fixture(scope="session")  # once for the site, feed, mail and store tests; they only read it (and mail)
def weekly(windowed_arxiv, tmp_path_factory) -> Weekly:
    root = tmp_path_factory.mktemp("digest")
    home = root / "home"
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(home), "OPENAI_BASE_URL": "", "OPENAI_API_KEY": "sk-test"})
    runs = {}
    with FakeLLM() as llm:
        for week in (1, 2, 3):
            runs[week] = invoke(runner, digest_args(windowed_arxiv, llm.url, root / "site", UNTIL[week]), windowed_arxiv, llm)
            assert runs[week].exit_code == 0, runs[week].stderr
        runs[4] = invoke(runner, digest_args(windowed_arxiv, llm.url, root / "site", UNTIL[3]), windowed_arxiv, llm)
        return Weekly(home, home / "store.sqlite3", root / "site", runs, llm.url)
