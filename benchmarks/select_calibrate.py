"""Calibrate the relevance threshold and the 可能相关 band on the labelled papers.

Scores the tune papers, every row of tests/fixtures/select/labelled.jsonl and of
arxiv_heldout{,2,3,4}.jsonl (held-out sets each scored once, then spent), with the profile
(every paper embedded, so scores do not depend on the threshold), cross-validates the
threshold over 5 folds (the one with the widest margin over the targets precision 0.90 and
recall 0.95), and prints the precision/recall curve, the operating point and the band as
Markdown. ``--aside`` adds the final score on the held-out set (``--heldout``, default
arxiv_heldout5.jsonl), at the profile's own threshold: run it only once the profile is
fixed; nothing may be tuned on it.

    python3 benchmarks/select_calibrate.py [--topic FILE] [--heldout FILE] [--aside] [--show]
        [--write docs/select.md]

``--write`` replaces the block between the calibration markers in that file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from paperbrief.models import Paper  # noqa: E402
from paperbrief.select import calibrate, default_embedder, load_topic, score  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "select"
TUNE = [FIXTURES / "labelled.jsonl"] + [FIXTURES / f"arxiv_heldout{n}.jsonl" for n in ("", "2", "3", "4")]
HELDOUT = FIXTURES / "arxiv_heldout5.jsonl"
BEGIN, END = "<!-- calibration:begin -->", "<!-- calibration:end -->"
CURVE = [round(0.16 + 0.02 * i, 2) for i in range(15)]


def load(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for p in paths if p.exists()
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def scored(rows: list[dict], topic, embedder) -> list:
    papers = [Paper(file=r["id"], sha256="", title=r["title"], authors=[], affiliations=[], abstract=r["abstract"])
              for r in rows]
    return score(papers, topic, embedder=embedder, embed_all=True)


def report(topic, tune: list[dict], rels: list, k: int) -> tuple[list[str], float, float]:
    scores = [r.score for r in rels]
    labels = [row["label"] == "on" for row in tune]
    cv = calibrate.cross_validate(scores, labels, k=k)
    chosen = calibrate.best_threshold(scores, labels)
    band = calibrate.band_width(cv)
    on = sum(labels)
    lines = [
        f"Tune part: {len(tune)} papers ({on} on-topic, {len(tune) - on} off-topic).",
        "",
        "| threshold | precision | recall | kept |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for t in sorted(set(CURVE + [chosen])):
        p = calibrate.point(scores, labels, t)
        mark = " ← chosen" if t == chosen else ""
        lines.append(f"| {t:.4g}{mark} | {p.precision:.3f} | {p.recall:.3f} | {p.selected} |")
    lines += [
        "",
        f"{k}-fold cross-validation (threshold fitted on {k - 1} folds, applied to the held-out one): "
        f"fold thresholds {', '.join(f'{t:.3f}' for t in cv.thresholds)}; held-out precision "
        f"**{cv.precision:.3f}**, recall **{cv.recall:.3f}**.",
        f"On-topic papers the held-out folds missed scored {', '.join(f'{m:.3f}' for m in cv.missed_by) or 'none'} "
        f"below their fold's threshold: band **{band:.2f}**.",
        f"Operating point (fitted on the whole tune part): threshold **{chosen:.3f}**; "
        f"the profile has threshold {topic.threshold:.3f}, band {topic.band:.2f}.",
    ]
    return lines, chosen, band


def aside_lines(topic, rows: list[dict], rels: list) -> list[str]:
    labels = [row["label"] == "on" for row in rows]
    p = calibrate.point([r.score for r in rels], labels, topic.threshold)
    band = sum(r.borderline for r in rels)
    band_on = sum(r.borderline and y for r, y in zip(rels, labels))
    on = sum(labels)
    return [
        "",
        f"Final score on the part kept aside ({len(rows)} papers, {on} on-topic), at the profile's threshold "
        f"{topic.threshold:.3f}: precision **{p.precision:.3f}**, recall **{p.recall:.3f}**; "
        f"{band} papers in the band, {band_on} of them on-topic.",
    ]


def show(rows: list[dict], rels: list, threshold: float) -> None:
    """The tune papers that decide the threshold, for reading (never the aside part)."""
    for row, r in sorted(zip(rows, rels), key=lambda x: x[1].score):
        wrong = (r.score >= threshold) != (row["label"] == "on")
        if wrong or abs(r.score - threshold) < 0.1:
            print(f"{'X' if wrong else ' '} {r.score:.3f} sem {r.semantic:.3f} {row['label']:3} {r.category:<10} "
                  f"{row['title'][:60]}  {','.join(r.keyword_hits[:5])}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topic", default=None, help="topic profile (default: the bundled one)")
    ap.add_argument("--heldout", type=Path, default=HELDOUT, help="held-out set for --aside")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--aside", action="store_true", help="also score the held-out set (final score)")
    ap.add_argument("--show", action="store_true", help="list tune papers near the threshold on stderr")
    ap.add_argument("--write", metavar="FILE", help="replace the calibration block in FILE")
    a = ap.parse_args()
    topic = load_topic(a.topic)
    embedder = default_embedder()
    tune = load(TUNE)
    rels = scored(tune, topic, embedder)
    lines, chosen, _ = report(topic, tune, rels, a.folds)
    if a.show:
        show(tune, rels, chosen)
    if a.aside:
        aside = load([a.heldout])
        lines += aside_lines(topic, aside, scored(aside, topic, embedder))
    text = "\n".join(lines)
    print(text)
    if a.write:
        path = Path(a.write)
        doc = path.read_text(encoding="utf-8")
        block = f"{BEGIN}\n{text}\n{END}"
        new, n = re.subn(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, doc, flags=re.S)
        if n != 1:
            sys.exit(f"{path}: no {BEGIN} … {END} block to replace")
        path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
