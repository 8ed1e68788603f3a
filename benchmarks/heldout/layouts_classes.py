"""Layouts for the header failure classes of issue 11, used by make_set.py like its own.

- ``iclr-smallcaps``: ICLR's title in small capitals (``\\LARGE\\sc``), bold names over plain
  affiliation lines, ``ABSTRACT`` and section headings in small capitals; on odd papers the
  title's last word is set alone on its line.
- ``caps-report``: a technical report with the title in plain capitals and surnames in
  capitals ("Peng LU"), numbered affiliations, an ``ABSTRACT`` heading.
- ``usenix-cover``: a proceedings cover sheet (title, "A, B, and C, Institution; D,
  Institution2", the proceedings notice) in front of the paper's own first page.

Each takes a ``make_set.Paper`` and returns LaTeX; gold is the paper's, as for every layout.
Names of people and institutions come from ``papers_classes.json`` (made up), not the corpus.
"""
from __future__ import annotations

FONT = "\\usepackage[T1]{fontenc}\\usepackage{times}"


def _title(p, break_last: bool) -> str:
    """The title, with its last word on a line of its own when asked ('... A Systematic' / 'Review')."""
    head, _, last = p.title.rpartition(" ")
    return f"{head}\\\\ {last}" if break_last and head else p.title


def _numbers(a: dict) -> str:
    return ",".join(str(i + 1) for i in a["aff"])


def _sup(p, a: dict) -> str:
    marks = _numbers(a) + ("," if a["aff"] and p.marks(a) else "") + p.marks(a)
    return f"$^{{{marks}}}$" if marks else ""


def _numbered(p) -> str:
    return "\\\\ ".join(f"$^{{{i + 1}}}${p.aff_inline(i)}" for i in range(len(p.affs)))


def _groups(p) -> list[tuple[list[dict], int | None]]:
    """Consecutive authors that share their first affiliation."""
    out: list[tuple[list[dict], int | None]] = []
    for a in p.authors:
        key = a["aff"][0] if a["aff"] else None
        if out and out[-1][1] == key:
            out[-1][0].append(a)
        else:
            out.append(([a], key))
    return out


def _and_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def iclr_smallcaps(p) -> str:
    if len(p.authors) > 6 or not p.affs:
        names = ", ".join(f"{p.name(a)}{_sup(p, a)}" for a in p.authors)
        block = f"\\begin{{tabular}}[t]{{l}}\\bf\\rule{{0pt}}{{24pt}}{names}\\\\ {_numbered(p)}\\end{{tabular}}" \
            if p.affs else f"\\textbf{{{names}}}"
        if len(p.authors) > 6:
            block = f"\\parbox[t]{{\\textwidth}}{{\\bf {names}\\par\\mdseries {_numbered(p)}}}"
    else:
        cells = []
        for group, key in _groups(p):
            names = " \\& ".join(f"{p.name(a)}{'$^{' + p.marks(a) + '}$' if p.marks(a) else ''}" for a in group)
            aff = "\\\\ ".join(p.affs[key]) if key is not None else ""
            mail = "\\texttt{" + ", ".join(p.email(a) for a in group) + "}"
            cells.append(f"\\begin{{tabular}}[t]{{l}}\\bf\\rule{{0pt}}{{24pt}}{names}\\\\ {aff}\\\\ {mail}\\end{{tabular}}")
        block = " \\hfil\\linebreak[0]\\hfil ".join(cells)
    return f"""\\documentclass{{article}}
{FONT}\\usepackage[letterpaper,textwidth=5.5in,textheight=9in,top=1in]{{geometry}}
\\makeatletter
\\renewcommand{{\\section}}{{\\@startsection{{section}}{{1}}{{\\z@}}{{-2.0ex plus -0.5ex minus -.2ex}}{{1.5ex plus 0.3ex minus0.2ex}}{{\\large\\sc\\raggedright}}}}
\\makeatother
\\pagestyle{{empty}}
\\begin{{document}}
{{\\small Published as a conference paper at ICLR 2026}}\\par\\vspace{{0.4in}}
{{\\raggedright\\LARGE\\sc {_title(p, p.index % 2 == 1)}\\par}}
\\vspace{{0.1in}}
\\noindent{block}
\\vspace{{0.3in}}
\\begin{{center}}{{\\large\\sc Abstract}}\\end{{center}}
\\begin{{quote}}
{p.abstract}
\\end{{quote}}
{p.filler()}
\\end{{document}}
"""


def _caps_surname(p, a: dict) -> str:
    """'Given SURNAME' as some reports print names; a group name ('Heron Team') stays as it is."""
    name = p.name(a)
    if not a["aff"]:
        return name
    given, _, surname = name.rpartition(" ")
    return f"{given} \\MakeUppercase{{{surname}}}"


def caps_report(p) -> str:
    names = ", ".join(f"{_caps_surname(p, a)}{_sup(p, a)}" for a in p.authors)
    affs = f"{{\\small {_numbered(p)}\\par}}" if p.affs else "{\\small \\texttt{https://example.org/models}\\par}"
    return f"""\\documentclass[11pt]{{article}}
{FONT}\\usepackage[margin=1in]{{geometry}}
\\pagestyle{{empty}}
\\begin{{document}}
\\begin{{center}}
{{\\Large\\bfseries\\MakeUppercase{{{_title(p, p.index % 2 == 0)}}}\\par}}
\\vspace{{8pt}}
{{\\footnotesize TECHNICAL REPORT\\par}}
\\vspace{{14pt}}
{{\\bfseries {names}\\par}}
\\vspace{{6pt}}
{affs}
\\vspace{{18pt}}
{{\\bfseries ABSTRACT}}
\\end{{center}}
\\begin{{quote}}
{p.abstract}
\\end{{quote}}
{p.filler()}
\\end{{document}}
"""


def usenix_cover(p) -> str:
    groups = []
    for group, key in _groups(p):
        names = _and_list([p.name(a) for a in group])
        groups.append(f"{names}, {p.aff_inline(key)}" if key is not None else names)
    slug = p.id.lower()
    size = "\\large" if len(p.authors) <= 10 else "\\footnotesize"  # a long list still fits the cover
    return f"""\\documentclass[letterpaper,twocolumn,10pt]{{article}}
{FONT}\\usepackage[margin=0.75in]{{geometry}}
\\pagestyle{{empty}}
\\begin{{document}}
\\onecolumn
\\vspace*{{1.6in}}
\\begin{{center}}
{{\\huge\\bfseries {p.title}\\par}}
\\vspace{{14pt}}
{{{size}\\bfseries {'; '.join(groups)}\\par}}
\\vspace{{8pt}}
{{\\large https://www.example.org/conference/sscs26/presentation/{slug}\\par}}
\\vspace{{0.8in}}
{{\\LARGE\\bfseries This paper is included in the Proceedings of the\\\\ 19th Symposium on Shared Computing Systems.\\par}}
\\vspace{{6pt}}
{{\\large\\bfseries March 3--5, 2026 \\textbullet{{}} Lisbon, Portugal\\par}}
{{\\large ISBN 978-1-234567-89-0\\par}}
\\vfill
{{\\Large\\bfseries Open access to the Proceedings of the\\\\ 19th Symposium on Shared Computing Systems\\\\ is sponsored by\\par}}
\\end{{center}}
\\newpage
\\twocolumn[
\\begin{{center}}
{{\\Large\\bfseries {p.title}\\par}}
\\vspace{{10pt}}
{{\\large {", ".join(f"{p.name(a)}{_sup(p, a)}" for a in p.authors)}\\par}}
\\vspace{{6pt}}
{{\\large {_numbered(p)}\\par}}
\\end{{center}}
\\vspace{{12pt}}
]
\\section*{{Abstract}}
{p.abstract}
{p.filler()}
\\end{{document}}
"""


LAYOUTS = {
    "iclr-smallcaps": (iclr_smallcaps, True),
    "caps-report": (caps_report, True),
    "usenix-cover": (usenix_cover, True),
}
