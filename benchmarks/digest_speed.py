"""Digest speed (issue 19): rebuilding the site of 52 issues x 40 papers from the store (target: a few
seconds on 2 cores), and a digest run that finds nothing new (target: <= 1 arXiv API request, 0 LLM
requests).

The 52 issues are made here: reports of 40 synthetic papers each (tags, institutions and briefs
drawn from fixed lists with a seeded generator), rendered by `paperbrief.report` as a digest run
would, and recorded with `DigestRecords.add_issue`. The site is then built twice in-process
(`build_site`) and once by `paperbrief site` in a fresh process (start-up included).

The nothing-new run uses the test suite's windowed arXiv look-alike and local LLM endpoint
(tests/digest/conftest.py; needs ../shared/corpus for the PDFs): one digest run for a week,
then the same week again, counting the requests each server saw during the second run.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from paperbrief.annotate import annotate  # noqa: E402 (after the sys.path set-up)
from paperbrief.digest import DigestRecords  # noqa: E402
from paperbrief.models import Brief, Entry, Paper, Report, Tag  # noqa: E402
from paperbrief.report import render, sort_entries  # noqa: E402
from paperbrief.site import SiteOptions, build_site  # noqa: E402

TAGS = ["量化", "剪枝", "知识蒸馏", "KV缓存", "推测解码", "稀疏注意力", "高效架构", "推理服务与调度", "算子与硬件优化", "令牌精简"]
INSTS = ["Tsinghua University", "Peking University", "Google", "Microsoft Research", "Alibaba Group", "Stanford University",
         "Zhejiang University", "NVIDIA", "Shanghai Jiao Tong University", "Carnegie Mellon University", "Meta AI",
         "University of Toronto", "ETH Zurich", "Huawei Noah's Ark Lab", "Nanjing University", "KAIST"]


def _entry(rng: random.Random, issue: int, k: int) -> Entry:
    title = f"Paper {issue}-{k}: {rng.choice(['Fast', 'Sparse', 'Tiny', 'Lossless'])} {rng.choice(TAGS)} for LLM inference"
    affs = rng.sample(INSTS, rng.randint(1, 3))
    paper = Paper(file=f"{issue}-{k}.pdf", sha256=f"{issue:04d}{k:04d}", title=title, authors=["Ann Lee", "Bo Chen"],
                  affiliations=affs, abstract=f"We study {title} and cut latency by {rng.randint(11, 40) / 10}x.",
                  arxiv_id=f"2611.{issue:02d}{k:03d}v1", url=f"https://arxiv.org/abs/2611.{issue:02d}{k:03d}v1")
    tags = [Tag(t, "evidence") for t in rng.sample(TAGS, rng.randint(1, 3))]
    brief = Brief(text=f"{affs[0]}发布了{title}论文，使用{tags[0].name}，解决了推理延迟高的问题，达成了更快的推理",
                  institutions=affs[0], technique=tags[0].name, problem="推理延迟高", result="更快的推理", writer="offline")
    notes = replace(annotate(paper), tags=tuple(tags))
    return Entry(replace(paper, annotations=notes), brief)


def make_store(path: Path, issues: int, papers: int) -> None:
    rng = random.Random(19)
    start = date(2025, 11, 3)
    with DigestRecords(path) as records:
        for n in range(1, issues + 1):
            entries = sort_entries([_entry(rng, n, k) for k in range(papers)])
            report = Report(title=f"AI推理加速技术论文分析报告（第{n}期）", generated_at="2026-11-23 06:00:00", entries=entries,
                            failures=[])
            since = start + timedelta(days=7 * (n - 1))
            records.add_issue("inference-acceleration", since, since + timedelta(days=7), "AI推理加速技术论文分析报告",
                              render(report, "json"), render(report, "html"), render(report, "md"),
                              [(e.paper.arxiv_id.rsplit("v", 1)[0], "paper") for e in entries],
                              created=f"{since + timedelta(days=7)}T06:00:00Z")


def site_speed(issues: int, papers: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store.sqlite3"
        t = time.perf_counter()
        make_store(store, issues, papers)
        print(f"store of {issues} issues x {papers} papers made in {time.perf_counter() - t:.1f} s (not timed below)")
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            with DigestRecords(store) as records:
                build_site(records.issues("inference-acceleration"), Path(tmp) / "site",
                           SiteOptions(title="AI推理加速技术论文分析报告", topic="inference-acceleration"))
            times.append(time.perf_counter() - t)
        files = sum(1 for p in (Path(tmp) / "site").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (Path(tmp) / "site").rglob("*") if p.is_file()) / 2**20
        print(f"build_site in-process: best {min(times):.2f} s, worst {max(times):.2f} s ({files} files, {size:.1f} MiB)")
        env = dict(os.environ, PAPERBRIEF_HOME=tmp)
        t = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "paperbrief", "site", f"{tmp}/site2", "--store", str(store)],
                             env=env, capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - t
        print(f"`paperbrief site` (fresh process, start-up included): {wall:.2f} s; {run.stderr.strip()}")


def nothing_new() -> int:
    from click.testing import CliRunner

    from paperbrief.cli import cli
    from tests.brief.llm_server import FakeLLM
    from tests.digest.conftest import UNTIL, WindowedArxiv, digest_args
    from tests.sources.conftest import FakeClock, _Handler, _Server

    server = _Server(("127.0.0.1", 0), _Handler)
    fake = WindowedArxiv(clock=FakeClock(), base_url=f"http://127.0.0.1:{server.server_address[1]}")
    server.fake = fake
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp, FakeLLM() as llm:
        runner = CliRunner(env={"PAPERBRIEF_HOME": tmp, "OPENAI_BASE_URL": ""})
        args = digest_args(fake, llm.url, Path(tmp) / "site", UNTIL[3])
        first = runner.invoke(cli, args)
        api, asked = len(fake.api_hits()), len(llm.log)
        t = time.perf_counter()
        second = runner.invoke(cli, args)
        wall = time.perf_counter() - t
        print(f"first run: {first.stderr.strip().splitlines()[0]}")
        print(f"nothing-new run: {second.stderr.strip().splitlines()[0]}")
        print(f"nothing-new run: {len(fake.api_hits()) - api} arXiv API requests, {len(fake.pdf_hits())} PDF downloads "
              f"in all, {len(llm.log) - asked} LLM requests, {wall:.2f} s in-process (targets: <= 1 API, 0 LLM)")
        ok = len(fake.api_hits()) - api <= 1 and len(llm.log) == asked
    server.shutdown()
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--issues", type=int, default=52)
    ap.add_argument("--papers", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    site_speed(args.issues, args.papers, args.repeat)
    if not (REPO.parent / "shared" / "corpus").is_dir():
        print("nothing-new run: skipped (needs ../shared/corpus beside the repository)")
        return 0
    return nothing_new()


if __name__ == "__main__":
    sys.exit(main())
