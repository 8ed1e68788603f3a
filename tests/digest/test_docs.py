"""The README's digest section and the example workflow name only flags and commands that exist."""
from __future__ import annotations

import re

import click

from paperbrief.cli import cli

from ..conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## A digest that runs itself", 1)[1].split("\n## ", 1)[0]
WORKFLOW = (REPO / "examples" / "digest-workflow.yml").read_text(encoding="utf-8")


def _options(command: str) -> set[str]:
    return {o for p in cli.commands[command].params if isinstance(p, click.Option) for o in p.opts}


def test_every_flag_in_the_digest_section_and_the_workflow_exists():
    checked = []
    for text in (SECTION, WORKFLOW):
        for command, rest in re.findall(r"paperbrief (digest|site|mail)\b([^\n`]*)", text):
            for flag in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", rest):
                assert flag in _options(command), f"paperbrief {command} has no {flag}"
                checked.append(flag)
    assert {"--arxiv", "--category", "--max", "--site", "--issue", "--store", "--base-url"} <= set(checked)


def test_the_readme_shows_cron_systemd_and_the_workflow_runs_weekly_with_a_secret():
    assert re.search(r"^0 6 \* \* 1 .*paperbrief digest", SECTION, re.M)
    assert "OnCalendar=" in SECTION and "ExecStart=" in SECTION and "python3 -m http.server -d site" in SECTION
    assert 'cron: "0 6 * * 1"' in WORKFLOW and "secrets.LLM_API_KEY" in WORKFLOW
    assert "actions/deploy-pages" in WORKFLOW and "digest-state" in WORKFLOW


def test_the_digest_toml_keys_are_read():
    from paperbrief.digest.settings import digest_settings

    toml = re.search(r"```toml\n(.*?)```", SECTION, re.S).group(1)
    import tomllib

    cfg = tomllib.loads(toml)
    s = digest_settings({}, cfg)
    assert s.query == cfg["digest"]["arxiv"] and s.categories == cfg["digest"]["categories"]
    assert (s.max_results, s.site.name, s.base_url, s.n, s.mail) == (100, "site", cfg["digest"]["base_url"], 4, True)
    from paperbrief.mail import mail_settings

    m = mail_settings(cfg["mail"])
    assert (m.host, m.port, m.starttls, m.to) == ("smtp.example.org", 587, True, ("you@example.org",))
