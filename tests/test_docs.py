"""The README is a contract: its commands and option table must match the CLI and CI."""
import re

import click

from paperbrief.cli import cli

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```\n(.*?)\n```", section, re.S)]


def test_setup_commands_make_their_own_virtual_environment():
    """A current Debian/Ubuntu system Python refuses pip outside a venv."""
    run, test = setup_commands()
    for cmd in (run, test):
        assert cmd.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert run.count("&&") == 2 and "pip install ." in run and "paperbrief report examples/papers" in run
    assert (REPO / "examples" / "papers").is_dir() and list((REPO / "examples" / "papers").glob("*.pdf"))


def test_ci_runs_the_readme_test_command():
    test_cmd = setup_commands()[1]
    assert "pytest" in test_cmd
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci and "set -euo pipefail" in ci


def test_readme_lists_every_command():
    listed = set(re.findall(r"^\| `([a-z]+)` \|", README, re.M))
    assert listed == set(cli.commands)


def test_readme_lists_every_report_option():
    listed = set(re.findall(r"(--[a-z-]+)", README))
    options = {o for p in cli.commands["report"].params if isinstance(p, click.Option) for o in p.opts
               if o.startswith("--") and o != "--help"}
    assert options - listed == set()
