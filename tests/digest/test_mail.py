"""`paperbrief mail`: an issue arrives at a local SMTP server (STARTTLS, login) with an HTML part and a
plain-text alternative; a failed send is one line and a non-zero exit, and the issue can be sent again."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from paperbrief.cli import cli
from paperbrief.digest import DigestRecords

from .conftest import SHOWN
from .smtp import PASSWORD, free_port, start_smtp

TOPIC = "inference-acceleration"


@pytest.fixture
def smtp(tmp_path):
    server = start_smtp(tmp_path)
    yield server
    server.controller.stop()


def _runner(tmp_path, config: str, password: str = PASSWORD) -> CliRunner:
    home = tmp_path / "mailhome"
    home.mkdir(exist_ok=True)
    (home / "paperbrief.toml").write_text(config, encoding="utf-8")
    return CliRunner(env={"PAPERBRIEF_HOME": str(home), "PAPERBRIEF_SMTP_PASSWORD": password})


def test_an_issue_arrives_with_html_and_plain_text(weekly, smtp, tmp_path):
    runner = _runner(tmp_path, smtp.config())
    res = runner.invoke(cli, ["mail", "--issue", "2", "--store", str(weekly.store)])
    assert res.exit_code == 0, res.stderr
    assert smtp.inbox.logins == ["digest"]  # the password from the environment was used, over TLS
    [msg] = smtp.inbox.messages
    assert "第2期" in msg["Subject"] and msg["To"] == "reader@example.org"
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    report = json.loads((weekly.site / "issues" / "2" / "report.json").read_text(encoding="utf-8"))
    text, markup = plain.get_content(), html.get_content()
    for paper in report["papers"]:
        assert paper["title"] in text
        assert paper["brief"]["text"] in markup
    assert SHOWN in text and SHOWN in markup  # the arXiv title's markup was cleaned out before it was stored
    assert "<script" not in markup and "__pwned" not in markup and "__pwned" not in text
    with DigestRecords(weekly.store) as records:
        assert records.issue(TOPIC, 2).mailed is not None


def test_a_failed_send_is_one_line_and_the_issue_can_be_sent_again(weekly, smtp, tmp_path):
    closed = free_port()
    res = _runner(tmp_path, smtp.config(port=closed)).invoke(cli, ["mail", "--issue", "1", "--store", str(weekly.store)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert f"127.0.0.1:{closed}: cannot connect" in res.stderr and "paperbrief mail --issue 1" in res.stderr
    with DigestRecords(weekly.store) as records:
        assert len(records.issues(TOPIC)) == 3 and records.issue(TOPIC, 1).mailed is None
    assert smtp.inbox.messages == []
    res = _runner(tmp_path, smtp.config()).invoke(cli, ["mail", "--issue", "1", "--store", str(weekly.store)])
    assert res.exit_code == 0, res.stderr
    assert len(smtp.inbox.messages) == 1 and "第1期" in smtp.inbox.messages[0]["Subject"]


def test_bad_mail_config_is_one_line(weekly, tmp_path):
    res = _runner(tmp_path, '[mail]\nhost = "127.0.0.1"\n').invoke(cli, ["mail", "--store", str(weekly.store)])
    assert res.exit_code == 2 and "[mail] to" in res.stderr and res.stderr.count("\n") == 1
