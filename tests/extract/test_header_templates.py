"""Author-block conventions that the corpus does not hold, on PDFs written here.

IEEE conference blocks ("1st Given Surname", dept / organisation / city lines), ACM sigconf
grids, Springer Nature and MDPI marked lists with note lines, marks printed full size,
affiliations in parentheses, and a teaser figure whose labels look like names.
"""
from __future__ import annotations

from pathlib import Path

import pymupdf

from .test_header_noise import _body, _find, _write


def test_ieee_conference_blocks(tmp_path: Path) -> None:
    blocks = [("1st Alice Smith", "dept. of Computer Science", "Stanford University", "Stanford, USA"),
              ("2nd Bob Jones", "Research Division", "IBM Research", "Zurich, Switzerland"),
              ("3rd Carol White", "School of EECS", "Peking University", "Beijing, China")]

    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Fast Kernels for Sparse Attention"], size=24, font="tiro")
        for x, (name, unit, org, city) in zip([60, 240, 420], blocks):
            _write(p, x, 120, [name], size=11, font="tiro")
            _write(p, x, 133, [unit], size=10, font="tiit")
            _write(p, x, 145, [org], size=10, font="tiit")
            _write(p, x, 157, [city], size=10, font="tiro")
            _write(p, x, 169, [name.split()[1].lower() + "@example.org"], size=10, font="tiro")
        _write(p, 50, 210, ["Abstract—We present fast kernels for serving models to many users."], size=9, font="tibo")

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert got.affiliations == ["dept. of Computer Science, Stanford University, Stanford, USA",
                                "Research Division, IBM Research, Zurich, Switzerland",
                                "School of EECS, Peking University, Beijing, China"]
    assert got.author_affiliations == [[0], [1], [2]]


def test_acm_sigconf_grid_of_two_rows(tmp_path: Path) -> None:
    rows = [[(60, "Alice Smith", "University of Washington", "Seattle, WA, USA"),
             (240, "Bob Jones", "Google DeepMind", "London, United Kingdom"),
             (420, "Carol White", "Carnegie Mellon University", "Pittsburgh, PA, USA")],
            [(150, "Dan Brown", "Meta", "Menlo Park, CA, USA"),
             (330, "Eve Black", "Carnegie Mellon University", "Pittsburgh, PA, USA")]]

    def draw(p: pymupdf.Page) -> None:
        _write(p, 60, 80, ["Speculative Decoding at Scale"], size=20, font="hebo")
        for y, row in zip([115, 180], rows):
            for x, name, org, city in row:
                _write(p, x, y, [name], size=12)
                _write(p, x, y + 15, [org], size=10)
                _write(p, x, y + 28, [city], size=10)
                _write(p, x, y + 41, [name.split()[0].lower() + "@example.org"], size=10)
        _write(p, 50, 260, ["ABSTRACT"], size=10, font="hebo")
        _body(p, 280)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown", "Eve Black"]
    assert len(got.affiliations) == 4  # Carnegie Mellon printed twice is one affiliation
    assert got.author_affiliations == [[0], [1], [2], [3], [2]]


def test_springer_nature_marks_and_note_lines(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Quantized Transformers on Edge Devices"], size=17, font="hebo")
        _write(p, 80, 110, ["Alice Smith", ("^", "1*†"), ", Bob Jones", ("^", "2†"), " and Carol White",
                            ("^", "1,3")])
        _write(p, 80, 130, [("^", "1*"), "Department of Informatics, University of Oslo, Oslo, 0373, Norway."],
               size=9)
        _write(p, 80, 142, [("^", "2"), "Huawei Technologies, Shenzhen, China."], size=9)
        _write(p, 80, 154, [("^", "3"), "Simula Research Laboratory, Oslo, Norway."], size=9)
        _write(p, 80, 170, ["*Corresponding author(s). E-mail(s): alice@uio.no;"], size=9)
        _write(p, 80, 182, ["Contributing authors: bob@huawei.com; carol@simula.no;"], size=9)
        _write(p, 80, 194, [("^", "†"), "These authors contributed equally to this work."], size=9)
        _write(p, 80, 230, ["Abstract"], size=10, font="hebo")
        _body(p, 250)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert got.affiliations == ["Department of Informatics, University of Oslo, Oslo, 0373, Norway",
                                "Huawei Technologies, Shenzhen, China", "Simula Research Laboratory, Oslo, Norway"]
    assert got.author_affiliations == [[0], [1], [0, 2]]


def test_mdpi_affiliation_with_email_and_correspondence(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Low-Rank Adaptation for Efficient Inference"], size=18, font="hebo")
        _write(p, 80, 110, ["Alice Smith ", ("^", "1,†"), ", Bob Jones ", ("^", "2,*"), " and Carol White ",
                            ("^", "1")], size=10, font="hebo")
        _write(p, 80, 130, [("^", "1"), ("  School of Computing, National University of Singapore, Singapore; "
                                         "alice@nus.edu.sg")], size=8)
        _write(p, 80, 140, [("^", "2"), "  Institute for Infocomm Research, Singapore 138632, Singapore"], size=8)
        _write(p, 80, 150, ["*  Correspondence: bob@i2r.example.sg"], size=8)
        _write(p, 80, 200, ["Abstract:"], size=9, font="hebo")
        _body(p, 220)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert got.affiliations == ["School of Computing, National University of Singapore, Singapore",
                                "Institute for Infocomm Research, Singapore 138632, Singapore"]
    assert got.author_affiliations == [[0], [1], [0]]


def test_full_size_digit_marks(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Pruning Large Models Without Retraining"], size=16, font="hebo")
        _write(p, 80, 110, ["Alice Smith1, Bob Jones2 and Carol White1"], size=11)
        _write(p, 80, 126, ["1 University of Toronto, Canada"], size=10)
        _write(p, 80, 138, ["2 Vector Institute, Toronto, Canada"], size=10)
        _write(p, 80, 170, ["Abstract"], size=12, font="hebo")
        _body(p, 190)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert got.affiliations == ["University of Toronto, Canada", "Vector Institute, Toronto, Canada"]
    assert got.author_affiliations == [[0], [1], [0]]


def test_affiliations_in_parentheses(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["A Survey of KV Cache Compression"], size=16, font="hebo")
        _write(p, 80, 110, ["Alice Smith (MIT), Bob Jones (Stanford University, USA)"], size=11)
        _write(p, 80, 150, ["Abstract"], size=12, font="hebo")
        _body(p, 170)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones"]
    assert got.affiliations == ["MIT", "Stanford University, USA"]


def test_teaser_labels_are_not_authors(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 100, 70, ["Video Generation in Real Time"], size=14, font="hebo")
        _write(p, 150, 95, ["Alice Smith", ("^", "1")], size=12)
        _write(p, 300, 95, ["Bob Jones", ("^", "2")], size=12)
        _write(p, 150, 112, [("^", "1"), "Adobe Research"], size=10)
        _write(p, 300, 112, [("^", "2"), "New York University"], size=10)
        _write(p, 120, 150, ["Ground Truth"], size=12)
        _write(p, 300, 150, ["Our Method"], size=12)
        _write(p, 54, 300, ["Figure 1. Our method renders sharper frames than the baseline."], size=9)
        _write(p, 54, 330, ["Abstract"], size=12, font="hebo")
        _body(p, 350)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones"]
    assert got.affiliations == ["Adobe Research", "New York University"]


def test_orcid_ids_in_superscripts_keep_their_marks(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 100, 80, ["Marks With ORCID Identifiers"], size=16, font="hebo")
        _write(p, 90, 110, ["Alice Smith", ("^", "1[0000-0001-2345-6789]"), ", Bob Jones",
                            ("^", "2[0000-0002-2345-678X]"), ", and Carol White", ("^", "1,2")], size=10)
        _write(p, 120, 126, [("^", "1"), "University of Edinburgh"], size=9)
        _write(p, 120, 138, [("^", "2"), "Allen Institute for AI"], size=9)
        _write(p, 150, 170, ["Abstract."], size=9, font="hebo")
        _body(p, 190)

    got = _find(tmp_path, draw)
    assert got.authors == ["Alice Smith", "Bob Jones", "Carol White"]
    assert got.author_affiliations == [[0], [1], [0, 1]]


def test_full_size_mark_lists_after_commas(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Pruning Large Models Without Retraining"], size=16, font="hebo")
        _write(p, 80, 110, ["Alice Smith1,2, Bob Jones2 and Carol White1"], size=11)
        _write(p, 80, 126, ["1 University of Toronto, Canada"], size=10)
        _write(p, 80, 138, ["2 Vector Institute, Toronto, Canada"], size=10)
        _write(p, 80, 170, ["Abstract"], size=12, font="hebo")
        _body(p, 190)

    got = _find(tmp_path, draw)
    assert got.author_affiliations == [[0, 1], [1], [0]]


def test_names_broken_over_lines(tmp_path: Path) -> None:
    def draw(p: pymupdf.Page) -> None:
        _write(p, 80, 80, ["Long Author Lists Wrap"], size=16, font="hebo")
        _write(p, 80, 110, ["Ada Lovelace", ("^", "1"), ", Judy Van"], size=12)
        _write(p, 80, 125, ["Dijk", ("^", "1"), ", Chau"], size=12)
        _write(p, 80, 140, ["Yuen", ("^", "2"), " and Alan Turing", ("^", "2")], size=12)
        _write(p, 80, 160, [("^", "1"), "University of Cambridge"], size=10)
        _write(p, 80, 172, [("^", "2"), "University of Manchester"], size=10)
        _write(p, 80, 210, ["Abstract"], size=12, font="hebo")
        _body(p, 230)

    got = _find(tmp_path, draw)
    assert got.authors == ["Ada Lovelace", "Judy Van Dijk", "Chau Yuen", "Alan Turing"]
    assert got.author_affiliations == [[0], [0], [1], [1]]
