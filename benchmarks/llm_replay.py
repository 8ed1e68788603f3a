"""First-answer acceptance of recorded LLM answers on a set of papers given as title and abstract.

For a set that is not a folder of PDFs (e.g. the aside set under benchmarks/llm_aside/: arXiv
abstracts never used to tune validation), this runs ``OpenAIWriter`` over the papers against the
test suite's replay endpoint (``tests/brief/replay_server.py``) with DIR/answers.jsonl, and prints
how many first answers were accepted as written and, for each rejection, the reason the writer
sent back. Prompts with no recorded answer are written to DIR/pending.jsonl for recording
(``{"key", "messages"}`` lines, as ``shared/tools/replay_llm.py`` writes them).

    python3 benchmarks/llm_replay.py benchmarks/llm_aside
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from paperbrief.annotate import annotate  # noqa: E402 (after the sys.path set-up)
from paperbrief.brief import WriterSettings  # noqa: E402
from paperbrief.brief.llm import OpenAIWriter  # noqa: E402
from paperbrief.models import Paper  # noqa: E402
from tests.brief.replay_server import Replay, load_answers  # noqa: E402


def papers(path: Path) -> list[Paper]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        paper = Paper(file=d["id"], sha256=d["id"], title=d["title"], authors=d.get("authors", ["—"]),
                      affiliations=d.get("affiliations", []), abstract=d["abstract"])
        out.append(replace(paper, annotations=annotate(paper)))
    return out


def reason(missed: dict) -> str:
    """The rejection reason a retry or repair request carries."""
    last = missed["messages"][-1]["content"]
    for marker in ("上一次的回答没有通过检查：", "这个回答需要修改："):
        if marker in last:
            return last.split(marker, 1)[1].splitlines()[0]
    return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, help="folder with papers.jsonl and answers.jsonl")
    args = ap.parse_args()
    batch = papers(args.dir / "papers.jsonl")
    answers_file = args.dir / "answers.jsonl"
    answers = load_answers(answers_file) if answers_file.exists() else {}
    with Replay(answers) as server:
        settings = WriterSettings(base_url=server.url, model="capable-replay", api_key="sk-replay", concurrency=4,
                                  max_retries=0)
        briefs = OpenAIWriter(settings).write(batch)
    first = [m for m in server.missed if len(m["messages"]) == 2 and not reason(m)]
    if first:
        (args.dir / "pending.jsonl").write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in first),
                                                encoding="utf-8")
        print(f"{len(first)} prompts have no recorded answer: written to {args.dir / 'pending.jsonl'}")
        return 1
    rejected = [(p, b) for p, b in zip(batch, briefs) if b.fallback]
    why = {m["messages"][1]["content"].split('"title": ', 1)[1][:60]: reason(m) for m in server.missed}
    for paper, _ in rejected:
        print(f"rejected: {paper.title[:60]} | {next((r for t, r in why.items() if paper.title[:40] in t), '')}")
    n = len(batch)
    print(f"first answers accepted: {n - len(rejected)}/{n} ({(n - len(rejected)) / n:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
