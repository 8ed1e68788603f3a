"""`paperbrief report` with arXiv inputs, end to end, against the local arXiv look-alike."""
import json

from click.testing import CliRunner

from paperbrief.cli import cli

from ..report.test_render import check_report


def test_query_and_named_ids_make_one_report(arxiv_server, tmp_path):
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(tmp_path / "home"), "OPENAI_BASE_URL": ""})
    args = ["report", "1503.02531", "https://arxiv.org/abs/2402.01234v2", "--arxiv", "LLM",
            "--arxiv-api-url", arxiv_server.api_url, "--arxiv-delay", "0"]
    res = runner.invoke(cli, [*args, "-o", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    by_id = {p["arxiv_id"].split("v")[0]: p for p in data["papers"] + data["excluded"] + data["borderline"]}
    # named one by one: reported whatever their relevance; the withdrawn one is a failure
    assert "1503.02531" in {p["arxiv_id"].split("v")[0] for p in data["papers"]}
    assert by_id["1503.02531"]["url"].startswith("https://arxiv.org/abs/1503.02531")
    assert any("2402.01234" in f["file"] and "withdrawn" in f["reason"] for f in data["failures"])
    # query results carry a relevance score; the API's author list wins for the count
    for base in ("2402.17764", "2401.14112", "2401.06066", "2401.02385", "2309.08968"):
        assert by_id[base]["relevance"] is not None
    assert by_id["1503.02531"]["relevance"] is None
    assert by_id["2402.17764"]["author_count"] == len(by_id["2402.17764"]["authors"]) > 1
    assert all(p["tags"] for p in data["papers"])

    res = runner.invoke(cli, [*args, "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 0
    errors, stats = check_report.check(str(tmp_path / "r.md"))
    assert errors == [] and stats["papers"] == data["paper_count"]
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "**链接**: https://arxiv.org/abs/1503.02531" in md and "**技术标签**: " in md
    assert len(arxiv_server.pdf_hits()) == 6  # one per paper (not the withdrawn one); none on the second run


def test_contact_from_the_config_file_reaches_the_user_agent(arxiv_server, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "paperbrief.toml").write_text('[arxiv]\ncontact = "reader@example.org"\n', encoding="utf-8")
    runner = CliRunner(env={"PAPERBRIEF_HOME": str(home), "OPENAI_BASE_URL": ""})
    res = runner.invoke(cli, ["report", "1503.02531", "--arxiv-api-url", arxiv_server.api_url,
                              "--arxiv-delay", "0", "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 0, res.output
    agents = {h.headers.get("User-Agent") for h in arxiv_server.hits}
    assert agents and all(a.startswith("paperbrief/") and a.endswith("mailto:reader@example.org") for a in agents)
