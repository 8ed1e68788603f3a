"""The CLI end to end, in-process, on real PDFs, with the user directory in tmp_path.

The papers are the ones the repository ships (examples/papers), so this runs on a bare clone.
"""
import json
import os
import re
import shlex
import stat

import pytest
from click.testing import CliRunner

from paperbrief import __version__
from paperbrief.brief import available
from paperbrief.cli import cli

from .conftest import EXAMPLES, REPO, make_bad_files, needs_shared, shared_tool

check_report = shared_tool("check_report")


@pytest.fixture
def runner(tmp_path):
    return CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_BASE_URL": "", "OPENAI_API_KEY": ""})


def test_report_with_bad_files_mixed_in(runner, good_dir, tmp_path):
    bad = make_bad_files(good_dir)
    out = tmp_path / "r.md"
    res = runner.invoke(cli, ["report", str(good_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    md = out.read_text(encoding="utf-8")
    assert "分析论文数量: 4篇" in md and md.count("发布了") >= 4
    failures = md.split("## 处理失败的文件", 1)[1]
    for name in bad:
        assert name in failures
        lines = [l for l in res.stderr.splitlines() if name in l]
        assert len(lines) == 1 and lines[0].startswith("paperbrief: error: ")
    assert "4 papers done, 5 failed" in res.stderr


@needs_shared
def test_report_passes_the_seed_checker(runner, tmp_path):
    out = tmp_path / "r.md"
    assert runner.invoke(cli, ["report", str(EXAMPLES), "-o", str(out)]).exit_code == 0
    errors, stats = check_report.check(str(out))
    assert errors == [] and stats["papers"] == len(list(EXAMPLES.glob("*.pdf")))


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
    files = [str(EXAMPLES / "d002.pdf"), str(bad / "empty.pdf"), str(EXAMPLES / "d001.pdf")]
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

    doc = pymupdf.open(EXAMPLES / "d001.pdf")
    xref = doc[0].get_contents()[0]
    raw = bytearray(doc.xref_stream_raw(xref))
    raw[40:80] = bytes(b ^ 0x5A for b in raw[40:80])  # a broken deflate stream: "zlib error"
    doc.update_stream(xref, bytes(raw), compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.save(tmp_path / "zlib.pdf")
    files = [str(tmp_path / "zlib.pdf"), str(EXAMPLES / "d002.pdf")]
    out = subprocess.run([sys.executable, "-m", "paperbrief", "extract", *files], capture_output=True, text=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["file"] for r in rows] == files


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(runner, flag):
    res = runner.invoke(cli, [flag])
    assert res.exit_code == 0 and res.output.strip() == f"paperbrief, version {__version__}"


def help_text(name):
    return CliRunner().invoke(cli, [name, "--help"], terminal_width=100).output


def env_vars_the_code_reads():
    """Every OPENAI_*/PAPERBRIEF_* name the config and the CLI read, found in their source."""
    src = REPO / "src" / "paperbrief"
    text = "".join((src / f).read_text(encoding="utf-8") for f in ("config.py", "cli.py"))
    code = re.sub(r'(?s)[A-Z_]+_HELP = """.*?"""', "", text)  # not the help text itself
    return set(re.findall(r'"((?:OPENAI|PAPERBRIEF)_[A-Z_]+)"', code))


def test_report_help_names_config_file_env_vars_and_exit_codes():
    text = help_text("report")
    assert "paperbrief.toml" in text
    names = env_vars_the_code_reads()
    assert {"OPENAI_API_KEY", "OPENAI_BASE_URL", "PAPERBRIEF_MODEL", "PAPERBRIEF_HOME"} <= names
    assert [n for n in sorted(names) if n not in text] == []
    for code in ("0", "1", "2"):
        assert re.search(rf"^\s+{code}\s+\S", text.split("Exit status:")[1], re.M), code


def test_extract_help_says_what_it_reads_and_its_exit_codes():
    text = help_text("extract")
    assert "paperbrief.toml" in text and "Exit status:" in text


@pytest.mark.parametrize("name", ["report", "extract"])
def test_help_examples_are_valid_command_lines(name):
    """Two or three examples per command, each one the command's own parser accepts."""
    examples = [l.strip() for l in help_text(name).split("Examples:")[1].split("\n\n")[0].splitlines() if l.strip()]
    assert 2 <= len(examples) <= 3
    for line in examples:
        words = shlex.split(re.split(r"\s[|>]\s", line)[0])
        assert words[:2] == ["paperbrief", name]
        cli.commands[name].make_context(name, words[2:])  # raises on an unknown option or bad value


def test_llm_lists_its_choices():
    text = help_text("report")
    choices = re.search(r"--llm \[([a-z|]+)\]", text).group(1).split("|")
    assert set(available()) <= set(choices) and "auto" in choices


def test_unknown_llm_writer_is_a_usage_error(runner, tmp_path):
    res = runner.invoke(cli, ["report", str(EXAMPLES / "d001.pdf"), "--llm", "nosuch", "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 2 and "nosuch" in res.output and "offline" in res.output
    assert not (tmp_path / "r.md").exists()


def test_output_into_a_missing_folder_is_one_line_and_creates_nothing(runner, tmp_path):
    target = tmp_path / "no" / "such" / "r.md"
    res = runner.invoke(cli, ["report", str(EXAMPLES / "d001.pdf"), "-o", str(target)])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [f"paperbrief: error: {target.parent}: no such folder for the report (-o); "
                                       "create it first"]
    assert sorted(os.listdir(tmp_path)) == []  # no folders, and no store in PAPERBRIEF_HOME either


def test_report_keeps_the_mode_of_the_file_it_replaces(runner, tmp_path):
    out = tmp_path / "r.md"
    out.write_text("old")
    out.chmod(0o644)
    assert runner.invoke(cli, ["report", str(EXAMPLES / "d001.pdf"), "-o", str(out)]).exit_code == 0
    assert "发布了" in out.read_text(encoding="utf-8") and stat.S_IMODE(out.stat().st_mode) == 0o644

