"""Extraction accuracy on every corpus set, scored by the shared scorer.

Runs ``paperbrief extract <set>/pdf --format jsonl`` (the installed script, else
``python -m paperbrief``; ``--in-process`` calls ``paperbrief.extract.extract`` directly)
on each set under ``<repo>/../shared/corpus`` that has a ``gold.jsonl``, scores it with
``<repo>/../shared/tools/score_metadata.py --json`` and prints one table.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_metadata.py"
FIELDS = ("title", "authors", "author_count", "affiliations", "abstract", "overall")


def corpus_sets(root: Path) -> list[Path]:
    """``root`` itself when it is a set (has gold.jsonl), else its sub-folders that are."""
    if (root / "gold.jsonl").exists():
        return [root]
    return sorted(p.parent for p in root.glob("*/gold.jsonl"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def predict_cli(pdf_dir: Path) -> str | None:
    """JSONL from the CLI, or None when no CLI answers."""
    exe = shutil.which("paperbrief")
    cmd = [exe] if exe else [sys.executable, "-m", "paperbrief"]
    proc = subprocess.run([*cmd, "extract", str(pdf_dir), "--format", "jsonl"],
                          capture_output=True, text=True, env=_env(), check=False)
    if not proc.stdout.strip():
        sys.stderr.write(f"CLI gave no output (rc={proc.returncode}): {proc.stderr.strip()[-300:]}\n")
        return None
    return proc.stdout


def predict_in_process(pdf_dir: Path) -> str:
    sys.path.insert(0, str(REPO / "src"))
    from paperbrief.errors import ExtractError
    from paperbrief.extract import extract

    rows = []
    for f in sorted(pdf_dir.glob("*.pdf")):
        try:
            row = extract(str(f)).to_dict()
            row["status"] = "ok"
        except ExtractError as exc:
            row = {"file": str(f), "status": "error", "error": str(exc)}
        rows.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(rows) + "\n"


def score(gold: Path, predictions: str) -> dict[str, float | None]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write(predictions)
        pred = fh.name
    try:
        out = subprocess.run([sys.executable, str(SCORER), str(gold), pred, "--json"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(pred)
    return json.loads(out)["rates"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="a set, or a folder of sets (default: %(default)s)")
    ap.add_argument("--in-process", action="store_true", help="call paperbrief.extract.extract, not the CLI")
    ap.add_argument("--save", type=Path, help="also write each set's predictions to DIR/<set>.jsonl")
    args = ap.parse_args(argv)

    table = []
    for set_dir in corpus_sets(args.corpus):
        pdf_dir = set_dir / "pdf"
        preds = None if args.in_process else predict_cli(pdf_dir)
        if preds is None:
            preds = predict_in_process(pdf_dir)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{set_dir.name}.jsonl").write_text(preds, encoding="utf-8")
        table.append((set_dir.name, score(set_dir / "gold.jsonl", preds)))

    width = max([len("set")] + [len(name) for name, _ in table])
    print(f"{'set':<{width}}  " + "  ".join(f"{f:>12}" for f in FIELDS))
    for name, rates in table:
        cells = ["n/a" if rates.get(f) is None else f"{rates[f]:.3f}" for f in FIELDS]
        print(f"{name:<{width}}  " + "  ".join(f"{c:>12}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
