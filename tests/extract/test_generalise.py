"""Typesetting rules learned from layouts the corpus lacks (held-out acmsmall, revtex, IEEE
journal, ``\\thanks``): each test pins one general rule on strings as PDFs print them."""
from __future__ import annotations

from pathlib import Path

from paperbrief.extract import affiliations as affs
from paperbrief.extract.header import _inline_author

from ..conftest import needs_shared

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def test_capitals_name_then_mixed_case_is_an_affiliation_without_institution_word():
    assert _inline_author("STÉPHANE PATEUX, Orange Innovation, Cesson-Sévigné, France") == (
        ["Stéphane Pateux"], "Orange Innovation, Cesson-Sévigné, France")
    assert _inline_author("HAOYU WANG, MiLM Plus, Xiaomi Inc.,")[0] == ["Haoyu Wang"]


def test_inline_author_reads_tex_spacing_accents():
    names, aff = _inline_author("ANNE-MARIE DUBOIS, Sorbonne Universit´e,")
    assert names == ["Anne-Marie Dubois"] and aff.startswith("Sorbonne Université")


def test_mixed_case_name_list_is_not_split_by_case():
    assert _inline_author("Alice Smith, Bob Jones") is None


def test_double_affiliation_split_at_and_between_institutions():
    assert affs.split_double("Nanjing University of Science and Technology, and Institute of Automation, "
                             "Chinese Academy of Sciences") == [
        "Nanjing University of Science and Technology", "Institute of Automation, Chinese Academy of Sciences"]
    assert affs.split_double("Harvard University, Cambridge, MA, USA and Kempner Institute for the Study of "
                             "Natural and Artificial Intelligence") == [
        "Harvard University, Cambridge, MA, USA",
        "Kempner Institute for the Study of Natural and Artificial Intelligence"]


def test_and_inside_one_institution_is_kept():
    for one in ("School of Computer Science and Engineering, Nanyang Technological University",
                "Southwestern University of Finance and Economics", "Texas A and M University"):
        assert affs.split_double(one) == [one]


def test_split_double_on_a_long_run_of_ands_keeps_it_whole():
    long = "Alpha and " * 3000 + "University"
    assert affs.split_double(long) == [long]


def _line(*texts: str):
    from paperbrief.extract.layout import Line, Span
    spans, x = [], 50.0
    for t in texts:
        w = 5.0 * len(t)
        spans.append(Span(t, 17.0, 0, "CMR17", (x, 100.0, x + w, 117.0), 114.0))
        x += w
    return Line(spans, (50.0, 100.0, x, 117.0), 0, 0)


def test_full_size_symbol_inside_a_word_is_text_not_a_mark():
    from paperbrief.extract.marks import plain_text
    assert plain_text(_line("3DOF", "+", "Quantization: 3DGS")) == "3DOF+Quantization: 3DGS"
    assert plain_text(_line("Hugo Touvron", "∗", ", Thibaut Lavril")) == "Hugo Touvron , Thibaut Lavril"


def test_cedilla_and_ogonek_attach_to_the_letter_before():
    from paperbrief.extract.text import normalize
    assert normalize("Franc¸ois Garc¸on") == "François Garçon"
    assert normalize("Fran¸cois") == "François"  # printed before its letter by some producers
    assert normalize("Herv´e Jos´e") == "Hervé José"
    assert normalize("Ta˛sak") == "Tąsak"


def _acm_journal_pdf(path):
    """A headingless ACM-journal-like page: capitals 'NAME, Institution' lines set as wide and as
    close as the abstract under them (Courier, so every line ends at the same right edge)."""
    import pymupdf
    doc = pymupdf.open()
    page = doc.new_page(width=504, height=720)
    page.insert_text((46, 90), "Learned Token Merging for Vision Transformers", fontname="hebo", fontsize=16)
    authors = ["HYUN-WOO PARK, Korea Advanced Institute of Science and Technology, Daejeon",
               "JI-YEON LEE, Korea Advanced Institute of Science and Technology, Daejeon, Ko",
               "MARCO ROSSI, Politecnico di Milano, Milan, Italy, Politecnico di Milano, Mil"]
    body = ("Vision transformers process every image patch as a token which makes their cost "
            "grow with image resolution and token merging combines similar tokens to shorten "
            "the sequence but hand designed merging schedules transfer poorly across models "
            "and devices so we learn a merging schedule with a differentiable relaxation that "
            "trades accuracy against measured latency on the target device and the schedules "
            "merge aggressively in early layers and keep fine detail where the task needs it.")
    lines = [a.ljust(78)[:78] for a in authors] + [body[i:i + 78] for i in range(0, len(body), 78)]
    for n, text in enumerate(lines):
        page.insert_text((46, 130 + 11 * n), text, fontname="cour", fontsize=9)
    doc.save(path)


def test_headingless_abstract_starts_under_the_author_lines(tmp_path):
    from paperbrief.extract import extract
    pdf = tmp_path / "acm.pdf"
    _acm_journal_pdf(str(pdf))
    paper = extract(str(pdf))
    assert paper.authors == ["Hyun-Woo Park", "Ji-Yeon Lee", "Marco Rossi"]
    assert paper.abstract.startswith("Vision transformers process every image patch")


def test_company_with_an_address_is_an_affiliation_in_footnotes():
    assert affs.sentence_affiliations("S. Pateux and T. Ladune are with Orange Innovation, Cesson-S´evign´e, "
                                      "France (e-mail: stephane.pateux@orange.com).") == [
        (["S. Pateux", "T. Ladune"], "Orange Innovation, Cesson-Sévigné, France")]
    assert affs.footnote_affiliations([("†", "Orange Innovation, Cesson-Sévigné, France. Email: a@b.com")]) == [
        ("†", "Orange Innovation, Cesson-Sévigné, France")]
    assert not affs.looks_affiliation("Preprint. Work in progress")


def test_company_unit_is_not_a_person():
    from paperbrief.extract.names import is_name
    assert not is_name("Orange Innovation")
    assert is_name("Théo Ladune")


def test_footnote_sentence_ends_before_an_accented_initial():
    got = affs.sentence_affiliations("A. Martin is with Universit´e Paris-Saclay, Orsay, France. ´E. Dupont "
                                     "and T. Ladune are with Inria.")
    assert got == [(["A. Martin"], "Université Paris-Saclay, Orsay, France"), (["É. Dupont", "T. Ladune"], "Inria")]


def test_footnote_sentences_rejoin_words_hyphenated_at_line_ends():
    from paperbrief.extract.text import join_lines
    text = join_lines(["Y. Chen is with the Nanjing University of Science and Technol-", "ogy, Nanjing, China."])
    assert affs.sentence_affiliations(text) == [(["Y. Chen"], "Nanjing University of Science and Technology, "
                                                              "Nanjing, China")]


def test_cell_lines_wrapped_inside_an_institution_name_are_rejoined():
    assert affs.join_stack(["Department of Computer Science, Texas Tech", "University", "Lubbock, TX 79409, USA"],
                           [False, True, True]) == [
        "Department of Computer Science, Texas Tech University, Lubbock, TX 79409, USA"]
    assert affs.join_stack(["Department of Radiology, Texas Tech University", "Health Sciences Center",
                            "Lubbock, TX, USA"], [False, True, True]) == [
        "Department of Radiology, Texas Tech University Health Sciences Center, Lubbock, TX, USA"]


def test_two_institutions_stacked_stay_two():
    assert affs.join_stack(["Google DeepMind", "University of Oxford"], [False, True]) == [
        "Google DeepMind", "University of Oxford"]
    assert affs.join_stack(["Stanford University", "Google Research", "Mountain View, CA"], [False, False, False])[0] \
        == "Stanford University"
    assert affs.join_stack(["South China University of Technology, Guangzhou, China", "Huawei Noah’s Ark Lab"],
                           [False, True]) == ["South China University of Technology, Guangzhou, China",
                                              "Huawei Noah’s Ark Lab"]


def test_abstract_continues_in_the_next_column_past_small_footnotes(tmp_path):
    """Two abstract lines above first-page footnotes: the footnotes' size must not set the style."""
    import pymupdf

    from paperbrief.extract import layout
    from paperbrief.extract.abstract import find_abstract
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((54, 600), "ABSTRACT", fontname="hebo", fontsize=11)
    page.insert_text((54, 620), "Sparse attention reduces the quadratic cost of self-attention,", fontsize=9)
    page.insert_text((54, 631), "but its irregular memory access patterns make efficient GPU", fontsize=9)
    for n, note in enumerate(["*Both authors contributed equally.", "+Both authors contributed equally.",
                              "Corresponding author."]):
        page.insert_text((54, 650 + 8 * n), note, fontsize=5)
    right = ["kernels hard to write. We present a family of mixed-precision",
             "kernels that store keys and values in eight-bit formats while",
             "accumulating in higher precision, and that schedule sparse",
             "blocks to balance work across streaming multiprocessors."]
    for n, text in enumerate(right):
        page.insert_text((318, 615 + 11 * n), text, fontsize=9)
    page.insert_text((318, 680), "1 INTRODUCTION", fontname="hebo", fontsize=11)
    path = tmp_path / "cols.pdf"
    doc.save(str(path))
    pdf = pymupdf.open(str(path))
    text, _ = find_abstract(layout.read(pdf), pdf, None)
    assert text.startswith("Sparse attention reduces") and text.endswith("streaming multiprocessors.")


def test_double_affiliation_after_a_country_is_split():
    assert affs.split_double("Orange Innovation, Rennes, France, and Inria, Université de Rennes, CNRS, IRISA, "
                             "Rennes, France") == [
        "Orange Innovation, Rennes, France", "Inria, Université de Rennes, CNRS, IRISA, Rennes, France"]


def test_wrapped_ieee_grade_is_not_an_institution():
    from paperbrief.extract.header import _GRADE
    for tail in ("IEEE", "Fellow, IEEE", "Senior Member, IEEE"):
        assert _GRADE.fullmatch(tail)
    assert not _GRADE.fullmatch("IEEE Computer Society")


@needs_shared
def test_blank_first_page_reads_the_header_from_page_two(tmp_path):
    import pymupdf

    from paperbrief.extract import extract
    src = pymupdf.open(str(CORPUS / "real" / "pdf" / sorted(p.name for p in (CORPUS / "real" / "pdf").glob("*.pdf"))[0]))
    doc = pymupdf.open()
    doc.new_page(width=src[0].rect.width, height=src[0].rect.height)  # blank page 1
    doc.insert_pdf(src, from_page=0, to_page=min(1, src.page_count - 1))
    path = tmp_path / "blank_first.pdf"
    doc.save(str(path))
    direct = extract(src.name)
    shifted = extract(str(path))
    assert shifted.title == direct.title and shifted.authors == direct.authors
    assert shifted.abstract[:200] == direct.abstract[:200]
    assert any("page 2" in w for w in shifted.warnings)


def test_revtex_affiliation_lines_joined_by_a_trailing_and_are_two():
    assert affs.join_stack(["NVIDIA and", "Tsinghua University"]) == ["NVIDIA", "Tsinghua University"]
    assert affs.join_stack(["Department of Electrical and", "Computer Engineering, Rice University"]) == [
        "Department of Electrical and Computer Engineering, Rice University"]
    assert affs.join_stack(["Nanjing University of Science and", "Technology"]) == [
        "Nanjing University of Science and Technology"]


def test_section_headings_in_their_printed_forms_are_not_header_lines():
    from paperbrief.extract.header import _HEADING
    for heading in ("Introduction", "1 INTRODUCTION", "I INTRODUCTION", "A. Introduction", "§1 Introduction",
                    "Introduction and Motivation", "1 Background and Related Work", "Introduction."):
        assert _HEADING.match(heading), heading
    for aff in ("Methods Lab", "Background Research Group", "Introduction Labs, Inc."):
        assert not _HEADING.match(aff), aff


def test_abstract_runs_through_column_two_and_on_to_page_two_past_author_cells(tmp_path):
    """Column two begins beside the heading; an author cell's tail above it is not the abstract,
    and page 2 continues in column one."""
    import pymupdf

    from paperbrief.extract import layout
    from paperbrief.extract.abstract import find_abstract
    words = ("efficient inference needs careful kernels and memory planning so we study how batching "
             "and caching interact across devices while keeping the accuracy of the model intact and ").split()
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for y, t in ((500, "Kai Zheng"), (515, "Renmin University of China"), (527, "Beijing, China")):
        page.insert_text((440, y), t, fontname="helv", fontsize=10)
    page.insert_text((54, 548), "ABSTRACT", fontname="hebo", fontsize=11)
    n = 0
    for x, ys in ((54, range(562, 700, 11)), (318, range(548, 700, 11))):
        for y in ys:
            page.insert_text((x, y), " ".join(words[(n + k) % len(words)] for k in range(7)), fontname="tiro", fontsize=9)
            n += 7
    second = doc.new_page(width=612, height=792)
    second.insert_text((54, 90), "and the last line ends here.", fontname="tiro", fontsize=9)
    second.insert_text((318, 90), "Other column text that is not the abstract at all.", fontname="tiro", fontsize=9)
    second.insert_text((54, 120), "1 INTRODUCTION", fontname="hebo", fontsize=11)
    path = tmp_path / "acm2.pdf"
    doc.save(str(path))
    pdf = pymupdf.open(str(path))
    text, _ = find_abstract(layout.read(pdf), pdf, None)
    assert "Beijing" not in text and "Renmin" not in text
    assert text.endswith("and the last line ends here.")


def test_revtex_trailing_and_before_a_department_line_splits():
    assert affs.join_stack(["Institute of Artificial Intelligence (TeleAI), China Telecom and",
                            "Department of Electrical and Computer Engineering, National University of Singapore"]) == [
        "Institute of Artificial Intelligence (TeleAI), China Telecom",
        "Department of Electrical and Computer Engineering, National University of Singapore"]
