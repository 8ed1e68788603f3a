"""split_authors and name_ratio on author lines drawn into real PDFs and read back by layout.

Each expectation is the byline as a reader sees it (made-up names), written by hand: who the
authors are, in order, and which marks each carries.
"""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from paperbrief.extract import layout
from paperbrief.extract.authors import name_ratio, split_authors

from .test_header_noise import _write


def _lines(tmp_path: Path, rows: list[list], size: float = 11, x: float = 72) -> list[layout.Line]:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for k, parts in enumerate(rows):
        _write(page, x, 100 + 16 * k, parts, size=size)
    path = tmp_path / "authors.pdf"
    doc.save(path)
    with layout.open_document(str(path)) as pdf:
        return layout.read_page(pdf[0], 0).lines


def _authors(tmp_path: Path, rows: list[list]) -> list[tuple[str, list[str], int]]:
    lines = _lines(tmp_path, rows)
    return [(a.name, a.marks, a.line) for a in split_authors(lines, {id(l): i for i, l in enumerate(lines)})]


@pytest.mark.parametrize("rows, expected", [
    ([["Ana Ruiz", ("^", "1"), ", Tomas Berg", ("^", "2,3"), " and Li Wei", ("^", "1")]],
     [("Ana Ruiz", ["1"], 0), ("Tomas Berg", ["2", "3"], 0), ("Li Wei", ["1"], 0)]),
    ([["Ana Ruiz", ("^", "1"), ("^", "*")]], [("Ana Ruiz", ["1", "∗"], 0)]),  # two mark runs, one name
    ([["Ana Ruiz & Tomas Berg · Li Wei | Mei Chen; Omar Haddad"]],
     [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0), ("Li Wei", [], 0), ("Mei Chen", [], 0), ("Omar Haddad", [], 0)]),
    ([["Ana Ruiz      Tomas Berg"]], [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0)]),  # a wide gap separates
    ([["Ana Ruiz, Member, IEEE, Tomas Berg, Senior Member, IEEE"]], [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0)]),
    ([["Ana Ruiz1,2, Tomas Berg3"]], [("Ana Ruiz", ["1", "2"], 0), ("Tomas Berg", ["3"], 0)]),  # full-size marks
    ([["ANA RUIZ and TOMAS BERG"]], [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0)]),  # capitals to the name's case
])
def test_a_byline_splits_into_names_with_their_marks(tmp_path: Path, rows, expected):
    assert _authors(tmp_path, rows) == expected


@pytest.mark.parametrize("rows, expected", [
    # "Chau" / "Yuen²": a name broken over two lines is one author, on the line it starts
    ([["Ana Ruiz, Tomas Berg, Chau"], ["Yuen", ("^", "2"), ", Li Wei"]],
     [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0), ("Chau Yuen", ["2"], 0), ("Li Wei", [], 1)]),
    ([["Ana Ruiz", ("^", "1"), ", Judy Van"], ["Dijk", ("^", "3")]], [("Ana Ruiz", ["1"], 0), ("Judy Van Dijk", ["3"], 0)]),
    ([["Ana Ruiz, Maria"], ["de la Cruz, Tomas Berg"]],  # a given name alone, the surname's words below
     [("Ana Ruiz", [], 0), ("Maria de la Cruz", [], 0), ("Tomas Berg", [], 1)]),
    ([["Ana Ruiz, Tomas Berg", ("^", "1")], ["Li Wei"]],  # a mark closes the line's last name
     [("Ana Ruiz", [], 0), ("Tomas Berg", ["1"], 0), ("Li Wei", [], 1)]),
    ([["Ana Ruiz, Jae-"], ["Won Park"]], [("Ana Ruiz", [], 0), ("Jae-Won Park", [], 0)]),  # the name's own hyphen
    ([["Ana Ruiz, Fu-"], ["miko Sato"]], [("Ana Ruiz", [], 0), ("Fumiko Sato", [], 0)]),  # TeX's hyphenation
    # a line that ends in a comma is complete: the next line starts new names
    ([["Ana Ruiz, Tomas Berg,"], ["Li Wei, Mei Chen"]],
     [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0), ("Li Wei", [], 1), ("Mei Chen", [], 1)]),
    # two full names on two lines are two authors, not one of four words
    ([["Ana Ruiz, Tomas Berg"], ["Li Wei Chen, Mei Chen"]],
     [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0), ("Li Wei Chen", [], 1), ("Mei Chen", [], 1)]),
])
def test_a_name_broken_over_two_lines_is_rejoined(tmp_path: Path, rows, expected):
    assert _authors(tmp_path, rows) == expected


def test_what_is_not_a_name_is_dropped_and_its_marks_kept(tmp_path: Path):
    # an institution among the names is no author; a bare mark after a comma belongs to the name before it
    assert _authors(tmp_path, [["Ana Ruiz, Fjord University, Tomas Berg"]]) == [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0)]
    # the institution's own mark is not handed to the author printed before it
    assert _authors(tmp_path, [["Ana Ruiz, Fjord University", ("^", "1"), ", Tomas Berg"]]) == \
        [("Ana Ruiz", [], 0), ("Tomas Berg", [], 0)]
    assert _authors(tmp_path, [["Ana Ruiz1, 2, Tomas Berg"]]) == [("Ana Ruiz", ["1", "2"], 0), ("Tomas Berg", [], 0)]


def test_an_affiliation_in_parentheses_stays_with_its_author(tmp_path: Path):
    lines = _lines(tmp_path, [["Ana Ruiz (Fjord University), Tomas Berg (Lakeside Labs, Oslo)"]])
    got = split_authors(lines)
    assert [(a.name, a.affiliations) for a in got] == [("Ana Ruiz", ["Fjord University"]),
                                                      ("Tomas Berg", ["Lakeside Labs, Oslo"])]


def test_an_author_carries_the_box_it_was_printed_in(tmp_path: Path):
    lines = _lines(tmp_path, [["Ana Ruiz, Tomas Berg"]], x=100)
    first, second = split_authors(lines)
    line = lines[0]
    assert (first.bbox[1], first.bbox[3]) == (line.y0, line.y1) == (second.bbox[1], second.bbox[3])
    assert 99 <= first.bbox[0] < first.bbox[2] < second.bbox[0] < second.bbox[2] <= line.x1 + 1
    assert first.line == second.line == 0  # no line index given


def test_name_ratio_counts_name_like_pieces_of_a_line(tmp_path: Path):
    lines = _lines(tmp_path, [["Ana Ruiz, Tomas Berg, Fjord University"], ["Ana Ruiz", ("^", "1"), " and Li Wei"],
                              ["Fjord University, Oslo, Norway"]])
    assert [name_ratio(l) for l in lines] == [(2, 3), (2, 2), (0, 3)]
