"""Noise around names and affiliations: marks, emails, notes, wrapped lines, 'and' separators.

String-level rules are tested directly; layout-level ones on small PDFs written here with
PyMuPDF (real PDFs, read back through the same layout reader as the corpus).
"""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from paperbrief.extract import affiliations as affs
from paperbrief.extract import header, layout
from paperbrief.extract.marks import is_mark_text, mark_keys
from paperbrief.extract.names import clean_name, compose_accents, is_name, name_case

# --- strings -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,keys", [("1,2", ["1", "2"]), ("∗†", ["∗", "†"]), ("a,b", ["a", "b"]),
                                       ("* 1", ["∗", "1"]), ("2 4 *", ["2", "4", "∗"])])
def test_mark_keys(text: str, keys: list[str]) -> None:
    assert is_mark_text(text)
    assert mark_keys(text) == keys


@pytest.mark.parametrize("text", ["th", "st", "IEEE", "Member,", "2024", "(a)"])
def test_not_marks(text: str) -> None:
    assert not is_mark_text(text)


@pytest.mark.parametrize("raw,name", [
    ("Dr. Saeed Murtaza", "Saeed Murtaza"),
    ("Hugo Touvron*", "Hugo Touvron"),
    ("Avideh Zakhor, Member, IEEE", "Avideh Zakhor"),
    ("Guang Liang[0000-0002-4479-3025]", "Guang Liang"),
    ("John Smith john.smith@uni.edu", "John Smith"),
    ("Herv´e J´egou", "Hervé Jégou"),
])
def test_clean_name(raw: str, name: str) -> None:
    assert clean_name(raw) == name


@pytest.mark.parametrize("text", ["Zhen Li", "Brian D. Davison", "Quentin de Laroussilhe", "R.X. Xu",
                                  "Jun xiao", "Marc Van Droogenbroeck", "MICHAEL O’BOYLE", "Chia-chi Hsieh"])
def test_names(text: str) -> None:
    assert is_name(text)


@pytest.mark.parametrize("text", ["Westlake University", "UC Merced", "Microsoft", "Equal contribution",
                                  "Corresponding author", "Google Inc.", "and", "Member IEEE",
                                  "Large Language Models", "Shanghai AI Laboratory", "Mountain View",
                                  "North Carolina", "MiLM Plus"])
def test_not_names(text: str) -> None:
    assert not is_name(text)


def test_name_case_only_touches_capitals() -> None:
    assert name_case("MICHAEL O’BOYLE") == "Michael O’Boyle"
    assert name_case("Jun xiao") == "Jun xiao"


def test_accents_compose_before_and_after() -> None:
    assert compose_accents("Franc¸ois Fleuret") == "François Fleuret"
    assert compose_accents("Nicolas Andr´e") == "Nicolas André"


@pytest.mark.parametrize("raw,clean", [
    ("Allen Institute for AI {armanc,sergey}@allenai.org", "Allen Institute for AI"),
    ("Carnegie Mellon University. Correspondence to: Ada <ada@cmu.edu>", "Carnegie Mellon University"),
    ("These authors contributed equally", ""),
    ("Korea University,", "Korea University"),
    ("Now at Google DeepMind.", "Google DeepMind"),
    ("Stanford University, Stanford, CA 94305 USA (e-mail: alice@stanford.edu)",
     "Stanford University, Stanford, CA 94305 USA"),
])
def test_affiliation_clean(raw: str, clean: str) -> None:
    assert affs.clean(affs.first_sentence(raw)) == clean


@pytest.mark.parametrize("lines,expected", [
    (["Westlake University", "Nanyang Technological", "University"],
     ["Westlake University", "Nanyang Technological University"]),
    (["Cerebras Systems Inc.", "Schulich School of Engineering,", "University of Calgary"],
     ["Cerebras Systems Inc", "Schulich School of Engineering, University of Calgary"]),
    (["Google Inc.", "Mountain View"], ["Google Inc., Mountain View"]),
    (["StatNLP Research Group", "Singapore University of Technology and Design"],
     ["StatNLP Research Group, Singapore University of Technology and Design"]),
    (["Stanford University, Stanford, CA 94305, USA", "NVIDIA, Santa Clara, CA 95050, USA"],
     ["Stanford University, Stanford, CA 94305, USA", "NVIDIA, Santa Clara, CA 95050, USA"]),
    (["University of Science and", "Technology Beijing, Beijing,", "China"],
     ["University of Science and Technology Beijing, Beijing, China"]),
])
def test_wrapped_affiliations_rejoin(lines: list[str], expected: list[str]) -> None:
    assert affs.join_stack(lines) == expected


def test_footnote_sentences_name_people_by_initial() -> None:
    text = ("S. Ma, L. Ma are with Microsoft Research. H. Wang and R. Wang are with University of "
            "Chinese Academy of Sciences. E. Chang was with the University of California, Berkeley. "
            "He is currently with the Digital Equipment Corporation, Cambridge, MA 02139 USA.")
    got = affs.sentence_affiliations(text)
    assert (["S. Ma", "L. Ma"], "Microsoft Research") in got
    assert (["H. Wang", "R. Wang"], "University of Chinese Academy of Sciences") in got
    assert (["<prev>"], "Digital Equipment Corporation, Cambridge, MA 02139 USA") in got


def test_footnote_sentence_with_accents_and_middle_initials() -> None:
    text = ("R. K. Reddy, M. J. ´Alvarez, S. T. Okafor and L. Chen are with Department of Computer Science, "
            "Texas Tech University, Lubbock, TX 79409, USA (e- mail: reddy@example.edu). S. T. Okafor is with "
            "Department of Radiology, Texas Tech University Health Sciences Center, Lubbock, TX, USA.")
    got = affs.sentence_affiliations(text)
    assert got[0] == (["R. K. Reddy", "M. J. Álvarez", "S. T. Okafor", "L. Chen"],
                      "Department of Computer Science, Texas Tech University, Lubbock, TX 79409, USA")
    assert got[1][0] == ["S. T. Okafor"]


# --- small PDFs --------------------------------------------------------------------------

def _write(page: pymupdf.Page, x: float, y: float, parts: list, size: float = 11, font: str = "helv") -> None:
    """Write runs left to right; a tuple ("^", text) is a mark: smaller and raised, not flagged."""
    for part in parts:
        if isinstance(part, tuple):
            page.insert_text((x, y - size * 0.35), part[1], fontsize=size * 0.65, fontname=font)
            x += pymupdf.get_text_length(part[1], fontname=font, fontsize=size * 0.65)
        else:
            page.insert_text((x, y), part, fontsize=size, fontname=font)
            x += pymupdf.get_text_length(part, fontname=font, fontsize=size)


def _find(tmp_path: Path, draw) -> header.Header:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    draw(page)
    path = tmp_path / "p.pdf"
    doc.save(path)
    with layout.open_document(str(path)) as pdf:
        return header.find_header(layout.read(pdf, pages=1), pdf)


def _body(page: pymupdf.Page, y: float) -> None:
    _write(page, 72, y, ["Abstract"], size=12, font="hebo")
    for i in range(6):
        _write(page, 72, y + 20 + 13 * i, ["We study how large models can be made cheaper to run at inference time."],
               size=10)


def test_marked_authors_and_brace_emails(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 100, ["Cheaper Inference for Everyone"], size=18, font="hebo")
        _write(page, 90, 140, ["Ada Lovelace", ("^", "1,2"), ", Alan Turing", ("^", "2∗"), ", and Grace Hopper",
                               ("^", "1")])
        _write(page, 150, 160, [("^", "1"), "University of Cambridge"])
        _write(page, 150, 175, [("^", "2"), "Bletchley Park Research Centre"])
        _write(page, 150, 190, ["{ada,alan}@cam.ac.uk, grace@navy.mil"], size=9)
        _write(page, 150, 205, [("^", "∗"), "Corresponding author"], size=9)
        _body(page, 240)

    got = _find(tmp_path, draw)
    assert got.title == "Cheaper Inference for Everyone"
    assert got.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert got.affiliations == ["University of Cambridge", "Bletchley Park Research Centre"]
    assert got.author_affiliations == [[0, 1], [1], [0]]


def test_table_cells_with_wrapped_institutions(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 100, ["A Table of Authors"], size=18, font="hebo")
        _write(page, 100, 140, ["Mary Shelley"], size=9, font="hebo")
        _write(page, 100, 151, ["Case Western Reserve"], size=9)
        _write(page, 100, 162, ["University"], size=9)
        _write(page, 100, 173, ["shelley@cwru.edu"], size=9)
        _write(page, 330, 140, ["Percy Bysshe Shelley"], size=9, font="hebo")
        _write(page, 330, 151, ["Westlake University"], size=9)
        _write(page, 330, 162, ["Nanyang Technological"], size=9)
        _write(page, 330, 173, ["University"], size=9)
        _body(page, 220)

    got = _find(tmp_path, draw)
    assert got.authors == ["Mary Shelley", "Percy Bysshe Shelley"]
    assert got.affiliations == ["Case Western Reserve University", "Westlake University",
                                "Nanyang Technological University"]
    assert got.author_affiliations == [[0], [1, 2]]


def test_icml_footnote_affiliations(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 80, ["Footnotes Hold the Institutions"], size=14, font="hebo")
        _write(page, 150, 110, ["Ada Lovelace", ("^", "1"), " Alan Turing", ("^", "2 *")], size=10, font="hebo")
        _write(page, 54, 140, ["Abstract"], size=12, font="hebo")
        for i in range(30):
            _write(page, 54, 160 + 12 * i, ["Serving a model to many users multiplies costs."], size=10)
        _write(page, 54, 712, [("^", "*"), "Equal contribution ", ("^", "1"), "Dept. of Computing, Imperial"],
               size=8)
        _write(page, 54, 722, ["College London. ", ("^", "2"), "Turing Institute. Correspondence to:"], size=8)
        _write(page, 54, 732, ["Ada Lovelace <ada@ic.ac.uk>."], size=8)

    got = _find(tmp_path, draw)
    assert got.authors == ["Ada Lovelace", "Alan Turing"]
    assert got.affiliations == ["Dept. of Computing, Imperial College London", "Turing Institute"]
    assert got.author_affiliations == [[0], [1]]


def test_vertical_arxiv_stamp_gives_the_id(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        page.insert_text((30, 560), "arXiv:2501.03035v2  [cs.CL]  7 Jan 2025", fontsize=20, rotate=90)
        _write(page, 100, 100, ["The Real Title"], size=16, font="hebo")
        _write(page, 100, 130, ["Ada Lovelace and Alan Turing"])
        _write(page, 100, 145, ["University of Cambridge"])
        _body(page, 200)

    got = _find(tmp_path, draw)
    assert got.title == "The Real Title"
    assert got.arxiv_id == "2501.03035"
    assert got.authors == ["Ada Lovelace", "Alan Turing"]
    assert got.author_affiliations == [[0], [0]]


def test_no_title_gives_empty_title(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 500, ["1"], size=10)

    assert _find(tmp_path, draw).title == ""


def test_unresolved_marks_are_reported(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 100, ["A Missing Affiliation"], size=18, font="hebo")
        _write(page, 90, 140, ["Ada Lovelace", ("^", "1"), ", Alan Turing", ("^", "3")])
        _write(page, 150, 160, [("^", "1"), "University of Cambridge"])
        _body(page, 220)

    got = _find(tmp_path, draw)
    assert got.author_affiliations == [[0], []]
    assert any(w.startswith("affiliations: low confidence") and "3" in w for w in got.warnings)


def test_article_labels_are_not_titles_but_review_titles_are(tmp_path: Path) -> None:
    def draw(page: pymupdf.Page) -> None:
        _write(page, 100, 60, ["Research Article"], size=20, font="hebo")
        _write(page, 100, 100, ["Review of Methods for Faster Decoding"], size=18, font="hebo")
        _write(page, 100, 130, ["by Ada Lovelace and Alan Turing"])
        _write(page, 100, 145, ["University of Cambridge"])
        _body(page, 200)

    got = _find(tmp_path, draw)
    assert got.title == "Review of Methods for Faster Decoding"
    assert got.authors == ["Ada Lovelace", "Alan Turing"]
