"""Institution names broken over two printed lines, and the word list that decides it.

The rule is shape, not a list of institutions: a line that stops inside a name's 'of' phrase
(head word, then 'of'/'for', then a field word) and a next line whose first part is only
field words ('Science and Technology') are one name. Lines that can stand alone stay apart.
"""
from __future__ import annotations

import pytest

from paperbrief.extract import affiliations as affs
from paperbrief.extract.names import SUBUNIT_WORDS, TOP_WORDS


@pytest.mark.parametrize(("lines", "want"), [
    (["Indian Institute of Engineering", "Science and Technology, Shibpur"],
     ["Indian Institute of Engineering Science and Technology, Shibpur"]),
    (["National Institute of Advanced Industrial", "Science and Technology, Tsukuba, Japan"],
     ["National Institute of Advanced Industrial Science and Technology, Tsukuba, Japan"]),
    (["Max Planck Institute for Intelligent", "Systems, Tübingen, Germany"],
     ["Max Planck Institute for Intelligent Systems, Tübingen, Germany"]),
    (["Departments of", "Mathematics and Statistics", "Lakeshore University"],
     ["Departments of Mathematics and Statistics, Lakeshore University"]),
    (["Departments of Electrical and", "Computer Engineering", "Rice University", "Houston, USA"],
     ["Departments of Electrical and Computer Engineering, Rice University, Houston, USA"]),
    # stand-alone lines stay apart
    (["Stanford University", "Google Research"], ["Stanford University", "Google Research"]),
    (["Institute of Automation", "Chinese Academy of Sciences"], ["Institute of Automation", "Chinese Academy of Sciences"]),
    (["Tsinghua University", "Microsoft Research Asia"], ["Tsinghua University", "Microsoft Research Asia"]),
])
def test_join_stack(lines, want):
    # commas between the printed lines of one name are a matter of taste; the split is not
    assert [a.replace(",", "") for a in affs.join_stack(lines)] == [w.replace(",", "") for w in want]


def test_a_fragment_is_never_an_affiliation_of_its_own():
    out = affs.join_stack(["Departments of", "Physics and Astronomy, Eastfield University"])
    assert out == ["Departments of Physics and Astronomy, Eastfield University"]
    out = affs.join_stack(["Departments of", "Physics and Astronomy", "Eastfield University"])
    assert [a.replace(",", "") for a in out] == ["Departments of Physics and Astronomy Eastfield University"]


@pytest.mark.parametrize(("line", "open_"), [
    ("Indian Institute of Engineering", True), ("School of Computing and Information", True),
    ("Faculty of Engineering, Cairo University", False), ("Institute of Automation, Beijing, China", False),
    ("Korea Advanced Institute", False), ("Google Research", False),
])
def test_open_name(line, open_):
    assert affs.open_name(line) is open_


@pytest.mark.parametrize(("line", "tail"), [
    ("Science and Technology, Shibpur", True), ("Systems", True), ("Artificial Intelligence, Abu Dhabi", True),
    ("Google Research", False), ("Rice University", False), ("Peking University, Beijing", False),
    ("science and technology", False),
])
def test_name_tail(line, tail):
    assert affs.name_tail(line) is tail


def test_tail_words_are_plain_field_words():
    words = affs.tail_words()
    assert len(words) > 40
    assert all(w == w.lower() and w.isalpha() for w in words)
    # a head word in the list would glue two institutions together
    assert not words & (TOP_WORDS | SUBUNIT_WORDS)
    assert {"science", "technology", "engineering", "systems", "intelligence"} <= words


@pytest.mark.parametrize(("line", "address"), [
    ("Porto Alegre, Brazil", True), ("Kowloon, Hong Kong", True), ("London, United Kingdom", True),
    ("Houston, USA.", True), ("Wei Zhang, Li Chen", False), ("Jordan Smith, Israel Adams", False),
    ("Brazil", False), ("Ann Lee, 2024", False),
])
def test_ends_address(line, address):
    """A city that reads like a name ('Porto Alegre') under an institution is its address."""
    assert affs.ends_address(line) is address


def test_a_second_block_starting_with_departments_is_a_new_affiliation():
    lines = ["Max Planck Institute for Intelligent", "Systems", "Tübingen, Germany",
             "Departments of", "Mathematics and Statistics", "Lakeshore University", "Halifax, Canada"]
    assert [a.replace(",", "") for a in affs.join_stack(lines)] == [
        "Max Planck Institute for Intelligent Systems Tübingen Germany",
        "Departments of Mathematics and Statistics Lakeshore University Halifax Canada"]


@pytest.mark.parametrize(("text", "cut"), [
    ("Departments of", True), ("School of Computing and", True), ("Institute for", True),
    ("University of Oslo", False), ("AT&T Labs", False), ("Huawei Cloud", False),
])
def test_fragment(text, cut):
    """A name cut at a page end ('Departments of' as the last line of page 1) is dropped, not listed."""
    assert affs.fragment(text) is cut
