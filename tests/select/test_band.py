"""The 可能相关 band end to end: flags and config reach the topic, the pipeline lists papers
just below the threshold apart from the briefed ones and the left-out ones."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from paperbrief import config as cfg
from paperbrief.cli import cli
from paperbrief.errors import ConfigError

from ..conftest import REAL, needs_shared

PDFS = ["kwon2023_pagedattention_sosp.pdf", "he2016_resnet_cvpr.pdf"]  # on topic, off topic


def test_flags_win_over_the_config_file():
    assert cfg.select_overrides({"min_score": None, "band": None}, {}) == {}
    assert cfg.select_overrides({"min_score": None, "band": None}, {"min_score": 0.4, "band": 0}) == \
        {"threshold": 0.4, "band": 0.0}
    assert cfg.select_overrides({"min_score": 0.2, "band": None}, {"min_score": 0.4, "band": 0.1}) == \
        {"threshold": 0.2, "band": 0.1}


@pytest.mark.parametrize("value", ["high", 1.5, -0.1, True])
def test_bad_config_values_are_one_line_errors(value):
    with pytest.raises(ConfigError, match=r"\[select\] band must be a number in \[0, 1\]"):
        cfg.select_overrides({}, {"band": value})


@pytest.fixture
def pdf_dir(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    for name in PDFS:
        shutil.copy(REAL / "pdf" / name, folder / name)
    return folder


def _report(tmp_path, pdf_dir, *args, fmt="json"):
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_BASE_URL": "", "OPENAI_API_KEY": ""})
    out = tmp_path / f"r.{fmt}"
    res = runner.invoke(cli, ["report", str(pdf_dir), "--select", "--llm", "offline", "-o", str(out), *args])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return res, json.loads(text) if fmt == "json" and text else text


@needs_shared
def test_band_lists_near_misses_apart_from_briefed_and_left_out_papers(tmp_path, pdf_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res, data = _report(tmp_path, pdf_dir)
    assert res.exit_code == 0, res.output
    kept = [p["file"] for p in data["papers"]]
    assert len(kept) == 1 and kept[0].endswith(PDFS[0])
    assert len(data["excluded"]) == 1 and data["borderline"] == []

    # a band as wide as the threshold holds every paper below it, each with its full score
    (tmp_path / "paperbrief.toml").write_text("[select]\nmin_score = 1.0\nband = 1.0\n", encoding="utf-8")
    res, data = _report(tmp_path, pdf_dir)
    assert res.exit_code == 2  # nothing briefed
    assert data["papers"] == [] and data["excluded"] == [] and len(data["borderline"]) == 2
    assert all(p["brief"] is None and p["relevance"]["borderline"] and p["relevance"]["category"]
               for p in data["borderline"])
    assert "2 below relevance threshold" in res.output
    on, off = data["borderline"]  # highest score first
    assert on["file"] == kept[0]
    s_on, s_off = on["relevance"]["score"], off["relevance"]["score"]

    # flags win over the file: threshold just above the on-topic paper, band reaching it only
    res, data = _report(tmp_path, pdf_dir, "--min-score", f"{s_on + 0.001:.4f}", "--band", f"{(s_on - s_off) / 2:.4f}")
    assert [p["file"] for p in data["borderline"]] == [kept[0]]
    assert [p["file"] for p in data["excluded"]] == [off["file"]]

    res, text = _report(tmp_path, pdf_dir, fmt="md")
    section = text.split("## 可能相关的论文", 1)[1]
    assert "未入选的论文" not in text
    assert section.count("\n- ") == 2
    assert f"相关度 {s_on:.2f}，最接近：{on['relevance']['category']}" in section
