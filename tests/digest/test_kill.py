"""A digest run killed midway leaves the last site and the store usable; a failed mail never loses an issue."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from paperbrief.cli import cli
from paperbrief.digest import DigestRecords

from ..brief.llm_server import FakeLLM
from .conftest import UNTIL, digest_args
from .smtp import free_port, start_smtp

TOPIC = "inference-acceleration"


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_killed_run_leaves_site_and_store_usable(windowed_arxiv, tmp_path):
    home, site = tmp_path / "home", tmp_path / "site"
    smtp = start_smtp(tmp_path)
    try:
        home.mkdir()
        (home / "paperbrief.toml").write_text(smtp.config(port=free_port()), encoding="utf-8")  # nobody listens there
        env = {"PAPERBRIEF_HOME": str(home), "OPENAI_BASE_URL": "", "PAPERBRIEF_SMTP_PASSWORD": "s3cret-smtp"}
        runner = CliRunner(env=env)
        with FakeLLM() as llm:
            # week 1, mailed to a server that is down: an error line and exit 2, but the issue and site are there
            res = runner.invoke(cli, [*digest_args(windowed_arxiv, llm.url, site, UNTIL[1]), "--mail"])
        assert res.exit_code == 2
        assert res.stderr.splitlines()[-1].startswith("paperbrief: error: ") and "paperbrief mail --issue 1" in res.stderr
        with DigestRecords(home / "store.sqlite3") as records:
            assert [i.number for i in records.issues(TOPIC)] == [1] and records.issue(TOPIC, 1).mailed is None
        before = _tree(site)
        assert "issues/1/index.html" in before

        # week 2 in a real process, killed while its briefs are being written
        with FakeLLM(delay=20) as slow:
            args = digest_args(windowed_arxiv, slow.url, site, UNTIL[2])
            proc = subprocess.Popen([sys.executable, "-m", "paperbrief", *args], env={**os.environ, **env},
                                    cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while not slow.log and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert slow.log and proc.poll() is None, "the run never reached the LLM"
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert _tree(site) == before  # the last site, untouched
        db = sqlite3.connect(home / "store.sqlite3")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT pid FROM digest_lock").fetchone() == (proc.pid,)  # the dead run's lock is left...
        db.close()

        # ... and the next run takes it over, makes issue 2, and the mail of issue 1 can still go out
        (home / "paperbrief.toml").write_text(smtp.config(), encoding="utf-8")
        with FakeLLM() as llm:
            res = runner.invoke(cli, [*digest_args(windowed_arxiv, llm.url, site, UNTIL[2]), "--mail"])
        assert res.exit_code == 0, res.stderr
        res = runner.invoke(cli, ["mail", "--issue", "1"])
        assert res.exit_code == 0, res.stderr
        assert sorted(m["Subject"].split("（")[-2][-3:] for m in smtp.inbox.messages) == ["第1期", "第2期"]
        with DigestRecords(home / "store.sqlite3") as records:
            assert [i.number for i in records.issues(TOPIC)] == [1, 2]
            assert all(i.mailed for i in records.issues(TOPIC))
        assert (site / "issues" / "2" / "index.html").is_file()
        assert not list(tmp_path.glob(".site.*"))  # no temp or set-aside folder left behind
    finally:
        smtp.controller.stop()
