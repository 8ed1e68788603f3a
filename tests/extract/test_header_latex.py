"""LaTeX classes the corpus does not cover, compiled from the sources beside the PDFs.

``header_templates/*.tex`` are small papers written for these tests (acmart sigconf and
acmsmall, IEEEtran conference and journal, revtex, elsarticle, llncs, authblk, mnras, plain
article); the PDFs are their pdflatex output (run twice, for elsarticle's labels). The
expected values below are what each source typesets.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from paperbrief.extract import header, layout

HERE = Path(__file__).resolve().parent / "header_templates"

CASES = {
    "acm": ("Elastic Batching for Speculative Decoding Servers",
            ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown"],
            [["University of Washington"], ["Google DeepMind"], ["Carnegie Mellon University"],
             ["University of Washington"]]),
    "acmsmall": ("Compiling Sparse Attention for Mobile GPUs",
                 ["Alice Smith", "Bob Jones", "Carol White"],
                 [["Trinity College Dublin"], ["University of Edinburgh"], ["Trinity College Dublin"]]),
    "ieeeconf": ("Low-Bit Kernels for Edge Accelerators",
                 ["Alice Smith", "Bob Jones", "Carol White"],
                 [["Stanford University"], ["IBM Research"], ["Peking University"]]),
    "ieeeconf2": ("Collaborative Inference at the Edge",
                  ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown"],
                  [["Tsinghua University"], ["Huawei Technologies"], ["National University of Singapore"],
                   ["Tsinghua University"]]),
    "ieeejour": ("Adaptive Quantization for Video Transformers",
                 ["Alice Smith", "Bob Jones", "Carol White"],
                 [["Stanford University"], ["Microsoft Research"], ["Stanford University"]]),
    "revtex": ("Quantum-Inspired Pruning of Neural Networks",
               ["Alice Smith", "Bob Jones", "Carol White"],
               [["University of Oxford"], ["University of Oxford", "Perimeter Institute"], ["IBM Quantum"]]),
    "els2": ("Energy-Aware Scheduling of Inference Jobs on Heterogeneous Clusters",
             ["Alice Smith", "Bob Jones", "Carol White"],
             [["Technical University of Munich", "Max Planck Institute for Informatics"],
              ["Max Planck Institute for Informatics"], ["Huawei Technologies"]]),
    "lncs": ("Token Merging for Long Video Understanding",
             ["Alice Smith", "Bob Jones", "Carol White"],
             [["University of Amsterdam"], ["Qualcomm AI Research"], ["University of Amsterdam", "Qualcomm AI Research"]]),
    "authblk": ("KV Cache Eviction with Learned Importance",
                ["Alice Smith", "Bob Jones", "Carol White"],
                [["ETH Zürich", "Max Planck Institute for Intelligent Systems"],
                 ["Max Planck Institute for Intelligent Systems"], ["NVIDIA Research"]]),
    "mnras": ("Fast neural inference for large astronomical surveys",
              ["Alice Smith", "Bob Jones", "Carol White"],
              [["University of Cambridge"], ["Durham University"], ["University of Cambridge", "Kavli Institute"]]),
    "article": ("Speculative Decoding with Tiny Drafts",
                ["Alice Smith", "Bob Jones", "Carol White"],
                [["Stanford University"], ["Google Research"], ["Stanford University"]]),
    "big_authblk": ("Scaling Mixture-of-Experts Inference Across Thousands of Accelerators",
                    ["Wei Zhang", "Xiaoming Li", "Maria García López", "Jean-Pierre Dupont", "Sung-Min Park",
                     "Ahmed El-Sayed", "Olga Ivanova", "João Silva", "Hans Müller", "Priya Raghavan",
                     "Kenji Tanaka", "Li Na"],
                    [["Tsinghua University", "PSL Research University"], ["Tsinghua University"],
                     ["Barcelona Supercomputing Center"], ["PSL Research University"], ["KAIST"],
                     ["Tsinghua University", "KAIST"], ["Microsoft Research India"], ["Barcelona Supercomputing"],
                     ["PSL Research University"], ["Microsoft Research India"], ["Tsinghua University"],
                     ["KAIST", "Microsoft Research India"]]),
    "thanks": ("Early Exits for Encoder Models", ["Alice Smith", "Bob Jones", "Carol White"],
               [["University of Toronto"], ["Vector Institute"], ["University of Toronto"]]),
    "acm6": ("Disaggregated Prefill and Decode at Scale",
             ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown", "Eve Black", "Frank Green"],
             [["Peking University"], ["Peking University"], ["Alibaba Group"], ["University of California, Berkeley"],
              ["Alibaba Group"], ["Peking University"]]),
    "ieeejour6": ("Federated Distillation for On-Device Speech Recognition",
                  ["Wei Zhang", "Maria García", "Jean-Pierre Dupont", "Sung-Min Park", "Ahmed El-Sayed",
                   "Olga Ivanova"],
                  [["KAIST"], ["Inria"], ["Inria"], ["KAIST"], ["Cairo University", "Microsoft Research"],
                   ["Yandex Research"]]),
    "acmshared": ("Paged Attention for Multimodal Serving", ["Alice Smith", "Bob Jones", "Carol White"],
                  [["University of California, Berkeley"], ["University of California, Berkeley"],
                   ["Stanford University"]]),
    "acmsmall2": ("Memory-Constrained Inference on Microcontrollers", ["Alice Smith", "Bob Jones", "Carol White"],
                  [["Trinity College Dublin"], ["Trinity College Dublin"], ["University of Edinburgh"]]),
    "ieeemarks": ("Graph Neural Network Inference on FPGAs",
                  ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown"],
                  [["University of Toronto"], ["Xilinx Research Labs"], ["University of Toronto"],
                   ["Xilinx Research Labs"]]),
}

DISTINCT = {"ieeeconf2": 4, "big_authblk": 5}


@pytest.mark.parametrize("name", sorted(CASES))
def test_latex_class(name: str) -> None:
    title, authors, institutions = CASES[name]
    with layout.open_document(str(HERE / f"{name}.pdf")) as pdf:
        got = header.find_header(layout.read(pdf, pages=1), pdf)
    assert got.title == title
    assert got.authors == authors
    assert not got.warnings
    for person, expected, idx in zip(got.authors, institutions, got.author_affiliations):
        printed = [got.affiliations[i] for i in idx]
        assert len(printed) == len(expected), (person, printed)
        for inst, aff in zip(expected, printed):
            assert inst in aff, (person, printed)
    # distinct as printed: "dept. of EE, Tsinghua University" and "Tsinghua University" are two
    assert len(got.affiliations) == DISTINCT.get(name, len({i for inst in institutions for i in inst}))
