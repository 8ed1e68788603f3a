"""Extraction speed against the floor, and peak memory at 1x and 10x the corpus.

Floor: one fresh Python process that imports PyMuPDF and, for every corpus PDF, opens it
and calls ``page[0].get_text("dict")`` — the least any extractor must do. Extraction:
``paperbrief extract <all corpus PDFs> --format jsonl`` as one process. Both times
include interpreter start-up. Each is run ``--repeat`` times; the best run counts.
Peak memory is the largest resident set of the command and its descendants
(``resource.getrusage(RUSAGE_CHILDREN)`` read in a wrapper process per run).
Target: extraction / floor <= 2.0, and peak memory at 10x about the same as at 1x.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

FLOOR = (
    "import sys, pymupdf\n"
    "for path in sys.argv[1:]:\n"
    "    with pymupdf.open(path) as doc:\n"
    "        doc[0].get_text('dict')\n"
)


def corpus_pdfs(root: Path) -> list[str]:
    return [str(p) for s in sorted(root.glob("*/gold.jsonl")) for p in sorted((s.parent / "pdf").glob("*.pdf"))]


def extract_cmd() -> list[str]:
    exe = shutil.which("paperbrief")
    return [exe] if exe else [sys.executable, "-m", "paperbrief"]


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of ``cmd`` and its children, via a fresh wrapper."""
    out = subprocess.run([sys.executable, __file__, "--_measure", "--", *cmd],
                         capture_output=True, text=True, check=True, env=_env())
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["seconds"], data["cpu"], data["peak_mib"]


def _measure_child(cmd: list[str]) -> None:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 2):  # 2: extract ran but every file failed
        sys.stderr.write(proc.stderr.decode(errors="replace")[-500:])
        sys.exit(proc.returncode)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss: KiB on Linux
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def best_of(cmd: list[str], repeat: int) -> tuple[float, float, float, float]:
    """(best wall, median wall, best CPU, peak MiB) over ``repeat`` runs."""
    runs = [measure(cmd) for _ in range(repeat)]
    walls = [r[0] for r in runs]
    return min(walls), statistics.median(walls), min(r[1] for r in runs), max(r[2] for r in runs)


def replicate(pdfs: list[str], copies: int, into: Path) -> list[str]:
    """``copies`` distinct paths per PDF (hard links, else copies): the CLI skips repeated paths."""
    out = []
    for i in range(copies):
        for src in pdfs:
            dst = into / f"{i:02d}_{Path(src).parent.parent.name}_{Path(src).name}"
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)
            out.append(str(dst))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["--_measure", "--"]:
        _measure_child(argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    ap.add_argument("--scale", type=int, default=10, help="copies of the file list for the memory run")
    args = ap.parse_args(argv)

    pdfs = corpus_pdfs(args.corpus)
    floor = best_of([sys.executable, "-c", FLOOR, *pdfs], args.repeat)
    ours = best_of([*extract_cmd(), "extract", *pdfs, "--format", "jsonl"], args.repeat)
    with tempfile.TemporaryDirectory(prefix="paperbrief-speed-") as tmp:
        many = replicate(pdfs, args.scale, Path(tmp))
        big = best_of([*extract_cmd(), "extract", *many, "--format", "jsonl"], 1)

    print(f"corpus: {len(pdfs)} PDFs, cpus: {os.cpu_count()}")
    print(f"{'':28}{'best s':>9}{'median s':>10}{'cpu s':>8}{'peak MiB':>10}")
    rows = [("floor (open + page 1 dict)", floor), ("paperbrief extract 1x", ours),
            (f"paperbrief extract {args.scale}x", big)]
    for name, (best, median, cpu, peak) in rows:
        print(f"{name:28}{best:9.2f}{median:10.2f}{cpu:8.2f}{peak:10.1f}")
    print(f"ratio extract/floor, wall: {ours[0] / floor[0]:.2f}  cpu: {ours[2] / floor[2]:.2f}  (target <= 2.0)")
    print(f"peak memory {args.scale}x / 1x: {big[3] / ours[3]:.2f}  (flat when about 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
