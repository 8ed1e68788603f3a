"""A held-out paper header as data (papers.json) and the TeX snippets every layout shares.

``Paper`` holds one record: title, authors with affiliation indexes and marks, affiliations as
printed lines, abstract; ``gold()`` gives its record in the corpus schema. Used by layouts.py,
layouts_classes.py and make_classes.py.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK_SYMBOL = {"equal": "*", "corr": "\\dag"}
MARK_NOTE = {"equal": "Equal contribution.", "corr": "Corresponding author."}
_ESC = {"&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}",
        "^": "\\textasciicircum{}", "±": "$\\pm$", "×": "$\\times$", "≈": "$\\approx$",
        "α": "$\\alpha$", "β": "$\\beta$", "•": "\\textbullet{}"}


def esc(text: str) -> str:
    """Escape LaTeX specials so the printed text equals the gold text."""
    return "".join(_ESC.get(c, c) for c in text)


@dataclass(frozen=True)
class Paper:
    """One header from papers.json, with helpers every layout needs."""
    raw: dict
    index: int
    short: bool = False

    @property
    def id(self) -> str: return self.raw["id"]
    @property
    def title(self) -> str: return esc(self.raw["title"])
    @property
    def abstract(self) -> str: return esc(self.raw["abstract"])
    @property
    def authors(self) -> list[dict]: return self.raw["authors"]
    @property
    def affs(self) -> list[list[str]]: return [[esc(x) for x in a] for a in self.raw["affiliations"]]
    @property
    def keywords(self) -> list[str]: return self.raw.get("keywords") or ["efficient inference", "deep learning"]

    def name(self, a: dict) -> str: return esc(a["name"])

    def email(self, a: dict) -> str:
        if a.get("email"):
            return a["email"]
        user = unicodedata.normalize("NFKD", a["name"].split()[-1].lower()).encode("ascii", "ignore").decode().replace("'", "")
        dom = {0: "example.edu", 1: "inst.org", 2: "lab.ac.uk", 3: "corp.com"}
        return f"{user}@{dom[(a['aff'] or [0])[0] % 4]}"

    def marks(self, a: dict) -> str:
        return "".join(MARK_SYMBOL[m] for m in a["marks"])

    def used_marks(self) -> list[str]:
        return [m for m in ("equal", "corr") if any(m in a["marks"] for a in self.authors)]

    def aff_inline(self, i: int) -> str:
        return ", ".join(self.affs[i])

    def filler(self, paragraphs: int = 4, keep: bool = False) -> str:
        """Body text after the header: other papers' abstracts, so page 1 looks like a paper.

        ``short`` papers (test fixtures) get one paragraph unless ``keep`` (amsart needs its
        body to push the addresses off page 1)."""
        if self.short and not keep:
            paragraphs = 1
        pool = ALL_ABSTRACTS[:30]  # fixed pool: appending papers leaves existing PDFs unchanged
        picks = [pool[(self.index * 7 + k * 3 + 1) % len(pool)] for k in range(paragraphs)]
        return ("\\section{Introduction}\n" + "\n\n".join(esc(p) for p in picks[:2])
                + "\n\n\\section{Related Work}\n" + "\n\n".join(esc(p) for p in picks[2:]) + "\n")

    def gold(self, layout: str, file: str, affiliations: bool = True) -> dict:
        affs = [", ".join(a) for a in self.raw["affiliations"]] if affiliations else []
        return {"file": file, "title": self.raw["title"], "authors": [a["name"] for a in self.authors],
                "affiliations": affs,
                "author_affiliations": [list(a["aff"]) if affiliations else [] for a in self.authors],
                "abstract": self.raw["abstract"], "layout": layout}


ALL_ABSTRACTS: list[str] = []
AND, QUAD, SEP, NOTHING = " \\and ", " \\quad ", " \\sep ", "\\mbox{}"

STAMP = (r"\usepackage{eso-pic,graphicx,xcolor}" "\n"
         r"\AddToShipoutPictureBG*{\AtPageLowerLeft{\put(22,230){\rotatebox{90}{\fontfamily{ptm}"
         r"\fontsize{20}{20}\selectfont\textcolor{gray}{arXiv:25%02d.%05dv1  [cs.LG]  %d Sep 2025}}}}}" "\n")


def stamp(p: Paper) -> str:
    """An arXiv-like margin stamp on every third paper."""
    return STAMP % (9, 1000 + 37 * p.index, 1 + p.index % 28) if p.index % 3 == 0 else ""


def mark_footnotes(p: Paper) -> str:
    return "".join(f"\\footnotetext{{${MARK_SYMBOL[m]}$ {MARK_NOTE[m]}}}" for m in p.used_marks())


def sup_marks(p: Paper, a: dict) -> str:
    m = p.marks(a)
    return f"$^{{{m}}}$" if m else ""


def keywords_line(p: Paper, label: str = "Keywords") -> str:
    return f"\n\\noindent\\textbf{{{label}:}} {esc(', '.join(p.keywords))}\n"
