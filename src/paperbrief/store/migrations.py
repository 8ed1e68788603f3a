"""Numbered schema migrations, recorded in the ``_migrations`` table (simonw/llm's habit).

Append new steps; never edit a step that has shipped.
"""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE extractions (
            sha256 TEXT NOT NULL,
            extractor TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
            data TEXT NOT NULL,
            created TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (sha256, extractor)
        );
        CREATE TABLE briefs (
            paper_key TEXT NOT NULL,
            writer TEXT NOT NULL,
            data TEXT NOT NULL,
            created TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (paper_key, writer)
        );
        CREATE TABLE relevance (
            paper_key TEXT NOT NULL,
            topic TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (paper_key, topic)
        );
        """,
    ),
    (
        "002_judgements",
        # The relevance judge's answers for 可能相关 papers. ``judge``: judge version, model and
        # prompt version; ``topic``: a hash of what the prompt shows of the topic.
        """
        CREATE TABLE judgements (
            paper_key TEXT NOT NULL,
            judge TEXT NOT NULL,
            topic TEXT NOT NULL,
            data TEXT NOT NULL,
            created TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (paper_key, judge, topic)
        );
        """,
    ),
    (
        "003_annotations",
        # A paper's annotations (institutions, tags, headline figures, target) by paper key and the
        # annotation step's version (its code and data: ``paperbrief.annotate.version``).
        """
        CREATE TABLE annotations (
            paper_key TEXT NOT NULL,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            created TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (paper_key, version)
        );
        """,
    ),
    (
        "004_digest",
        # A digest's issues (期) per topic: window, the rendered report in three formats, when it
        # was mailed, the LLM's 本期综述 (NULL: none); every arXiv paper (base ID, any version) an
        # issue has shown, so none comes twice; and the one-row-per-topic lock that keeps two runs
        # from making two issues.
        """
        CREATE TABLE digest_issues (
            topic TEXT NOT NULL,
            number INTEGER NOT NULL,
            since TEXT NOT NULL,
            until TEXT NOT NULL,
            created TEXT NOT NULL,
            title TEXT NOT NULL,
            report_json TEXT NOT NULL,
            report_html TEXT NOT NULL,
            report_md TEXT NOT NULL,
            mailed TEXT,
            summary TEXT,
            PRIMARY KEY (topic, number)
        );
        CREATE TABLE digest_papers (
            topic TEXT NOT NULL,
            base_id TEXT NOT NULL,
            issue INTEGER,
            role TEXT NOT NULL,
            PRIMARY KEY (topic, base_id)
        );
        CREATE TABLE digest_lock (
            topic TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            acquired TEXT NOT NULL
        );
        """,
    ),
]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL DEFAULT (datetime('now')))")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with db:
            db.executescript(f"BEGIN;\n{sql}\nINSERT INTO _migrations (name) VALUES ('{name}');\nCOMMIT;")
        applied.append(name)
    return applied
