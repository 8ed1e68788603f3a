"""Selection and tagging speed: seconds for N abstracts, model loading included.

Each run is a fresh Python process that imports paperbrief.select, loads the default topic,
builds the MiniLM embedder (torch import and weight loading included), scores N papers
(embedding only those whose keywords do not already decide) and tags them. Papers are the labelled fixture's abstracts (real ones, 112), cycled to N.
The best of ``--repeat`` runs counts. Target (issue 6): 1,000 abstracts in under 10 s on
the 2-core dev box, with torch limited to 2 threads.

    python3 benchmarks/select_speed.py [--n 1000] [--repeat 3] [--batch-size 32]
        [--max-seq-length 64] [--threads 2] [--quantize] [--sweep]
"""
from __future__ import annotations

import argparse
import json
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
n, bs, seq, threads, quantize = json.loads(sys.argv[1])
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
papers = [Paper(file=str(i), sha256="", title=rows[i % len(rows)]["title"], authors=[], affiliations=[],
                abstract=rows[i % len(rows)]["abstract"]) for i in range(n)]
topic = load_topic()
t1 = time.perf_counter()
emb = MiniLMEmbedder(batch_size=bs, max_seq_length=seq, threads=threads, quantize=quantize)
t2 = time.perf_counter()
rels = score(papers, topic, embedder=emb)
t3 = time.perf_counter()
tags = [tag(p) for p in papers]
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "score_s": t3 - t2, "tag_s": t4 - t3,
                  "total_s": t4 - t0, "selected": sum(r.selected for r in rels),
                  "tags": sum(map(len, tags))}))
"""


def run(n: int, bs: int, seq: int, threads: int, quantize: bool) -> dict:
    env_path = str(REPO / "src")
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", CHILD, json.dumps([n, bs, seq, threads, quantize]), str(FIXTURE)],
        capture_output=True, text=True, check=True,
        env={**__import__("os").environ, "PYTHONPATH": env_path, "HF_HUB_OFFLINE": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(n: int, bs: int, seq: int, threads: int, quantize: bool, repeat: int) -> dict:
    runs = [run(n, bs, seq, threads, quantize) for _ in range(repeat)]
    return min(runs, key=lambda r: r["total_s"])


def show(label: str, r: dict) -> None:
    print(f"{label:<34} total {r['total_s']:6.2f} s  (import {r['import_s']:.2f}, model {r['load_s']:.2f}, "
          f"score {r['score_s']:.2f}, tag {r['tag_s']:.2f})  selected {r['selected']}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-seq-length", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quantize", action="store_true", help="int8 linear layers (faster, batch-dependent)")
    ap.add_argument("--sweep", action="store_true", help="also try other batch sizes, lengths, int8 on/off")
    a = ap.parse_args()
    configs = [(a.batch_size, a.max_seq_length, a.quantize)]
    if a.sweep:
        configs += [(bs, seq, q) for q in (False, True) for seq in (64, 128) for bs in (16, 32, 64)
                    if (bs, seq, q) != configs[0]]
    print(f"{a.n} abstracts, torch threads {a.threads}, best of {a.repeat}")
    for bs, seq, q in configs:
        kind = "int8" if q else "bf16/fp32"
        show(f"batch {bs:<3} max_seq {seq:<4} {kind:<9}", best(a.n, bs, seq, a.threads, q, a.repeat))


if __name__ == "__main__":
    main()
