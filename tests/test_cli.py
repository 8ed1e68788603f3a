"""The CLI end to end, in-process, on real PDFs, with the user directory in tmp_path."""
import json
import re

import pytest
from click.testing import CliRunner

from paperbrief.cli import cli

from .conftest import TYPESET, make_bad_files
from .report.test_render import check_report


@pytest.fixture
def runner(tmp_path):
    return CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_BASE_URL": "", "OPENAI_API_KEY": ""})


def test_report_with_bad_files_mixed_in(runner, good_dir, tmp_path):
    bad = make_bad_files(good_dir)
    out = tmp_path / "r.md"
    res = runner.invoke(cli, ["report", str(good_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    errors, stats = check_report.check(str(out))
    assert errors == [] and stats["papers"] == 4
    md = out.read_text(encoding="utf-8")
    failures = md.split("## 处理失败的文件", 1)[1]
    for name in bad:
        assert name in failures
        lines = [l for l in res.stderr.splitlines() if name in l]
        assert len(lines) == 1 and lines[0].startswith("paperbrief: error: ")
    assert "4 papers done, 5 failed" in res.stderr


def test_second_run_is_all_cached_and_same_report(runner, good_dir, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert runner.invoke(cli, ["report", str(good_dir), "-o", str(a)]).exit_code == 0
    res = runner.invoke(cli, ["report", str(good_dir), "-o", str(b)])
    assert res.exit_code == 0 and "all cached" in res.stderr
    def strip(path):
        return re.sub(r"生成时间: .*", "", path.read_text(encoding="utf-8"))

    assert strip(a) == strip(b)


def test_nothing_reportable_exits_2(runner, tmp_path):
    bad = tmp_path / "bad"
    make_bad_files(bad)
    res = runner.invoke(cli, ["report", str(bad), "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 2
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "分析论文数量: 0篇" in md and "encrypted.pdf" in md


def test_json_and_html_formats(runner, good_dir, tmp_path):
    res = runner.invoke(cli, ["report", str(good_dir), "-o", str(tmp_path / "r.json")])
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert res.exit_code == 0 and data["paper_count"] == 4
    assert all(p["brief"]["writer"] == "offline" for p in data["papers"])
    res = runner.invoke(cli, ["report", str(good_dir), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 0 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_title_option(runner, good_dir, tmp_path):
    runner.invoke(cli, ["report", str(good_dir), "--title", "本周量化论文", "-o", str(tmp_path / "r.md")])
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# 本周量化论文\n")


def test_extract_jsonl_contract(runner, tmp_path):
    bad = tmp_path / "bad"
    make_bad_files(bad)
    files = [str(TYPESET / "pdf" / "d002.pdf"), str(bad / "empty.pdf"), str(TYPESET / "pdf" / "d001.pdf")]
    res = runner.invoke(cli, ["extract", *files, "--format", "jsonl"])
    assert res.exit_code == 0
    rows = [json.loads(l) for l in res.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
    assert [r["status"] for r in rows] == ["ok", "error", "ok"]
    for key in ("file", "status", "error", "title", "authors", "author_count", "affiliations", "abstract"):
        assert key in rows[0]
    assert rows[0]["author_count"] == len(rows[0]["authors"])
    assert "empty" in rows[1]["error"]


def test_no_inputs_is_a_usage_error(runner):
    res = runner.invoke(cli, ["report"])
    assert res.exit_code == 2 and "give PDF files" in res.output


def test_every_command_and_option_has_help():
    import click

    for name, cmd in cli.commands.items():
        assert cmd.help, name
        for p in cmd.params:
            if isinstance(p, click.Option):
                assert p.help, f"{name} {p.opts}"


def test_extract_stdout_stays_json_when_mupdf_complains(tmp_path):
    """MuPDF prints its own errors to stdout; they must not break the JSON Lines contract."""
    import subprocess
    import sys

    import pymupdf

    doc = pymupdf.open(TYPESET / "pdf" / "d001.pdf")
    xref = doc[0].get_contents()[0]
    raw = bytearray(doc.xref_stream_raw(xref))
    raw[40:80] = bytes(b ^ 0x5A for b in raw[40:80])  # a broken deflate stream: "zlib error"
    doc.update_stream(xref, bytes(raw), compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.save(tmp_path / "zlib.pdf")
    files = [str(tmp_path / "zlib.pdf"), str(TYPESET / "pdf" / "d002.pdf")]
    out = subprocess.run([sys.executable, "-m", "paperbrief", "extract", *files], capture_output=True, text=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
