"""The LaTeX layouts of the held-out set: one function per layout, ``Paper -> TeX source``.

``LAYOUTS`` is the default rotation (name -> (render, affiliations print on page 1));
``ALL_LAYOUTS`` adds issue 11's classes from layouts_classes.py.
"""
from __future__ import annotations

from pathlib import Path

from layouts_classes import LAYOUTS as CLASS_LAYOUTS  # this folder is the script's own: on sys.path
from paper import (  # noqa: F401
    ALL_ABSTRACTS,
    AND,
    MARK_NOTE,
    MARK_SYMBOL,
    NOTHING,
    QUAD,
    SEP,
    Paper,
    esc,
    keywords_line,
    mark_footnotes,
    stamp,
    sup_marks,
)

# ---------------------------------------------------------------- layouts

def authblk(p: Paper) -> str:
    authors = "\n".join(f"\\author[{','.join(str(i + 1) for i in a['aff'])}]{{{p.name(a)}{sup_marks(p, a)}}}"
                        for a in p.authors)
    affs = "\n".join(f"\\affil[{i + 1}]{{{aff}}}" for i, aff in enumerate(
        ["\\protect\\\\ ".join(x) for x in p.affs]))
    return f"""\\documentclass[11pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage[margin=1in]{{geometry}}\\usepackage{{authblk}}
{stamp(p)}\\title{{{p.title}}}
{authors}
{affs}
\\date{{}}
\\begin{{document}}
\\maketitle
{mark_footnotes(p)}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
{keywords_line(p)}
{p.filler()}
\\end{{document}}
"""


def thanks(p: Paper) -> str:
    """Plain article: \\and-separated authors, each affiliation in a \\thanks footnote."""
    seen: dict[int, bool] = {}
    parts = []
    for a in p.authors:
        notes = []
        for i in a["aff"]:
            if i not in seen:
                seen[i] = True
                notes.append(f"\\thanks{{{p.aff_inline(i)}. Email: \\texttt{{{p.email(a)}}}}}")
        for m in a["marks"]:
            notes.append(f"\\thanks{{{MARK_NOTE[m]}}}")
        parts.append(p.name(a) + "".join(notes))
    return f"""\\documentclass[11pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[margin=1.1in]{{geometry}}
{stamp(p)}\\title{{{p.title}\\thanks{{Preprint. Work in progress.}}}}
\\author{{{AND.join(parts)}}}
\\date{{September 2025}}
\\begin{{document}}
\\maketitle
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
{p.filler()}
\\end{{document}}
"""


def _sup_names(p: Paper, sep: str = ", ") -> str:
    return sep.join(f"{p.name(a)}$^{{{','.join(str(i + 1) for i in a['aff'])}"
                    f"{p.marks(a)}}}$" for a in p.authors)


def _numbered_affs(p: Path | Paper, sep: str = "\\\\\n") -> str:
    return sep.join(f"$^{{{i + 1}}}${p.aff_inline(i)}" for i in range(len(p.affs)))


def teaser_box(p: Paper, width: str = "0.9\\textwidth") -> str:
    return (f"\\fbox{{\\parbox[c][4cm][c]{{{width}}}{{\\centering\\Large input \\quad$\\rightarrow$\\quad "
            f"model \\quad$\\rightarrow$\\quad output}}}}\\\\[4pt]\n"
            f"{{\\small Figure 1: Overview of the proposed method. Compared with the baseline, our approach "
            f"reduces latency while keeping accuracy on all benchmarks.}}")


def twocol(p: Paper, teaser: bool = False) -> str:
    """article twocolumn with a hand-made \\twocolumn[...] header (CVPR/arXiv-like)."""
    emails = p.raw.get("email_domain") or ", ".join(p.email(a) for a in p.authors[:2])
    tz = f"\\vspace{{6pt}}\n{teaser_box(p)}\n" if teaser else ""
    return f"""\\documentclass[10pt,twocolumn]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[margin=0.8in]{{geometry}}
{stamp(p)}\\begin{{document}}
\\twocolumn[{{\\begin{{center}}
{{\\Large\\bfseries {p.title}\\par}}
\\vspace{{14pt}}
{{\\large {_sup_names(p, QUAD)}\\par}}
\\vspace{{8pt}}
{_numbered_affs(p)}\\\\
{{\\small\\texttt{{{esc(emails)}}}}}
{tz}\\end{{center}}
\\vspace{{10pt}}}}]
{mark_footnotes(p)}
\\begin{{center}}\\textbf{{\\large Abstract}}\\end{{center}}
{{\\itshape {p.abstract}\\par}}
{p.filler(5)}
\\end{{document}}
"""


def neurips_like(p: Paper) -> str:
    """One column, title between rules, author blocks side by side (tabular), emails under names.

    Past six authors NeurIPS papers switch to a names line with numbered affiliations; so do we."""
    if len(p.authors) > 6:
        return neurips_many(p)
    blocks = []
    for a in p.authors:
        aff = "\\\\ ".join(p.affs[a["aff"][0]]) if a["aff"] else ""
        blocks.append(f"\\begin{{tabular}}[t]{{c}}\\textbf{{{p.name(a)}}}{sup_marks(p, a)}\\\\ {aff}\\\\ "
                      f"\\texttt{{{p.email(a)}}}\\end{{tabular}}")
        extra = a["aff"][1:]
        if extra:
            blocks[-1] = blocks[-1].replace("\\\\ \\texttt", "\\\\ " + "\\\\ ".join(p.aff_inline(i) for i in extra)
                                            + "\\\\ \\texttt")
    rows = " \\hfill ".join(blocks) if len(blocks) <= 3 else " \\\\[10pt]\n".join(
        " \\hfill ".join(blocks[k:k + 3]) for k in range(0, len(blocks), 3))
    return _neurips_page(p, f"{{\\small {rows}\\par}}")


def neurips_many(p: Paper) -> str:
    emails = p.raw.get("email_domain") or p.email(p.authors[0])
    return _neurips_page(p, f"""{{\\bfseries {_sup_names(p)}\\par}}
\\vspace{{0.1in}}
{{\\small {_numbered_affs(p)}\\\\ \\texttt{{{esc(emails)}}}\\par}}""")


def _neurips_page(p: Paper, authors: str) -> str:
    """The NeurIPS page around its author block: title between rules, abstract in a quote."""
    return f"""\\documentclass[10pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[textwidth=5.5in,textheight=9in]{{geometry}}
{stamp(p)}\\begin{{document}}
\\begin{{center}}
\\hrule height 4pt \\vspace{{0.25in}}
{{\\LARGE\\bfseries {p.title}\\par}}
\\vspace{{0.2in}} \\hrule height 1pt \\vspace{{0.3in}}
{authors}
\\end{{center}}
{mark_footnotes(p)}
\\vspace{{0.2in}}
\\begin{{center}}{{\\large\\bfseries Abstract}}\\end{{center}}
\\begin{{quote}}
{p.abstract}
\\end{{quote}}
{p.filler()}
\\end{{document}}
"""


def icml_like(p: Paper) -> str:
    """Two columns, names with numbers, affiliations and correspondence in a first-column footnote."""
    names = ", ".join(f"{p.name(a)}\\,$^{{{' '.join(str(i + 1) for i in a['aff'])}{p.marks(a)}}}$"
                      for a in p.authors)
    affs = " ".join(f"$^{{{i + 1}}}${p.aff_inline(i)}." for i in range(len(p.affs)))
    corr = [a for a in p.authors if "corr" in a["marks"]] or p.authors[-1:]
    corr_txt = ", ".join(f"{p.name(a)} <{p.email(a)}>" for a in corr)
    equal = "$^*$Equal contribution. " if any("equal" in a["marks"] for a in p.authors) else ""
    return f"""\\documentclass[10pt,twocolumn]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[margin=0.75in]{{geometry}}
{stamp(p)}\\begin{{document}}
\\twocolumn[{{\\hrule height 1pt\\vspace{{0.1in}}
\\begin{{center}}{{\\Large\\bfseries {p.title}\\par}}\\end{{center}}
\\vspace{{0.05in}}\\hrule height 1pt\\vspace{{0.2in}}
\\begin{{center}}{{\\bfseries {names}\\par}}\\end{{center}}
\\vspace{{0.3in}}}}]
\\renewcommand{{\\thefootnote}}{{}}
\\footnotetext{{{equal}{affs} Correspondence to: {corr_txt}.\\\\[2pt]
\\textit{{Proceedings of the 42nd International Conference on Machine Learning}}, Vancouver, Canada. PMLR 267, 2025. Copyright 2025 by the author(s).}}
\\renewcommand{{\\thefootnote}}{{\\arabic{{footnote}}}}
\\begin{{center}}\\textbf{{Abstract}}\\end{{center}}
\\begin{{quote}}
{p.abstract}
\\end{{quote}}
{p.filler(5)}
\\end{{document}}
"""


def ieee_conf(p: Paper) -> str:
    if len(p.authors) <= 6:
        blocks = []
        for a in p.authors:
            lines = [l for i in a["aff"] for l in p.affs[i]]
            blocks.append(f"\\IEEEauthorblockN{{{p.name(a)}{sup_marks(p, a)}}}\n\\IEEEauthorblockA{{"
                          + "\\\\\n".join(lines) + f"\\\\\n{p.email(a)}}}")
        authors = "\n\\and\n".join(blocks)
    else:
        rows = [p.authors[k:k + 4] for k in range(0, len(p.authors), 4)]  # a tabular cell: break rows by hand
        names = ",\\\\\n".join(", ".join(f"{p.name(a)}$^{{{','.join(str(i + 1) for i in a['aff'])}{p.marks(a)}}}$"
                                         for a in row) for row in rows)
        authors = ("\\IEEEauthorblockN{" + names + "}\n\\IEEEauthorblockA{"
                   + "\\\\\n".join(f"\\textit{{$^{{{i + 1}}}${p.aff_inline(i)}}}" for i in range(len(p.affs))) + "}")
    return f"""\\documentclass[conference]{{IEEEtran}}
\\usepackage[T1]{{fontenc}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
\\author{{{authors}}}
\\maketitle
{mark_footnotes(p)}
{_ieee_end(p)}"""


def _ieee_end(p: Paper) -> str:
    """Abstract, index terms and body of both IEEE layouts."""
    return f"""\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
\\begin{{IEEEkeywords}}
{esc(', '.join(p.keywords))}
\\end{{IEEEkeywords}}
{p.filler(5)}
\\end{{document}}
"""


def ieee_journal(p: Paper) -> str:
    """IEEE Transactions: names on one line, affiliations only in a \\thanks footnote sentence."""
    grades = ["Member, IEEE", "Senior Member, IEEE", "", "Fellow, IEEE"]
    names = [p.name(a) + (f", {grades[k % 4]}" if p.index % 2 == 0 and grades[k % 4] else "")
             for k, a in enumerate(p.authors)]  # IEEE membership grades on even papers
    joined = ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1] if len(names) > 1 else names[0]
    sentences = []
    for i in range(len(p.affs)):
        who = [a for a in p.authors if i in a["aff"]]
        initials = [". ".join(w[0] for w in a["name"].split()[:-1]) + ". " + a["name"].split()[-1] for a in who]
        subj = initials[0] if len(initials) == 1 else ", ".join(initials[:-1]) + " and " + initials[-1]
        sentences.append(f"{esc(subj)} {'is' if len(who) == 1 else 'are'} with {p.aff_inline(i)} "
                         f"(e-mail: {p.email(who[0])}).")
    return f"""\\documentclass[journal]{{IEEEtran}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
\\author{{{joined}%
\\thanks{{Manuscript received March 3, 2025; revised June 12, 2025.}}%
\\thanks{{{' '.join(sentences)}}}}}
\\markboth{{IEEE Transactions on Neural Networks and Learning Systems, Vol.~36, No.~9, September 2025}}{{}}
\\maketitle
{_ieee_end(p)}"""


def jmlr_like(p: Paper) -> str:
    """JMLR-like: one block per author, name left and e-mail flush right, affiliation lines below."""
    blocks = []
    for a in p.authors:
        lines = "\\\\\n".join(l for i in a["aff"] for l in p.affs[i])
        blocks.append(f"\\noindent\\textbf{{{p.name(a)}}} \\hfill \\texttt{{{p.email(a)}}}\\\\\n{lines}\\\\[6pt]")
    return f"""\\documentclass[11pt]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage[margin=1.1in]{{geometry}}
{stamp(p)}\\begin{{document}}
\\noindent{{\\footnotesize Journal of Machine Learning Research 26 (2025) 1-34 \\hfill Submitted 3/25; Published 9/25}}
\\vspace{{0.3in}}
\\begin{{center}}{{\\LARGE\\bfseries {p.title}\\par}}\\end{{center}}
\\vspace{{0.2in}}
{chr(10).join(blocks)}
\\noindent\\textbf{{Editor:}} Jane Doe
\\begin{{center}}{{\\large\\bfseries Abstract}}\\end{{center}}
\\begin{{quote}}
{p.abstract}
\\end{{quote}}
\\noindent\\textbf{{Keywords:}} {esc(', '.join(p.keywords))}
{p.filler()}
\\end{{document}}
"""


def acl_like(p: Paper) -> str:
    """ACL-like two columns: author tabulars side by side (few authors) or a names line with numbers."""
    if len(p.authors) <= 3:
        cells = []
        for a in p.authors:
            lines = "\\\\ ".join(p.aff_inline(i) for i in a["aff"])
            cells.append(f"\\begin{{tabular}}[t]{{c}}\\textbf{{{p.name(a)}}}{sup_marks(p, a)}\\\\ {lines}\\\\ "
                         f"\\texttt{{{p.email(a)}}}\\end{{tabular}}")
        authors = " \\quad ".join(cells)
    else:
        emails = p.raw.get("email_domain") or p.email(p.authors[0])
        authors = (f"\\textbf{{{_sup_names(p)}}}\\\\[4pt]\n{_numbered_affs(p, ' ')}\\\\ "
                   f"\\texttt{{{esc(emails)}}}")
    return f"""\\documentclass[11pt,twocolumn]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage{{times}}\\usepackage[margin=1in]{{geometry}}
{stamp(p)}\\begin{{document}}
\\twocolumn[{{\\begin{{center}}
{{\\Large\\bfseries {p.title}\\par}}
\\vspace{{12pt}}
{{\\normalsize {authors}\\par}}
\\end{{center}}\\vspace{{12pt}}}}]
{mark_footnotes(p)}
\\begin{{center}}\\textbf{{Abstract}}\\end{{center}}
{{\\small\\leftskip=0.25in\\rightskip=0.25in {p.abstract}\\par}}
{p.filler(5)}
\\end{{document}}
"""


def titlepage(p: Paper) -> str:
    """Technical report: title and standard \\and author blocks alone on page 1, abstract on page 2."""
    blocks = []
    for a in p.authors:
        lines = "\\\\ ".join(f"{{\\small {p.aff_inline(i)}}}" for i in a["aff"])  # a \\\\ inside a group breaks the tabular
        blocks.append(f"{p.name(a)}\\\\ {lines}\\\\ {{\\small\\texttt{{{p.email(a)}}}}}")
    return f"""\\documentclass[11pt,titlepage]{{article}}
\\usepackage[T1]{{fontenc}}\\usepackage[margin=1in]{{geometry}}
{stamp(p)}\\title{{{p.title}}}
\\author{{{AND.join(blocks)}}}
\\date{{Technical Report TR-2025-{p.index + 11:03d}\\\\ September 2025}}
\\begin{{document}}
\\maketitle
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
{p.filler()}
\\end{{document}}
"""


def _acm_authors(p: Paper) -> str:
    out = []
    for a in p.authors:
        extra = "\\authornote{Both authors contributed equally.}" if "equal" in a["marks"] else ""
        if "corr" in a["marks"]:
            extra += "\\authornote{Corresponding author.}"
        affs = "".join(f"\\affiliation{{\\institution{{{', '.join(p.affs[i][:-1]) or p.affs[i][0]}}}"
                       f"\\country{{{p.affs[i][-1] if len(p.affs[i]) > 1 else NOTHING}}}}}" for i in a["aff"])
        out.append(f"\\author{{{p.name(a)}}}{extra}\n{affs}\n\\email{{{p.email(a)}}}")
    return "\n".join(out)


def acm(p: Paper, fmt: str = "sigconf", teaser: bool = False) -> str:
    tz = ("\\begin{teaserfigure}\\centering\\fbox{\\parbox[c][3.5cm][c]{0.9\\textwidth}{\\centering\\Large "
          "teaser}}\\caption{Overview of our system compared with prior serving stacks.}\\end{teaserfigure}"
          if teaser else "")
    refblock = "" if fmt == "sigconf" and p.index % 2 == 0 else "\\settopmatter{printacmref=false}"
    return f"""\\documentclass[{fmt}]{{acmart}}
{refblock}
\\setcopyright{{none}}
\\acmConference[EuroSys '25]{{Twentieth European Conference on Computer Systems}}{{March 30--April 3, 2025}}{{Rotterdam, Netherlands}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
{_acm_authors(p)}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
\\keywords{{{esc(', '.join(p.keywords))}}}
{tz}
\\maketitle
{p.filler(5)}
\\end{{document}}
"""


def llncs(p: Paper) -> str:
    def orcid(k: int) -> str:  # LNCS prints ORCID iDs as bracketed superscripts after \\inst
        return f"\\orcidID{{0000-000{k % 10}-{1000 + 37 * k + p.index:04d}-{(7 * k + p.index) % 10}21X}}" if p.index % 2 else ""
    names = " \\and ".join(f"{p.name(a)}\\inst{{{','.join(str(i + 1) for i in a['aff'])}}}{orcid(k)}"
                            for k, a in enumerate(p.authors))
    insts = " \\and\n".join("\\\\".join(x) + "\\\\ \\email{" + p.email(next(a for a in p.authors if i in a["aff"]))
                            + "}" for i, x in enumerate(p.affs))
    return f"""\\documentclass[runningheads]{{llncs}}
\\usepackage[T1]{{fontenc}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
\\titlerunning{{{p.title[:40]}}}
\\author{{{names}}}
\\authorrunning{{{p.name(p.authors[0]).split()[-1]} et al.}}
\\institute{{{insts}}}
\\maketitle
\\begin{{abstract}}
{p.abstract}
\\keywords{{{AND.join(esc(k) for k in p.keywords)}}}
\\end{{abstract}}
{p.filler(4)}
\\end{{document}}
"""


def elsarticle(p: Paper, tnote: bool = False) -> str:
    authors = []
    for a in p.authors:
        refs = ",".join(f"a{i + 1}" for i in a["aff"])
        extra = ("\\corref{cor1}" if "corr" in a["marks"] else "") + ("\\fnref{fn1}" if "equal" in a["marks"] else "")
        authors.append(f"\\author[{refs}]{{{p.name(a)}{extra}}}")
        if "corr" in a["marks"]:
            authors.append(f"\\ead{{{p.email(a)}}}")
    if "corr" in p.used_marks():
        authors.append("\\cortext[cor1]{Corresponding author.}")
    if "equal" in p.used_marks():
        authors.append("\\fntext[fn1]{These authors contributed equally.}")
    addrs = "\n".join(f"\\address[a{i + 1}]{{{p.aff_inline(i)}}}" for i in range(len(p.affs)))
    tn = ("\\tnotetext[t1]{This work was supported by the National Natural Science Foundation of China "
          "under Grant 62276001.}") if tnote else ""
    tref = "\\tnoteref{t1}" if tnote else ""
    opts = "final,5p,times,twocolumn" if tnote else "preprint,11pt"
    return f"""\\documentclass[{opts}]{{elsarticle}}
{stamp(p)}\\journal{{Neurocomputing}}
\\begin{{document}}
\\begin{{frontmatter}}
\\title{{{p.title}{tref}}}
{tn}
{chr(10).join(authors)}
{addrs}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
\\begin{{keyword}}
{SEP.join(esc(k) for k in p.keywords)}
\\end{{keyword}}
\\end{{frontmatter}}
{p.filler(4)}
\\end{{document}}
"""


def revtex(p: Paper, superscript: bool = False) -> str:
    """APS revtex4-2: affiliation lines under author groups (or numbered with superscriptaddress)."""
    out = []
    for a in p.authors:
        out.append(f"\\author{{{p.name(a)}}}" + ("\\email{" + p.email(a) + "}" if "corr" in a["marks"] else ""))
        if "equal" in a["marks"]:
            out.append("\\thanks{These authors contributed equally.}")
        out += [f"\\affiliation{{{p.aff_inline(i)}}}" for i in a["aff"]]
    opts = "aps,prb,reprint,superscriptaddress" if superscript else "aps,prl,reprint"
    return f"""\\documentclass[{opts}]{{revtex4-2}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
{chr(10).join(out)}
\\date{{September 5, 2025}}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
\\maketitle
{p.filler(5)}
\\end{{document}}
"""


def amsart(p: Paper) -> str:
    """AMS article: names in capitals, addresses printed at the end of the paper (not on page 1)."""
    out = []
    for a in p.authors:
        out.append(f"\\author{{{p.name(a)}}}")
        for i in a["aff"]:
            out.append(f"\\address{{{p.aff_inline(i)}}}")
        out.append(f"\\email{{{p.email(a)}}}")
        if "corr" in a["marks"]:
            out.append("\\thanks{Corresponding author.}")
    return f"""\\documentclass{{amsart}}
{stamp(p)}\\begin{{document}}
\\title{{{p.title}}}
{chr(10).join(out)}
\\date{{September 5, 2025}}
\\subjclass[2020]{{68T07, 68W40}}
\\keywords{{{esc(', '.join(p.keywords))}}}
\\begin{{abstract}}
{p.abstract}
\\end{{abstract}}
\\maketitle
{p.filler(6, keep=True)}
\\end{{document}}
"""


LAYOUTS = {
    "authblk": (authblk, True),
    "thanks": (thanks, True),
    "twocol": (twocol, True),
    "twocol-teaser": (lambda p: twocol(p, teaser=True), True),
    "neurips-like": (neurips_like, True),
    "icml-like": (icml_like, True),
    "ieee-conf": (ieee_conf, True),
    "ieee-journal": (ieee_journal, True),
    "acm-sigconf": (acm, True),
    "acm-sigconf-teaser": (lambda p: acm(p, teaser=True), True),
    "acmsmall": (lambda p: acm(p, fmt="acmsmall"), True),
    "llncs": (llncs, True),
    "elsarticle": (elsarticle, True),
    "elsarticle-tnote": (lambda p: elsarticle(p, tnote=True), True),
    "revtex": (revtex, True),
    "revtex-super": (lambda p: revtex(p, superscript=True), True),
    "jmlr-like": (jmlr_like, True),
    "acl-like": (acl_like, True),
    "titlepage": (titlepage, True),  # abstract on page 2
    "amsart": (amsart, False),  # addresses print at the end: no affiliations on page 1
}
# The header classes of issue 11 (layouts_classes.py): by --only/--select, outside the default
# rotation so that existing offsets keep their paper x layout combinations.
ALL_LAYOUTS = {**LAYOUTS, **CLASS_LAYOUTS}
