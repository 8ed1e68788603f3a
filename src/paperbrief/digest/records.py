"""The digest's part of the store: issues, the papers they showed, and the per-topic lock.

Kept apart from ``store/__init__.py`` (the pipeline's caches): it works on the same SQLite
file through its own connection, on the tables of migration ``004_digest``.

The lock is a row per topic in ``digest_lock``, taken inside ``BEGIN IMMEDIATE`` so two
runs cannot both see it free. A run that was killed leaves its row behind; the next run on
the same host takes it over when that process is gone, and any run after ``stale_after``
seconds (six hours: far longer than a run, and a guard against a reused pid). Issue numbers and the paper rows are written in one transaction,
and ``(topic, base_id)`` is the primary key: even a broken lock cannot show a paper twice.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import DigestError
from ..store.migrations import migrate

STALE_AFTER = 6 * 3600.0


@dataclass(frozen=True)
class IssueRecord:
    """One issue as stored: its window, the report in three formats, and when it was mailed."""

    topic: str
    number: int
    since: date
    until: date
    created: str  # ISO 8601 UTC, e.g. 2026-11-23T06:00:00Z
    title: str
    report_json: str
    report_html: str
    report_md: str
    mailed: str | None = None
    summary: str | None = None  # 本期综述, checked (digest/summary.py); None: none was written or kept

    @property
    def report(self) -> dict:
        return json.loads(self.report_json)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DigestRecords:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)  # explicit transactions only
            self.db.execute("PRAGMA journal_mode=WAL")
            migrate(self.db)
        except (sqlite3.Error, OSError) as exc:
            raise DigestError(self.path, f"cannot open store: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> DigestRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # lock ----------------------------------------------------------------------
    @contextmanager
    def lock(self, topic: str, stale_after: float = STALE_AFTER) -> Iterator[None]:
        """Hold the topic's digest lock for the block; a DigestError when another live run holds it."""
        token = secrets.token_hex(8)
        host, pid = socket.gethostname(), os.getpid()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT host, pid, acquired FROM digest_lock WHERE topic = ?", (topic,)).fetchone()
            if row is not None and self._held(row, host, stale_after):
                raise DigestError(self.path, f"another digest run of {topic!r} (pid {row[1]} on {row[0]}) "
                                             f"holds the lock since {row[2]}; try again when it ends")
            self.db.execute("INSERT OR REPLACE INTO digest_lock (topic, token, host, pid, acquired) VALUES (?, ?, ?, ?, ?)",
                            (topic, token, host, pid, _now()))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            yield
        finally:
            self.db.execute("DELETE FROM digest_lock WHERE topic = ? AND token = ?", (topic, token))

    @staticmethod
    def _held(row: tuple, host: str, stale_after: float) -> bool:
        held_host, pid, acquired = row
        age = (datetime.now(UTC) - datetime.strptime(acquired, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)).total_seconds()
        if age >= stale_after:  # also guards against a reused pid on this host
            return False
        return _pid_alive(int(pid)) if held_host == host else True

    # issues --------------------------------------------------------------------
    def issues(self, topic: str) -> list[IssueRecord]:
        """All issues of a topic, oldest first."""
        rows = self.db.execute(
            "SELECT topic, number, since, until, created, title, report_json, report_html, report_md, mailed, "
            "summary FROM digest_issues WHERE topic = ? ORDER BY number", (topic,)).fetchall()
        return [_record(r) for r in rows]

    def issue(self, topic: str, number: int) -> IssueRecord | None:
        row = self.db.execute(
            "SELECT topic, number, since, until, created, title, report_json, report_html, report_md, mailed, "
            "summary FROM digest_issues WHERE topic = ? AND number = ?", (topic, number)).fetchone()
        return _record(row) if row else None

    def last_until(self, topic: str) -> date | None:
        row = self.db.execute("SELECT until FROM digest_issues WHERE topic = ? ORDER BY number DESC LIMIT 1",
                              (topic,)).fetchone()
        return date.fromisoformat(row[0]) if row else None

    def topics(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT topic FROM digest_issues ORDER BY topic")]

    def seen(self, topic: str) -> set[str]:
        """Base arXiv IDs an earlier run already showed or set aside."""
        return {r[0] for r in self.db.execute("SELECT base_id FROM digest_papers WHERE topic = ?", (topic,))}

    def add_issue(self, topic: str, since: date, until: date, title: str, report_json: str, report_html: str,
                  report_md: str, papers: Iterable[tuple[str, str]], created: str | None = None,
                  summary: str | None = None) -> IssueRecord:
        """Record the next issue with its papers (``(base_id, role)``) in one transaction."""
        created = created or _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            number = self.db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM digest_issues WHERE topic = ?",
                                     (topic,)).fetchone()[0]
            self.db.execute(
                "INSERT INTO digest_issues (topic, number, since, until, created, title, report_json, report_html, "
                "report_md, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (topic, number, since.isoformat(), until.isoformat(), created, title, report_json, report_html, report_md,
                 summary))
            self.db.executemany("INSERT INTO digest_papers (topic, base_id, issue, role) VALUES (?, ?, ?, ?)",
                                [(topic, b, number, role) for b, role in papers])
            self.db.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self.db.execute("ROLLBACK")
            raise DigestError(self.path, f"issue not recorded: a paper is already in an earlier issue ({exc})") from None
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return IssueRecord(topic, number, since, until, created, title, report_json, report_html, report_md,
                           summary=summary)

    def set_aside(self, topic: str, papers: Iterable[tuple[str, str]]) -> None:
        """Papers a run without an issue looked at and left out, so the next window skips them too."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany("INSERT OR IGNORE INTO digest_papers (topic, base_id, issue, role) VALUES (?, ?, NULL, ?)",
                            [(topic, b, role) for b, role in papers])
        self.db.execute("COMMIT")

    def mark_mailed(self, topic: str, number: int) -> None:
        self.db.execute("UPDATE digest_issues SET mailed = ? WHERE topic = ? AND number = ?", (_now(), topic, number))


def _record(r: tuple) -> IssueRecord:
    return IssueRecord(r[0], r[1], date.fromisoformat(r[2]), date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8], r[9],
                       r[10])
