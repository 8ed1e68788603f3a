"""The aside check of issue 20: its failure classes with people, institutions and titles the
extractor was never tuned on, typeset with tests/extract/headerpdf.py. Scored once; see README.

    python3 benchmarks/heldout/make_aside.py OUTDIR     # OUTDIR/pdf/*.pdf and OUTDIR/gold.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.extract.headerpdf import Spec, build  # noqa: E402

ABSTRACTS = [
    "Mixture of experts models route each token to a few experts, which leaves most accelerators idle when "
    "experts are placed badly. We place experts by their observed co-activation and replicate the hottest ones "
    "on demand. Across four models and three clusters, the placement raises decoding throughput by a third and "
    "keeps the memory overhead under five percent of the weights.",
    "Retrieval augmented generation spends much of its latency on reading documents the model never uses. We "
    "train a small scorer that predicts which retrieved passages the answer will cite and drop the rest before "
    "prefill. On open domain question answering the method halves time to first token and loses less than one "
    "point of exact match.",
    "Quantizing activations to four bits fails on outlier channels that dominate the dynamic range. We rotate "
    "each layer's inputs with a learned orthogonal matrix that spreads outliers across channels, fold the "
    "rotation into the weights, and keep inference cost unchanged. The resulting models stay within two points "
    "of full precision on every benchmark we tried.",
]
HELV = {"font": "helv", "bold": "hebo"}


def _specs() -> list[Spec]:
    a0, a1, a2 = ABSTRACTS
    long = " ".join([a0, a1, a2, a0.replace("Mixture", "Sparse mixture"), a1.replace("Retrieval", "Dense retrieval")])
    two = f"{a2} {a1}"
    t1 = ["Co-Activation Aware Expert Placement for MoE Inference"]
    t2 = ["Passage Pruning Before Prefill for Fast Retrieval Augmented Generation"]
    pair = [("Ingrid Valtonen", "1"), ("Rafael Quispe", "2")]
    pair_keyed = [("1", ["Aalto University"]), ("2", ["Universidad de Chile"])]
    pair_gold = ["Aalto University", "Universidad de Chile"]
    trio = [("Ingrid Valtonen", ""), ("Rafael Quispe", ""), ("Keiko Amano", "")]
    return [
        # several institutions of one author
        Spec("x01_cell_two_lines", t1, trio, [], ["Monash University", "KAUST", "Aalto University"], a0,
             cells=[["Monash University", "KAUST"], ["KAUST"], ["Aalto University"]], **HELV),
        Spec("x02_cell_semicolon", t2, trio, [], ["University of Toronto", "Vector Institute", "Aalto University"], a1,
             cells=[["University of Toronto; Vector Institute"], ["Vector Institute"], ["Aalto University"]]),
        Spec("x03_marks_inline", t1, [("Ingrid Valtonen", "1,2"), ("Rafael Quispe", "2"), ("Keiko Amano", "3")],
             [("", ["^{1}Monash University, ^{2}SambaNova Systems, ^{3}Tohoku University"])],
             ["Monash University", "SambaNova Systems", "Tohoku University"], a2),
        Spec("x04_footnote_semicolon", t2, [("Ingrid Valtonen", "*"), ("Rafael Quispe", "†")], [],
             ["University of Toronto", "Vector Institute", "Universidad de Chile"], a0,
             footnotes=[("*", "University of Toronto; Vector Institute"), ("†", "Universidad de Chile")], **HELV),
        Spec("x05_cell_ampersand", t1, trio, [], ["Tohoku University", "Preferred Networks Inc.", "Aalto University"],
             a1, cells=[["Tohoku University & Preferred Networks Inc."], ["Preferred Networks Inc."], ["Aalto University"]]),
        # banners
        Spec("x06_banner_top", t2, pair, pair_keyed, pair_gold, a2,
             banner=["This paper is included in the Proceedings of the", "2026 USENIX Annual Technical Conference.",
                     "July 8-10, 2026 • Seattle, WA, USA", "ISBN 978-1-939133-52-6"]),
        Spec("x07_banner_cover", t1, trio[:2], [], ["Aalto University"], a0,
             cover=[("This paper is included in the Proceedings of the", 11),
                    ("20th USENIX Symposium on Operating Systems Design and Implementation.", 11),
                    ("ISBN 978-1-939133-55-7", 9), ("Open access to the Proceedings is sponsored by", 11),
                    (t1[0], 18), ("Ingrid Valtonen and Rafael Quispe, Aalto University", 10)], **HELV),
        # wrapped institutions
        Spec("x08_wrap_cells", t2, trio, [], ["Harbin Institute of Technology, Shenzhen, China",
                                             "Huazhong University of Science and Technology, Wuhan, China",
                                             "Aalto University"], a1,
             cells=[["Harbin Institute of", "Technology, Shenzhen, China"], ["Huazhong University of Science",
                                                                             "and Technology, Wuhan, China"],
                    ["Aalto University"]]),
        Spec("x09_wrap_marked", t1, pair, [("1", ["National Engineering Laboratory for Big Data", "Analysis and "
                                                                                               "Applications, Peking University"]),
                                           ("2", ["Southern University of Science", "and Technology"])],
             ["National Engineering Laboratory for Big Data Analysis and Applications, Peking University",
              "Southern University of Science and Technology"], a2, **HELV),
        Spec("x10_wrap_head_alone", t2, trio[:2], [("", ["Nanjing Forestry", "University, Nanjing, China"])],
             ["Nanjing Forestry University, Nanjing, China"], a0),
        # plural departments
        Spec("x11_departments", t1, pair, [("1", ["Departments of Physics and Electrical Engineering,",
                                                  "Tampere University"]), ("2", ["Universidad de Chile"])],
             ["Departments of Physics and Electrical Engineering, Tampere University", "Universidad de Chile"], a1),
        Spec("x12_departments_cell", t2, trio, [], ["Departments of Mathematics and Informatics, University of Oslo",
                                                    "Aalto University"], a2,
             cells=[["Departments of Mathematics and", "Informatics, University of Oslo"], ["Aalto University"],
                    ["Aalto University"]], **HELV),
        # companies named once
        Spec("x13_company_cell", t1, trio[:2], [], ["ByteDance", "Aalto University"], a0,
             cells=[["ByteDance"], ["Aalto University"]]),
        Spec("x14_company_footnote", t2, [("Ingrid Valtonen", "†"), ("Rafael Quispe", "")], [], ["xAI"], a1,
             footnotes=[("†", "xAI")], **HELV),
        Spec("x15_company_beside", t1, [("Ingrid Valtonen| (MiniMax)", ""), ("Rafael Quispe| (Aalto University)", "")],
             [], ["MiniMax", "Aalto University"], a2),
        # abstracts
        Spec("x16_contents", ["A Survey of Speculative Decoding"], pair, pair_keyed, pair_gold, a0, heading="",
             contents_page=True, page_numbers=True),
        Spec("x17_title_page_contents", ["A Survey of KV Cache Compression"], pair, pair_keyed, pair_gold, "",
             heading="", contents_page=True, page_numbers=True, running_head="1"),
        Spec("x18_page_two", t1, pair, pair_keyed, pair_gold, long, spill="page", head_size=9, **HELV),
        Spec("x19_column_two", t2, pair, pair_keyed, pair_gold, f"{long} {long}", spill="column", columns=2),
        Spec("x20_ends_at_foot", t1, pair, pair_keyed, pair_gold, two, spill="foot", page_numbers=True),
        # titles
        Spec("x21_title_hyphen", ["ROTQ-4: Learned Rotations Make Four-Bit Activations Compe-", "titive"],
             trio[:2], [("", ["Aalto University"])], ["Aalto University"], a2),
        Spec("x22_title_real_hyphen", ["Token-Level Early Exit for Multi-", "Hop Question Answering"],
             trio[:2], [("", ["Aalto University"])], ["Aalto University"], a1, **HELV),
        Spec("x23_title_hyphen_two", ["Energy-Aware Batching for Inference Clus-", "ters at Scale"],
             trio[:2], [("", ["Aalto University"])], ["Aalto University"], a0),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    args = ap.parse_args(argv)
    (args.outdir / "pdf").mkdir(parents=True, exist_ok=True)
    with open(args.outdir / "gold.jsonl", "w", encoding="utf-8") as fh:
        for spec in _specs():
            build(spec, args.outdir / "pdf" / f"{spec.name}.pdf")
            fh.write(json.dumps(spec.gold(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
