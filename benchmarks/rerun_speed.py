"""Time a fully cached re-run of `paperbrief report` (issue 3: under 1 s for 43 papers, start-up included)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pdfs", default=str(REPO.parent / "shared" / "corpus" / "typeset-dev" / "pdf"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PAPERBRIEF_HOME=tmp, OPENAI_BASE_URL="")
        cmd = [sys.executable, "-m", "paperbrief", "report", args.pdfs, "-o", f"{tmp}/r.md", "--store", f"{tmp}/s.sqlite3"]
        first = subprocess.run(cmd, env=env, capture_output=True, text=True)
        print("first run:", first.stderr.strip().splitlines()[-1])
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            run = subprocess.run(cmd, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            summary = run.stderr.strip().splitlines()[-1]
            if "all cached" not in summary:
                print("not all cached:", summary)
                return 1
        print("cached run:", summary)
        print(f"second run wall: best {min(times):.2f} s, worst {max(times):.2f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
