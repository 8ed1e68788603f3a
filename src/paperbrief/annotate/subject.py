"""What a paper is about, in Chinese: the model kind it targets and the stage ("大语言模型推理服务").

Both come from rule lists (``data/targets.tsv``, ``data/stages.tsv``). Both writers name a paper
with no short title by it (关于大语言模型推理服务的论文) and the offline writer places its pain
points in it, so it is worked out once, here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from .._rules import Rule, parse_rules

__all__ = ["rules_text", "target"]

TITLE, OPENING, LATER, LATER_CAP = 4, 2, 1, 2  # what a mention counts, by where it is
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
FILES = ("targets", "stages")
STAGE_MIN = 2
NO_STAGE, INFERENCE_CUE, INFERENCE, TRAINING = "-", "推理?", "推理", "训练"  # stages.tsv's marks and the two it weighs


def rules_text(name: str) -> str:
    return files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")


@lru_cache(maxsize=len(FILES))
def _rules(name: str) -> tuple[Rule, ...]:
    return parse_rules(rules_text(name), f"{name}.tsv")


def _count(rules: tuple[Rule, ...], title: str, abstract: str, consume: bool,
           by_place: bool = True) -> list[tuple[int, int, str]]:
    """(score, -row, zh) per rule that matches, weighted by where (``TITLE``, ``OPENING``: the
    abstract's first two sentences, ``LATER`` up to ``LATER_CAP``; without ``by_place``, 3 for the
    title and 1 for each mention in the abstract). ``consume``: a span one rule took is blanked
    for the rules below it (so MLLM is not also LLM)."""
    parts = _SENTENCE.split(abstract, maxsplit=2)
    opening, later = " ".join(parts[:2]), " ".join(parts[2:])
    found = []
    for row, rule in enumerate(rules):
        n_title, n_open, n_later = (len(rule.pattern.findall(t)) for t in (title, opening, later))
        if by_place:
            score = TITLE * n_title + OPENING * n_open + min(LATER * n_later, LATER_CAP)
        else:
            score = 3 * n_title + n_open + n_later
        if consume:
            title, opening, later = (rule.pattern.sub(" ", t) for t in (title, opening, later))
        if score:
            found.append((score, -row, rule.zh))
    return sorted(found, reverse=True)


AVOIDS_TRAINING = re.compile(r"\b(?:training[- ]free|data[- ]free|fine-?tuning[- ]free|without (?:any )?"
                             r"(?:additional |extra |further )?(?:re-?training|fine-?tuning|finetuning|training))\b",
                             re.I)


def _stage(title: str, abstract: str) -> str:
    """The stage named most (at least ``STAGE_MIN``), after blanking the mentions that name none (stages.tsv
    ``-`` rows: "no retraining", "training data"); 训练 yields to 推理 where inference is named more, by its
    own words or its effects (``推理?`` rows: "speedup", "latency")."""
    rules = _rules("stages")
    original = f"{title} {abstract}"
    trained = any(r.zh == TRAINING and (r.pattern.search(title) or r.pattern.search(abstract)) for r in rules)
    for rule in rules:
        if rule.zh == NO_STAGE:
            title, abstract = rule.pattern.sub(" ", title), rule.pattern.sub(" ", abstract)
    counted = _count(rules, title, abstract, consume=False, by_place=False)
    score = {zh: n for n, _, zh in counted}
    stages = [(n, zh) for n, _, zh in counted if zh not in (NO_STAGE, INFERENCE_CUE)]
    top = stages[0][1] if stages and stages[0][0] >= STAGE_MIN else ""
    inference = score.get(INFERENCE, 0) + score.get(INFERENCE_CUE, 0)
    if trained and top in ("", TRAINING) and inference >= STAGE_MIN and inference > score.get(TRAINING, 0):
        return INFERENCE  # the cues only weigh where training is named: other labels stay as they were
    if top == TRAINING and AVOIDS_TRAINING.search(original):
        # a paper that says it needs no training ("data-free", "without fine-tuning") is no training paper,
        # whatever the background says training costs: the next stage named, else none
        rest = [zh for n, zh in stages[1:] if n >= STAGE_MIN]
        return rest[0] if rest else ""
    return top


def target(title: str, abstract: str) -> str:
    """"大语言模型推理服务", "视觉Transformer部署", "" when no known model kind is named."""
    models = _count(_rules("targets"), title, abstract, consume=True)
    model = models[0][2] if models else ""
    stage = _stage(title, abstract)
    if not model:
        return ""
    return model if stage in model else model + stage
