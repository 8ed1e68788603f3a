"""Selection and tagging speed: seconds for N abstracts, model loading included.

Each run is a fresh Python process that imports paperbrief.select, loads the default topic,
builds the MiniLM embedder (numpy forward pass; weight loading included), scores N papers
(embedding only those whose keywords do not already decide) and tags them. Papers are the labelled fixture's abstracts (real ones, 112), cycled to N.
The best of ``--repeat`` runs counts. Target (issue 6): 1,000 abstracts in under 10 s on
the 2-core dev box, with BLAS limited to 2 threads.

    python3 benchmarks/select_speed.py [--n 1000] [--repeat 3] [--batch-size 32]
        [--max-seq-length 48] [--threads 2] [--sweep]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "select" / "labelled.jsonl"

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from paperbrief.models import Paper
from paperbrief.select import MiniLMEmbedder, load_topic, score, tag
n, bs, seq = json.loads(sys.argv[1])
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
papers = [Paper(file=str(i), sha256="", title=rows[i % len(rows)]["title"], authors=[], affiliations=[],
                abstract=rows[i % len(rows)]["abstract"]) for i in range(n)]
topic = load_topic()
t1 = time.perf_counter()
emb = MiniLMEmbedder(batch_size=bs, max_seq_length=seq)
t2 = time.perf_counter()
rels = score(papers, topic, embedder=emb)
t3 = time.perf_counter()
tags = [tag(p) for p in papers]
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "score_s": t3 - t2, "tag_s": t4 - t3,
                  "total_s": t4 - t0, "selected": sum(r.selected for r in rels),
                  "tags": sum(map(len, tags))}))
"""


def run(n: int, bs: int, seq: int, threads: int) -> dict:
    threads_env = {k: str(threads) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", CHILD, json.dumps([n, bs, seq]), str(FIXTURE)],
        capture_output=True, text=True, check=True,
        env={**os.environ, **threads_env, "PYTHONPATH": str(REPO / "src")},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(n: int, bs: int, seq: int, threads: int, repeat: int) -> dict:
    runs = [run(n, bs, seq, threads) for _ in range(repeat)]
    return min(runs, key=lambda r: r["total_s"])


def show(label: str, r: dict) -> None:
    print(f"{label:<34} total {r['total_s']:6.2f} s  (import {r['import_s']:.2f}, model {r['load_s']:.2f}, "
          f"score {r['score_s']:.2f}, tag {r['tag_s']:.2f})  selected {r['selected']}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-seq-length", type=int, default=48)
    ap.add_argument("--threads", type=int, default=2, help="BLAS threads")
    ap.add_argument("--sweep", action="store_true", help="also try other batch sizes and lengths")
    a = ap.parse_args()
    configs = [(a.batch_size, a.max_seq_length)]
    if a.sweep:
        configs += [(bs, seq) for seq in (64, 128) for bs in (8, 16, 32, 64) if (bs, seq) != configs[0]]
    print(f"{a.n} abstracts, BLAS threads {a.threads}, best of {a.repeat}")
    for bs, seq in configs:
        show(f"batch {bs:<3} max_seq {seq:<4}", best(a.n, bs, seq, a.threads, a.repeat))


if __name__ == "__main__":
    main()
