#!/usr/bin/env python3
"""Typeset a held-out set of paper headers for measuring metadata extraction.

Usage: make_set.py OUTDIR [--only LAYOUT[,LAYOUT]] [--per-paper N] [--jobs N]
                   [--select ID_LAYOUT[,...]] [--short] [--offset K]

Reads ``papers.json`` beside this script (title, authors with affiliation
indexes and marks, affiliations as printed lines, abstract, keywords) and
typesets every paper in several LaTeX layouts with ``pdflatex`` (TeX Live).
Writes ``OUTDIR/pdf/<id>_<layout>.pdf`` and ``OUTDIR/gold.jsonl`` in the
schema of ``shared/corpus/*/gold.jsonl`` (plus ``layout``).

Why a generator rather than committed PDFs: the point is layouts the corpus
does not have (revtex, amsart, ACM, IEEE journal footnotes, ``\\thanks``
footnotes, ``\\twocolumn[...]`` headers, teasers, margin stamps); the
assignment of papers to layouts is a fixed rotation, so runs are repeatable.
Gold conventions follow ``shared/corpus/real/SOURCES.md``; see README.md here
for the choices specific to this set (e.g. amsart addresses print at the end
of the paper, so its gold has no affiliations).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

# The parts, by job (this folder is the script's own, so they import by name); re-exported
# for make_classes.py and layouts_classes.py, which use them as ``make_set.X``.
from build import assignments, build, compile_one, with_times  # noqa: F401
from layouts import *  # noqa: F401,F403
from layouts import ALL_LAYOUTS, LAYOUTS, _numbered_affs, _sup_names  # noqa: F401
from paper import ALL_ABSTRACTS, HERE, Paper, esc, stamp  # noqa: F401


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--only", help="comma-separated layout names")
    ap.add_argument("--per-paper", type=int, default=6, help="layouts per paper (default 6)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--offset", type=int, default=0, help="shift the rotation: disjoint combinations (default 0)")
    ap.add_argument("--papers", type=Path, default=HERE / "papers.json")
    ap.add_argument("--select", help="comma-separated output names (<id>_<layout>) to typeset only those")
    ap.add_argument("--short", action="store_true", help="one paragraph of body text (small test fixtures)")
    args = ap.parse_args(argv)
    if not shutil.which("pdflatex"):
        print("pdflatex not found: install TeX Live (see README.md)", file=sys.stderr)
        return 2
    raw = json.loads(args.papers.read_text(encoding="utf-8"))
    ALL_ABSTRACTS[:] = [r["abstract"] for r in raw]
    papers = [Paper(r, i, args.short) for i, r in enumerate(raw)]
    layouts = args.only.split(",") if args.only else list(LAYOUTS)
    if args.select:
        by_id = {p.id: p for p in papers}
        jobs = [(by_id[n.split("_", 1)[0]], n.split("_", 1)[1]) for n in args.select.split(",")]
    else:
        jobs = assignments(papers, layouts, args.per_paper if not args.only else len(layouts), args.offset)
    pdf_dir = args.outdir / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)

    def run(job: tuple[Paper, str]) -> tuple[dict, str | None]:
        p, name = job
        render, has_affs = ALL_LAYOUTS[name]
        file = f"{p.id}_{name}.pdf"
        tex = render(p)
        if p.short:
            tex = with_times(tex)
        return p.gold(name, file, has_affs), compile_one(tex, pdf_dir / file)

    return build(run, jobs, args.outdir, pdf_dir, args.jobs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

