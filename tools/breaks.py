"""The breaks of issue 22, made on purpose: each must fail the test named beside it.

Each break replaces one exact piece of source, runs the named tests with ``pytest -x -q`` and
puts the file back. ``--root`` runs another checkout's tests against the same break (e.g.
main before issue 22, to show the old test let it through). Run locally, not in CI:

    .venv/bin/python tools/breaks.py                 # this checkout: every break must be caught
    .venv/bin/python tools/breaks.py --root ../main  # an older checkout's whole test files: which got through
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Break:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


BREAKS = [
    Break("budget() returns 0", "src/paperbrief/brief/frame.py",
          'return MAX_BRIEF - len(sentence(institutions, label, "", "", ""))', "return 0",
          ("tests/brief/test_validate.py", "-k", "budget")),
    Break("injection_spans returns the whole text as one span", "src/paperbrief/brief/_injection.py",
          "        return []\n    sentences = ", "        return []\n    return [text]\n    sentences = ",
          ("tests/brief/test_validate.py", "-k", "injection_variants")),
    Break("a paper shows only its first tag (consistent in every format)", "src/paperbrief/report/overview.py",
          "tags = list(dict.fromkeys(t.name for t in entry.tags))", "tags = [t.name for t in entry.tags][:1]",
          ("tests/report/test_overview.py",)),
    Break("the charts leave the first paper's regions out (HTML and JSON agree)", "src/paperbrief/report/overview.py",
          "regions=count(v.regions for v in views),", "regions=count(v.regions for v in views[1:]),",
          ("tests/report/test_html.py",)),
    Break("a truncated PDF is reported as 'not a PDF'", "src/paperbrief/extract/core.py",
          '"PDF has no readable pages (truncated or corrupt?)"', '"not a PDF (no %PDF header)"',
          ("tests/extract/test_batch.py", "-k", "each_bad_file")),
    Break("a paper with no technique gets no tag at all, not the fallback", "src/paperbrief/select/tags.py",
          "return [Tag(tax.fallback, paper.title.strip())] if tax.fallback else []", "return []",
          ("tests/select/test_tags.py", "-k", "look_alike")),
    Break("merge drops the PDF's author-affiliation mapping", "src/paperbrief/sources/merge.py",
          "author_affiliations=mapping,", "author_affiliations=[],",
          ("tests/sources/test_merge.py", "-k", "fetched_pdf")),
    Break("the judge reads 是 as no verdict", "src/paperbrief/brief/llm/judge.py",
          '_YES = frozenset({"true", "yes", "是", "相关"})', '_YES = frozenset({"true", "yes", "相关"})',
          ("tests/brief/test_judge.py", "-k", "whatever_the_paper_says")),
    Break("the judge keeps the reason's spaces", "src/paperbrief/brief/llm/judge.py",
          "    reason = reason.strip()\n", "    reason = reason\n",
          ("tests/brief/test_judge.py", "-k", "whatever_the_paper_says")),
    Break("the judge's cache key ignores its validation version", "src/paperbrief/brief/llm/judge.py",
          'return f"judge/{JUDGE_VERSION}/{self.model}/{PROMPT_VERSION}"',
          'return f"judge/1/{self.model}/{PROMPT_VERSION}"',
          ("tests/brief/test_judge.py", "-k", "cache_key")),
    Break("a collective byline loses its warning", "src/paperbrief/extract/header.py",
          'notes.append(f"authors: a collective author only ({group[0]}), no personal names")', "pass",
          ("tests/extract/test_header_classes.py", "-k", "corpus_collective")),
]


def tests_of(b: Break, whole: bool) -> list[str]:
    """The pytest arguments a break runs: its named tests, or their whole files."""
    return [t for t in b.tests if t.endswith(".py")] if whole else list(b.tests)


def run(root: Path, b: Break, whole: bool = False) -> str:
    path = root / b.file
    original = path.read_text(encoding="utf-8")
    if original.count(b.old) != 1:
        return "not applicable (source differs)"
    env = dict(os.environ, PYTHONPATH=str(root / "src"), PYTHONDONTWRITEBYTECODE="1")
    try:
        path.write_text(original.replace(b.old, b.new), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                               *tests_of(b, whole)],
                              cwd=root, env=env, capture_output=True, text=True, timeout=600)
    finally:
        path.write_text(original, encoding="utf-8")
    if done.returncode == 5:  # -k matched nothing: the older checkout has no such test
        return "no such test"
    return "caught" if done.returncode else "LET THROUGH"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=REPO, help="checkout whose src and tests run")
    ap.add_argument("--whole", action="store_true",
                    help="run the whole test files, not the named tests (the default for another checkout, "
                         "whose tests may have other names)")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    whole = args.whole or root != REPO
    missed = 0
    for b in BREAKS:
        outcome = run(root, b, whole)
        missed += outcome == "LET THROUGH"
        print(f"{outcome:16s} {b.name}  [{' '.join(tests_of(b, whole))}]", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
