#!/usr/bin/env python3
"""Extract every PDF of a folder, each in its own process with a time limit, as JSONL.

Usage: predict.py PDF_DIR [--timeout S] [--jobs N] > pred.jsonl

Why not just ``paperbrief extract DIR``: a held-out layout can send the extractor
into a very long run (e.g. a backtracking regex), and one stuck file must not stop the
measurement. A file past the limit is written as ``{"status": "timeout"}`` (wrong on
every field for the scorer) and named on stderr with its wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
from paperbrief.errors import ExtractError
from paperbrief.extract import extract
try:
    p = extract(sys.argv[1]).to_dict(); p["status"] = "ok"
except ExtractError as e:
    p = {"file": sys.argv[1], "status": "error", "error": str(e)}
print(json.dumps(p, ensure_ascii=False))
"""


def extract_one(pdf: Path, timeout: float) -> tuple[dict, float]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, str(pdf)], capture_output=True, text=True,
                              timeout=timeout, env=env)
        out = proc.stdout.strip().splitlines()
        rec = json.loads(out[-1]) if out else {"file": str(pdf), "status": "crash",
                                               "error": proc.stderr.strip()[-300:]}
    except subprocess.TimeoutExpired:
        rec = {"file": str(pdf), "status": "timeout"}
    return rec, time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf_dir", type=Path)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    with ThreadPoolExecutor(args.jobs) as pool:
        for pdf, (rec, secs) in zip(pdfs, pool.map(lambda p: extract_one(p, args.timeout), pdfs)):
            if rec.get("status") != "ok":
                print(f"{pdf.name}: {rec.get('status')} after {secs:.1f}s {rec.get('error', '')}", file=sys.stderr)
            print(json.dumps(rec, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
