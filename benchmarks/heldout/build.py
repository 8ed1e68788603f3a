"""Compiling the held-out set: which paper gets which layout, pdflatex, gold.jsonl."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from paper import Paper


def assignments(papers: list[Paper], layouts: list[str], per_paper: int,
                offset: int = 0) -> list[tuple[Paper, str]]:
    """Fixed rotation: paper i gets layouts i+o, i+o+s, i+o+2s, ... so every layout sees varied papers.

    Offsets 0 .. s-1 give disjoint paper x layout combinations: a set tuned on offset 0 can be
    checked on offset 1 with combinations nobody has looked at."""
    n = len(layouts)
    per_paper = min(per_paper, n)
    step = max(1, n // per_paper)
    return [(p, layouts[(p.index + offset + k * step) % n]) for p in papers for k in range(per_paper)]


def compile_one(tex: str, dest: Path) -> str | None:
    """pdflatex in a private dir; returns an error line or None."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "paper.tex"
        src.write_text(tex, encoding="utf-8")
        for _ in range(2):  # two passes: elsarticle and revtex resolve author/affiliation labels via .aux
            proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"],
                                  cwd=tmp, capture_output=True, text=True, errors="replace", timeout=120)
            if proc.returncode != 0:
                break
        pdf = Path(tmp) / "paper.pdf"
        if proc.returncode != 0 or not pdf.exists():
            err = [l for l in proc.stdout.splitlines() if l.startswith("!")]
            return (err[0] if err else proc.stdout[-300:]).strip()
        shutil.copyfile(pdf, dest)
    return None


def build(run, jobs: list, outdir: Path, pdf_dir: Path, workers: int) -> int:
    """Compile every job with ``run(job) -> (gold record, error or None)``; write gold.jsonl; 1 if any failed."""
    gold, failed = [], []
    with ThreadPoolExecutor(workers) as pool:
        for rec, err in pool.map(run, jobs):
            (failed.append(f"{rec['file']}: {err}") if err else gold.append(rec))
    with open(outdir / "gold.jsonl", "w", encoding="utf-8") as fh:
        for rec in gold:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(gold)} PDFs in {pdf_dir}, gold in {outdir / 'gold.jsonl'}; {len(failed)} failed")
    for f in failed:
        print("  FAILED", f, file=sys.stderr)
    return 1 if failed else 0


def with_times(tex: str) -> str:
    """Times instead of CM: each CM size is a separate embedded font; keeps fixtures small."""
    head, rest = tex.split("\n", 1)
    return head + "\n\\usepackage{times}\n" + rest
