"""`paperbrief report --select` with an LLM endpoint: the 可能相关 band put to the model, end to end.

``--min-score 1.0 --band 1.0`` puts every example paper in the band, so the outcome depends
on the test endpoint's model alone: d003 (throughput) and d004 (latency) are called relevant,
d001 and d002 (memory only) are not.
"""
import json
import re

from click.testing import CliRunner

from paperbrief.cli import cli

from .brief.llm_server import FakeLLM
from .conftest import needs_shared
from .report.test_render import check_report

BAND = ["--select", "--min-score", "1.0", "--band", "1.0"]
PROMOTED = {"d003.pdf", "d004.pdf"}
KEPT = {"d001.pdf", "d002.pdf"}


def _runner(tmp_path):
    return CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})


def _names(papers) -> set[str]:
    return {p["file"].rsplit("/", 1)[-1] for p in papers}


@needs_shared
def test_borderline_papers_promoted_and_kept_in_md_json_and_html(good_dir, tmp_path):
    runner = _runner(tmp_path)
    with FakeLLM() as server:
        args = ["report", str(good_dir), *BAND, "--llm-base-url", server.url, "--model", "fake-brief-1"]
        res = runner.invoke(cli, [*args, "-o", str(tmp_path / "r.md")])
        assert res.exit_code == 0, res.output
        kinds = [e["kind"] for e in server.log]
        assert kinds.count("judge") == 4 and kinds.count("brief") == 2
        tokens = sum(e["usage"]["prompt_tokens"] + e["usage"]["completion_tokens"] for e in server.log)
        assert (f"2 papers done, 0 failed, 2 below relevance threshold, 2 of 4 borderline promoted by the LLM, "
                f"cached: 0 extractions, 0 briefs, 0 judgements, 6 LLM requests (4 for relevance), {tokens} tokens"
                ) in res.stderr
        for fmt in ("json", "html"):  # from the store: nothing is asked again
            res = runner.invoke(cli, [*args, "-o", str(tmp_path / f"r.{fmt}")])
            assert res.exit_code == 0 and "all cached" in res.stderr and "0 LLM requests (0 for relevance)" in res.stderr
        assert len(server.log) == 6

    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert check_report.check(str(tmp_path / "r.md"))[0] == []
    assert "分析论文数量: 2篇" in md
    details = md.split("## 论文详细信息", 1)[1].split("\n## ", 1)[0]
    reasons = re.findall(r"^\*\*入选依据\*\*: 模型复核（相关度 0\.\d\d(?:，最接近：[^）]+)?）：(.+)$", details, re.M)
    assert sorted(reasons) == ["摘要讨论推理吞吐的降低，主要贡献属于推理加速", "摘要讨论推理延迟的降低，主要贡献属于推理加速"]
    band = md.split("## 可能相关的论文", 1)[1]
    lines = [line for line in band.splitlines() if line.startswith("- ")]
    assert len(lines) == 2 and all(line.endswith("）——模型复核认为不相关：摘要未提到推理开销，主要贡献不在推理加速")
                                   for line in lines)

    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert _names(data["papers"]) == PROMOTED and _names(data["borderline"]) == KEPT
    for p in data["papers"]:
        assert p["judge"]["relevant"] is True and p["judge"]["model"] == "fake-brief-1" and p["brief"]["writer"] == "openai"
        assert p["relevance"]["borderline"] and not p["relevance"]["selected"]
    for p in data["borderline"]:
        assert p["judge"] == {"relevant": False, "reason": "摘要未提到推理开销，主要贡献不在推理加速", "model": "fake-brief-1"}
        assert p["brief"] is None
    s = data["stats"]
    assert (s["judged"], s["promoted"], s["cached_judge"], s["judge_requests"], s["requests"]) == (4, 2, 4, 0, 0)

    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("<dt>入选依据</dt>") == 2 and "摘要讨论推理延迟的降低" in html
    assert html.count("——模型复核认为不相关：摘要未提到推理开销") == 2


def test_without_an_endpoint_or_with_the_judge_off_the_band_is_only_listed(good_dir, tmp_path):
    runner = _runner(tmp_path)
    res = runner.invoke(cli, ["report", str(good_dir), *BAND, "--llm", "off", "-o", str(tmp_path / "off.json")])
    assert res.exit_code == 2  # nothing selected: no paper in the report
    data = json.loads((tmp_path / "off.json").read_text(encoding="utf-8"))
    assert _names(data["borderline"]) == PROMOTED | KEPT and all(p["judge"] is None for p in data["borderline"])
    assert "borderline promoted" not in res.stderr and "for relevance" not in res.stderr

    (tmp_path / "home" / "paperbrief.toml").write_text("[select]\nllm_judge = false\n", encoding="utf-8")
    with FakeLLM() as server:
        res = runner.invoke(cli, ["report", str(good_dir), *BAND, "--llm-base-url", server.url, "--model", "m",
                                  "-o", str(tmp_path / "no-judge.json")])
        assert server.log == []
    assert res.exit_code == 2
    data = json.loads((tmp_path / "no-judge.json").read_text(encoding="utf-8"))
    assert all(p["judge"] is None for p in data["borderline"]) and len(data["borderline"]) == 4


def test_llm_judge_must_be_a_boolean(good_dir, tmp_path):
    runner = _runner(tmp_path)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "paperbrief.toml").write_text('[select]\nllm_judge = "yes"\n', encoding="utf-8")
    res = runner.invoke(cli, ["report", str(good_dir), *BAND, "--llm-base-url", "http://127.0.0.1:9/v1",
                              "--model", "m"])
    assert res.exit_code == 2 and "llm_judge must be true or false" in res.stderr
