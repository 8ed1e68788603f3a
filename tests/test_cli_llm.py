"""`paperbrief report` against a real HTTP endpoint on 127.0.0.1 speaking the chat-completions protocol."""
import json
import socket

from click.testing import CliRunner

from paperbrief.cli import cli

from .brief.llm_server import FakeLLM
from .conftest import needs_shared
from .report.test_render import check_report

KEY = "sk-test-do-not-leak-4242"


def _runner(tmp_path):
    return CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": ""})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_shared
def test_llm_briefs_then_second_run_makes_no_requests(good_dir, tmp_path):
    runner = _runner(tmp_path)
    with FakeLLM(api_key=KEY, faults={"ResSVD": ["500", "ok"]}) as server:
        args = ["report", str(good_dir), "--llm-base-url", server.url, "--model", "fake-brief-1"]
        res = runner.invoke(cli, [*args, "-o", str(tmp_path / "r.md")])
        assert res.exit_code == 0, res.output
        assert check_report.check(str(tmp_path / "r.md"))[0] == []
        first = len(server.log)
        assert first >= 5  # four papers, one retried after a 500
        res = runner.invoke(cli, [*args, "-o", str(tmp_path / "r.json")])
        assert len(server.log) == first  # all from the store
        assert "all cached" in res.stderr and "0 LLM requests" in res.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {p["brief"]["writer"] for p in data["papers"]} == {"openai"}
    assert {p["brief"]["model"] for p in data["papers"]} == {"fake-brief-1"}
    for path in [tmp_path / "r.md", tmp_path / "r.json", *(tmp_path / "home").iterdir()]:
        assert KEY not in path.read_bytes().decode("utf-8", "replace"), path
    assert KEY not in res.output


@needs_shared
def test_endpoint_down_gives_marked_fallbacks_that_are_retried_next_run(good_dir, tmp_path):
    runner = _runner(tmp_path)
    port = _free_port()
    args = ["report", str(good_dir), "--model", "fake-brief-1", "--llm-timeout", "2"]
    res = runner.invoke(cli, [*args, "--llm-base-url", f"http://127.0.0.1:{port}/v1", "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert check_report.check(str(tmp_path / "r.md"))[0] == []
    assert md.count("**简报来源**: 离线生成（LLM 回答未采用") == 4
    with FakeLLM(api_key=KEY) as server:
        res = runner.invoke(cli, [*args, "--llm-base-url", server.url, "-o", str(tmp_path / "r2.md")])
        assert res.exit_code == 0 and len(server.log) == 4  # the outage was not cached
    assert "简报来源" not in (tmp_path / "r2.md").read_text(encoding="utf-8")
