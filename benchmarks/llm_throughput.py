"""OpenAI writer throughput against an endpoint that answers after a fixed delay.

Starts the test suite's local OpenAI-compatible endpoint (``tests/brief/llm_server.py``)
with every answer delayed by ``--delay`` seconds, runs ``OpenAIWriter`` over ``--n``
corpus papers (gold records as ``Paper``s) with ``--concurrency`` requests in flight,
and compares the wall time with the floor ``ceil(n / concurrency) * delay``: what a
perfectly packed client needs. Each run is repeated ``--repeat`` times; the best counts.
Target: wall / floor <= 1.15, every brief from the model (no fallback).
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from paperbrief.annotate import annotate  # noqa: E402 (after the sys.path set-up)
from paperbrief.brief import WriterSettings  # noqa: E402
from paperbrief.brief.llm import OpenAIWriter  # noqa: E402 (after the sys.path set-up)
from tests.brief.conftest import gold_papers  # noqa: E402 (after the sys.path set-up)
from tests.brief.llm_server import FakeLLM  # noqa: E402 (after the sys.path set-up)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pool = [replace(p, annotations=annotate(p)) for p in gold_papers("typeset-dev") + gold_papers("real")]  # as the pipeline hands them on
    papers = (pool * math.ceil(args.n / len(pool)))[: args.n]
    floor = math.ceil(args.n / args.concurrency) * args.delay
    best = math.inf
    with FakeLLM(delay=args.delay) as server:
        settings = WriterSettings(base_url=server.url, model="fake-brief-1", api_key="sk-bench",
                                  concurrency=args.concurrency, timeout=30.0)
        for _ in range(args.repeat):
            writer = OpenAIWriter(settings)
            start = time.perf_counter()
            briefs = writer.write(papers)
            wall = time.perf_counter() - start
            fallbacks = sum(b.fallback for b in briefs)
            best = min(best, wall)
            print(f"run: wall={wall:.3f}s requests={writer.usage.requests} fallbacks={fallbacks} "
                  f"max_in_flight={server.max_in_flight}")
    ratio = best / floor
    print(f"n={args.n} concurrency={args.concurrency} delay={args.delay}s floor={floor:.3f}s "
          f"best_wall={best:.3f}s ratio={ratio:.3f} target<=1.15 {'OK' if ratio <= 1.15 else 'MISSED'}")
    return 0 if ratio <= 1.15 else 1


if __name__ == "__main__":
    sys.exit(main())
