"""SQLite store: extracted metadata, annotations, briefs, relevance scores and the relevance judge's
answers, so re-runs do only new work.

Keys: an extraction by (PDF sha256, extractor version); annotations by (paper key, annotation
version); a brief by (brief key, writer key); a judgement by (paper key, judge key, topic key).
The paper key hashes the paper's metadata, and the brief key that plus its annotations: exactly
what a writer sees, so a changed extractor, merged arXiv metadata or a corrected institution
name gives a new brief while an unchanged paper is never re-sent. Each result is
committed as soon as it exists (WAL mode), so a run killed midway loses nothing finished.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..models import Annotations, Brief, Failure, Judgement, Paper, Relevance
from .migrations import migrate

__all__ = ["Store", "brief_key", "paper_key"]


def paper_key(paper: Paper) -> str:
    """Hash of what a writer sees of a paper (title, authors, affiliations, abstract)."""
    blob = json.dumps([paper.title, paper.authors, paper.affiliations, paper.abstract], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def brief_key(paper: Paper) -> str:
    """Hash of what a writer sees: the paper and its annotations."""
    notes = paper.annotations.to_dict() if paper.annotations else None
    blob = json.dumps([paper_key(paper), notes], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            migrate(self.db)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(str(path), f"cannot open store: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _put(self, sql: str, params: tuple[Any, ...]) -> None:
        with self.db:
            self.db.execute(sql, params)

    # extractions -------------------------------------------------------------
    def get_extraction(self, sha256: str, extractor: str) -> Paper | Failure | None:
        row = self.db.execute(
            "SELECT status, data FROM extractions WHERE sha256 = ? AND extractor = ?", (sha256, extractor)
        ).fetchone()
        if row is None:
            return None
        data = json.loads(row[1])
        return Paper.from_dict(data) if row[0] == "ok" else Failure(**data)

    def put_extraction(self, sha256: str, extractor: str, result: Paper | Failure) -> None:
        status = "ok" if isinstance(result, Paper) else "error"
        data = result.to_dict() if isinstance(result, Paper) else {"file": result.file, "stage": result.stage, "reason": result.reason}
        self._put(
            "INSERT OR REPLACE INTO extractions (sha256, extractor, status, data) VALUES (?, ?, ?, ?)",
            (sha256, extractor, status, json.dumps(data, ensure_ascii=False)),
        )

    # annotations -------------------------------------------------------------
    def get_annotations(self, key: str, version: str) -> Annotations | None:
        row = self.db.execute("SELECT data FROM annotations WHERE paper_key = ? AND version = ?", (key, version)).fetchone()
        return Annotations.from_dict(json.loads(row[0])) if row else None

    def put_annotations(self, key: str, version: str, notes: Annotations) -> None:
        self._put("INSERT OR REPLACE INTO annotations (paper_key, version, data) VALUES (?, ?, ?)",
                  (key, version, json.dumps(notes.to_dict(), ensure_ascii=False)))

    # briefs ------------------------------------------------------------------
    def get_brief(self, key: str, writer: str) -> Brief | None:
        row = self.db.execute("SELECT data FROM briefs WHERE paper_key = ? AND writer = ?", (key, writer)).fetchone()
        return Brief.from_dict(json.loads(row[0])) if row else None

    def put_brief(self, key: str, writer: str, brief: Brief) -> None:
        self._put(
            "INSERT OR REPLACE INTO briefs (paper_key, writer, data) VALUES (?, ?, ?)",
            (key, writer, json.dumps(brief.to_dict(), ensure_ascii=False)),
        )

    # relevance ---------------------------------------------------------------
    def get_relevance(self, key: str, topic: str) -> Relevance | None:
        row = self.db.execute("SELECT data FROM relevance WHERE paper_key = ? AND topic = ?", (key, topic)).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        return Relevance(score=d["score"], selected=d["selected"], keyword_hits=tuple(d["keyword_hits"]), semantic=d["semantic"],
                         category=d.get("category", ""), borderline=d.get("borderline", False))

    def put_relevance(self, key: str, topic: str, rel: Relevance) -> None:
        data = {"score": rel.score, "selected": rel.selected, "keyword_hits": list(rel.keyword_hits), "semantic": rel.semantic,
                "category": rel.category, "borderline": rel.borderline}
        self._put("INSERT OR REPLACE INTO relevance (paper_key, topic, data) VALUES (?, ?, ?)", (key, topic, json.dumps(data)))

    # judgements --------------------------------------------------------------
    def get_judgement(self, key: str, judge: str, topic: str) -> Judgement | None:
        row = self.db.execute("SELECT data FROM judgements WHERE paper_key = ? AND judge = ? AND topic = ?",
                              (key, judge, topic)).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        return Judgement(relevant=d["relevant"], reason=d["reason"], model=d["model"])

    def put_judgement(self, key: str, judge: str, topic: str, verdict: Judgement) -> None:
        data = {"relevant": verdict.relevant, "reason": verdict.reason, "model": verdict.model}
        self._put("INSERT OR REPLACE INTO judgements (paper_key, judge, topic, data) VALUES (?, ?, ?, ?)",
                  (key, judge, topic, json.dumps(data, ensure_ascii=False)))
