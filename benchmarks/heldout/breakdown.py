#!/usr/bin/env python3
"""Per-layout x per-field scores and the failing cases of a held-out run.

Usage: breakdown.py GOLD.jsonl PRED.jsonl [--failures] [--layout NAME]

Uses the shared scorer's own match rules (``shared/tools/score_metadata.py``),
so a cell here is exactly the share the scorer would give that layout alone.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from collections import defaultdict
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score_metadata.py"
FIELDS = ("title", "authors", "author_count", "affiliations", "abstract")


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_metadata", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def field_results(sm, g: dict, p: dict) -> dict[str, bool | None]:
    """Right/wrong per field for one paper, None where the scorer skips the field."""
    aff = (sm.f1(g["affiliations"], p.get("affiliations") or [], sm.affiliation_match) >= 0.99
           if g.get("affiliations") else None)
    return {
        "title": sm.norm(g["title"]) == sm.norm(p.get("title")) and bool(sm.norm(g["title"])),
        "authors": sm.f1(g["authors"], p.get("authors") or [], sm.names_match) == 1.0,
        "author_count": p.get("author_count", len(p.get("authors") or [])) == len(g["authors"]),
        "affiliations": aff,
        "abstract": sm.similarity(g["abstract"], p.get("abstract")) >= 0.95 if g.get("abstract") else None,
    }


def show(value, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--failures", action="store_true", help="list every wrong field with gold vs predicted")
    ap.add_argument("--layout", help="only this layout")
    args = ap.parse_args()
    sm = load_scorer()
    preds = {sm.key_of(p): p for p in sm.load(args.pred)}
    table: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    failures = []
    for g in sm.load(args.gold):
        if args.layout and g.get("layout") != args.layout:
            continue
        p = preds.get(sm.key_of(g), {})
        for field, ok in field_results(sm, g, p).items():
            if ok is None:
                continue
            for row in (g.get("layout", "?"), "ALL"):
                table[row][field].append(ok)
            if not ok:
                key = {"author_count": "authors"}.get(field, field)
                failures.append((g["file"], field, g.get(key), p.get(key), p.get("status")))
    print(f"{'layout':22s} {'n':>3s} " + " ".join(f"{f[:7]:>7s}" for f in FIELDS))
    for row in sorted(table, key=lambda r: (r == "ALL", r)):
        cells = [table[row][f] for f in FIELDS]
        n = max(len(c) for c in cells)
        print(f"{row:22s} {n:3d} " + " ".join(f"{sum(c) / len(c):7.2f}" if c else f"{'n/a':>7s}" for c in cells))
    if args.failures:
        for file, field, gold, pred, status in failures:
            print(f"\n{file} [{field}] status={status}\n  gold: {show(gold)}\n  pred: {show(pred)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
