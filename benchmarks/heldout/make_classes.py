#!/usr/bin/env python3
"""Typeset the abstract and affiliation failure classes of issue 11 as a held-out set.

Usage: make_classes.py OUTDIR [--half dev|held|all] [--jobs N] [--select NAME[,...]] [--short]

Three classes, each in several layouts, on the headers of ``papers.json``:

- ``toc``: a table of contents (dotted leaders, page numbers) printed before the abstract,
  under the header on page 1 or on a page of its own after a title page.
- ``spill``: an abstract that runs past the foot of page 1 (one column, under a teaser
  figure, sometimes with a running head on page 2) or from the first column into the second.
- ``wrap``: long institution names broken over two lines ("Korea Advanced Institute of" /
  "Science and Technology"), and "Departments of" on a line of its own, typeset in layouts of
  make_set.py. The institutions are not the papers' own and appear nowhere in the corpus.

``--half dev`` (even papers) is what the extractor may be tuned on; ``--half held`` (odd
papers) is scored once, at the end. Gold follows make_set.py: the printed affiliation lines of
one institution joined with ", ", the abstract's paragraphs joined with one space.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set as ms  # noqa: E402

# Printed lines of long institutions, broken where a narrow author block breaks them; "+" opens
# a line that goes on with the name above (inline forms join it with a space, not a comma).
WRAPPED = [
    ["Korea Advanced Institute of", "+Science and Technology", "Daejeon, South Korea"],
    ["National Institute of Advanced Industrial", "+Science and Technology", "Tsukuba, Japan"],
    ["Max Planck Institute for Intelligent", "+Systems", "Tübingen, Germany"],
    ["Departments of", "+Mathematics and Statistics", "Lakeshore University", "Halifax, Canada"],
    ["Norwegian University of Science", "+and Technology", "Trondheim, Norway"],
    ["Mohamed bin Zayed University of", "+Artificial Intelligence", "Abu Dhabi, UAE"],
    ["King Abdullah University of", "+Science and Technology", "Thuwal, Saudi Arabia"],
    ["Graduate School of Information", "+Science and Technology", "Hokkaido University", "Sapporo, Japan"],
    ["Shenzhen Institute of Advanced", "+Technology", "Shenzhen, China"],
    ["Indraprastha Institute of", "+Information Technology", "New Delhi, India"],
    ["Departments of Electrical and", "+Computer Engineering", "Rice University", "Houston, USA"],
    ["Federal University of Rio Grande", "+do Sul", "Porto Alegre, Brazil"],
    ["Swiss Federal Institute of", "+Technology Lausanne", "Lausanne, Switzerland"],
    ["Birla Institute of Technology", "+and Science, Pilani", "Hyderabad, India"],
]
WRAP_LAYOUTS = ["ieee-conf", "authblk", "neurips-like", "llncs", "elsarticle", "jmlr-like", "acl-like"]

SECTIONS = ["Introduction", "Background", "Problem Setting", "Method", "Experiments", "Ablations",
            "Related Work", "Limitations", "Conclusion"]


class _Wrapped(ms.Paper):
    """A paper whose institutions print as broken lines in blocks and as one line inline."""

    def aff_inline(self, i: int) -> str:
        return ms.esc(self._one_line(i))

    def _one_line(self, i: int) -> str:
        return ", ".join(self.raw["printed"][i]).replace(", +", " ")

    def gold(self, layout: str, file: str, affiliations: bool = True) -> dict:
        rec = super().gold(layout, file, affiliations)
        rec["affiliations"] = [self._one_line(i) for i in range(len(self.affs))] if affiliations else []
        return rec


def _wrapped(p: ms.Paper) -> ms.Paper:
    """The paper with its institutions replaced by long, hand-broken ones."""
    picked = [WRAPPED[(p.index * 3 + k) % len(WRAPPED)] for k in range(len(p.affs))]
    raw = dict(p.raw, printed=picked, affiliations=[[line.lstrip("+") for line in a] for a in picked])
    return _Wrapped(raw, p.index, p.short)


def _long(p: ms.Paper) -> ms.Paper:
    """The paper with an abstract of two paragraphs, long enough to leave its column."""
    other = ms.ALL_ABSTRACTS[(p.index * 5 + 3) % 30]
    return replace(p, raw=dict(p.raw, abstract=p.raw["abstract"] + "\n\n" + other))


def _body(p: ms.Paper) -> str:
    """Numbered sections with subsections: a table of contents with something in it."""
    paras = [ms.esc(ms.ALL_ABSTRACTS[(p.index * 7 + k) % 30]) for k in range(len(SECTIONS))]
    out = []
    for k, (name, para) in enumerate(zip(SECTIONS, paras)):
        out.append(f"\\section{{{name}}}\n{para}\n")
        if k % 3 == 1:
            out.append(f"\\subsection{{Setting {k}}}\nDetails follow.\n\\subsection{{Results {k}}}\nMore.\n")
    return "\n".join(out)


def _authors_block(p: ms.Paper) -> str:
    return (f"{{\\large {ms._sup_names(p, ms.QUAD)}\\par}}\\vspace{{6pt}}\n"
            f"{{\\small {ms._numbered_affs(p)}\\par}}")


def toc(p: ms.Paper) -> str:
    """Company-report style: header, a table of contents, then the abstract (page 1 or a title page)."""
    titlepage = p.index % 4 in (1, 2)
    head = f"""\\begin{{center}}{{\\LARGE\\bfseries {p.title}\\par}}\\vspace{{14pt}}
{_authors_block(p)}
\\end{{center}}"""
    if titlepage:
        head += "\n\\vspace*{\\fill}\\begin{center}Technical Report, September 2025\\end{center}\n\\newpage"
    gap = "\\newpage" if titlepage else "\\bigskip"
    entry = "\\addcontentsline{toc}{section}{Abstract}" if p.index % 3 == 0 else ""  # the TOC lists it too
    name = "\\renewcommand{\\contentsname}{Table of Contents}" if p.index % 5 == 0 else ""
    return f"""\\documentclass[11pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage[margin=1in]{{geometry}}
{ms.stamp(p)}\\begin{{document}}
{head}
{name}\\tableofcontents
{gap}
\\begin{{abstract}}{entry}
{p.abstract}
\\end{{abstract}}
{_body(p)}
\\end{{document}}
"""


def spill(p: ms.Paper) -> str:
    """An abstract that does not fit where it starts: bottom of page 1, or the first column."""
    if p.index % 4 in (0, 1):
        head = "\\usepackage{fancyhdr}\\pagestyle{fancy}\\fancyhead[L]{\\small Preprint}\\fancyhead[R]{\\small\\thepage}" \
            if p.index % 8 in (4, 5) else ""
        return f"""\\documentclass[11pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage[margin=1in]{{geometry}}{head}
{ms.stamp(p)}\\begin{{document}}
\\begin{{center}}{{\\LARGE\\bfseries {p.title}\\par}}\\vspace{{14pt}}
{_authors_block(p)}\\vspace{{10pt}}
\\fbox{{\\parbox[c][9cm][c]{{0.9\\textwidth}}{{\\centering\\Large pipeline overview}}}}\\\\[4pt]
{{\\small Figure 1: The system at a glance.}}
\\end{{center}}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
{p.filler(4)}
\\end{{document}}
"""
    return f"""\\documentclass[10pt,twocolumn]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[margin=0.8in]{{geometry}}
{ms.stamp(p)}\\begin{{document}}
\\twocolumn[{{\\begin{{center}}{{\\Large\\bfseries {p.title}\\par}}\\vspace{{12pt}}
{_authors_block(p)}
\\end{{center}}\\vspace{{{'14cm' if p.index % 4 == 2 else '8pt'}}}}}]
\\section*{{Abstract}}
{p.abstract}
{p.filler(5)}
\\end{{document}}
"""


def wrap(p: ms.Paper) -> tuple[str, str]:
    """A make_set layout with long institutions; returns (layout name, TeX)."""
    name = WRAP_LAYOUTS[p.index % len(WRAP_LAYOUTS)]
    return name, ms.LAYOUTS[name][0](_wrapped(p))


def jobs(papers: list[ms.Paper]) -> list[tuple[ms.Paper, str, str]]:
    """(paper as printed, output name, TeX) for every paper and class."""
    out = []
    for p in papers:
        long = _long(p)
        out.append((p, f"{p.id}_toc.pdf", toc(p)))
        out.append((long, f"{p.id}_spill.pdf", spill(long)))
        layout, tex = wrap(p)
        out.append((_wrapped(p), f"{p.id}_wrap-{layout}.pdf", tex))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--half", choices=("dev", "held", "all"), default="dev",
                    help="dev: even papers (tune on these); held: odd papers (score once)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--papers", type=Path, default=ms.HERE / "papers.json")
    ap.add_argument("--select", help="comma-separated output names (<id>_<class>) to typeset only those")
    ap.add_argument("--short", action="store_true", help="Times fonts (small test fixtures)")
    args = ap.parse_args(argv)
    if not shutil.which("pdflatex"):
        print("pdflatex not found: install TeX Live (see README.md)", file=sys.stderr)
        return 2
    raw = json.loads(args.papers.read_text(encoding="utf-8"))
    ms.ALL_ABSTRACTS[:] = [r["abstract"] for r in raw]
    papers = [ms.Paper(r, i) for i, r in enumerate(raw)]
    if args.half != "all" and not args.select:
        papers = [p for p in papers if p.index % 2 == (args.half == "held")]
    todo = jobs(papers)
    if args.select:
        wanted = set(args.select.split(","))
        todo = [j for j in todo if j[1].rsplit(".", 1)[0] in wanted]
    pdf_dir = args.outdir / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)

    def run(job: tuple[ms.Paper, str, str]) -> tuple[dict, str | None]:
        p, file, tex = job
        if args.short:
            tex = ms.with_times(tex)
        rec = p.gold(file.rsplit(".", 1)[0].split("_", 1)[1], file)
        rec["abstract"] = " ".join(rec["abstract"].split())
        return rec, ms.compile_one(tex, pdf_dir / file)

    return ms.build(run, todo, args.outdir, pdf_dir, args.jobs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
