"""本期综述: a paragraph from a chat endpoint on 127.0.0.1, kept only when it passes the brief-like checks."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from paperbrief.cli import cli
from paperbrief.digest import DigestRecords
from paperbrief.digest.summary import SummarySettings, check, write_summary

from .conftest import UNTIL, digest_args

REFUSAL = "请提供本期论文的简报和趋势数据，以便撰写本期综述。"


class Editor:
    """A chat endpoint whose 'model' writes the paragraph from the JSON it is given (a real round
    trip: the numbers come from the request), or misbehaves as told: ``invent`` adds a number the
    data lacks, ``refuse`` asks for input, ``down`` answers 503."""

    def __init__(self, mode: str = "good") -> None:
        self.mode, self.requests = mode, []
        editor = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                editor.requests.append(body)
                if editor.mode == "down":
                    self.send_response(503)
                    self.end_headers()
                    return
                data = json.loads(body["messages"][-1]["content"])
                top = data["tags"][0]
                text = (f"第{data['issue']}期共收录{data['papers']}篇论文，其中{top['name']}方向{top['count']}篇，"
                        f"占本期的{top['share_percent']}%，是本期最集中的技术方向。")
                if editor.mode == "invent":
                    text += "多数方法把推理速度提升了37倍。"
                elif editor.mode == "refuse":
                    text = REFUSAL
                out = json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def editor():
    e = Editor()
    yield e
    e.close()


DATA = {"issue": 3, "papers": 4, "briefs": ["某机构发布了X论文，使用量化，解决了显存占用高的问题，达成了推理速度提升2.5倍"],
        "tags": [{"name": "量化", "count": 3, "share_percent": 75, "last_issue_count": 1, "vs_last_issue": "↑"}],
        "new_institutions": [], "busiest_institutions": []}


def test_checks_numbers_refusals_language_and_shape():
    assert check("本期共4篇论文，量化3篇，占75%，比上期的1篇多；有方法把推理速度提升2.5倍。", DATA) is None
    assert "37" in check("本期共4篇论文，量化方法把速度提升了37倍。", DATA)
    assert "2.50" not in (check("有方法提升2.50倍，本期共4篇论文。", DATA) or "")  # 2.50 is the data's 2.5
    assert "refusal" in check(REFUSAL, DATA)
    assert check("This issue has 4 papers on quantization.", DATA) == "not Chinese"
    assert check("本期共4篇论文。\n\n量化3篇。", DATA) == "not one paragraph"
    assert "longer" in check("本期论文" * 100, DATA)


@pytest.mark.parametrize("mode, kept", [("good", True), ("invent", False), ("refuse", False), ("down", False)])
def test_write_summary_keeps_only_a_checked_paragraph(editor, mode, kept):
    editor.mode = mode
    text, why = write_summary(DATA, SummarySettings(editor.url, "editor-1", "sk-x", timeout=5))
    assert (text is not None) == kept and (why is None) == kept
    assert editor.requests[-1]["model"] == "editor-1"
    if kept:
        assert text.startswith("第3期共收录4篇论文，其中量化方向3篇，占本期的75%")
    else:
        assert why


def test_digest_with_summary_stores_and_shows_it_or_says_why_not(windowed_arxiv, editor, tmp_path):
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_BASE_URL": "", "OPENAI_API_KEY": "sk-x"})
    site = tmp_path / "site"
    args = [*digest_args(windowed_arxiv, editor.url, site, UNTIL[1]), "--llm", "off", "--summary"]
    res = runner.invoke(cli, args)  # offline briefs; the endpoint writes only the paragraph
    assert res.exit_code == 0, res.stderr
    assert len(editor.requests) == 1
    sent = json.loads(editor.requests[0]["messages"][-1]["content"])
    with DigestRecords(tmp_path / "home" / "store.sqlite3") as records:
        issue = records.issue("inference-acceleration", 1)
    report = issue.report
    # the model saw this issue's briefs and its trend numbers, counted independently here
    assert sent["briefs"] == [p["brief"]["text"] for p in report["papers"]]
    assert sent["papers"] == len(report["papers"])
    quant = sum(any(t["name"] == "量化" for t in p["tags"]) for p in report["papers"])
    assert {"name": "量化", "count": quant} in [{"name": t["name"], "count": t["count"]} for t in sent["tags"]]
    assert issue.summary and issue.summary.startswith(f"第1期共收录{len(report['papers'])}篇论文")
    page = (site / "issues" / "1" / "index.html").read_text(encoding="utf-8")
    assert "本期综述" in page and issue.summary in page

    editor.mode = "invent"
    res = runner.invoke(cli, [*digest_args(windowed_arxiv, editor.url, site, UNTIL[2]), "--llm", "off", "--summary"])
    assert res.exit_code == 0, res.stderr
    assert "本期综述 left out: numbers not in the data: 37" in res.stderr
    with DigestRecords(tmp_path / "home" / "store.sqlite3") as records:
        assert records.issue("inference-acceleration", 2).summary is None
    assert "本期综述" not in (site / "issues" / "2" / "index.html").read_text(encoding="utf-8")
