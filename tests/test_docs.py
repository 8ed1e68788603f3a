"""The README is a contract: its commands and option table must match the CLI and CI."""
import re

import click

from paperbrief.cli import cli

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```\n(.*?)\n```", README, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    assert test_cmd.strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_lists_every_command():
    listed = set(re.findall(r"^\| `([a-z]+)` \|", README, re.M))
    assert listed == set(cli.commands)


def test_readme_lists_every_report_option():
    listed = set(re.findall(r"(--[a-z-]+)", README))
    options = {o for p in cli.commands["report"].params if isinstance(p, click.Option) for o in p.opts
               if o.startswith("--") and o != "--help"}
    assert options - listed == set()
