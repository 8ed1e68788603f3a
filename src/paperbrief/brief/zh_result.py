"""达成了<效果>: the abstract's headline numbers with metric and direction, in Chinese.

「SLO达成率最高提升2.2倍、吞吐提升1.8倍」: each number is copied as printed (only its unit
word becomes 倍), so no number can appear that the abstract does not print; the metric and
the direction are the rule lists' words nearest the number in its clause
(``data/metrics.tsv``, ``data/directions.tsv``). With no number, the abstract's comparative
claim (``data/claims.tsv``): 「优于现有同类方法」.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import KeyResult
from .zh_patterns import Rule, load_rules

__all__ = ["Mention", "claims", "mentions", "result"]

_UNIT = r"(?:×|x|X|times|-fold|fold|%|percent)(?![A-Za-z\d])(?!\s*10\s*[-−⁻^])"  # not "1.7 × 10-5"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE = re.compile(
    rf"(?<![\w.,])(?:(?P<lo>{_NUM})\s*(?:{_UNIT})?\s*(?:-|–|~|to)\s*)?(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
_FROM = re.compile(r"\bfrom\s*$", re.I)
_FACTOR = {"×", "x", "X", "times", "-fold", "fold"}
_QUALIFIERS = ((re.compile(r"\bup to\s*$|\bas (?:much|high) as\s*$|\bmax(?:imum)?\s*$", re.I), "最高"),
               (re.compile(r"\b(?:on average|an average of|average|avg\.?)\b[^,;]{0,25}$", re.I), "平均"),
               (re.compile(r"\b(?:only|just|merely|less than|under|within)\s*(?:a\s+)?$", re.I), "仅"))


@dataclass(frozen=True)
class Mention:
    """One number of the abstract, read with its clause."""

    value: str  # as printed: "2.2×", "83.0%", "2-4×"
    zh_value: str  # the same number with 倍 for a factor: "2.2倍"
    metric: str  # "" when no metric is named nearby
    direction: str  # "提升", "降低", "达到", "仅下降", "降至", "提升至" or ""
    qualifier: str  # "最高", "平均", "仅" or ""
    position: int  # offset in the abstract
    factor: bool

    def phrase(self) -> str:
        direction = self.direction or "达到"
        if self.factor and direction == "达到":
            direction = "提升"  # "achieves a 2.2× speedup": a factor is a change, not a level
        qualifier = self.qualifier if not (self.qualifier == "仅" and direction != "仅下降") else ""
        if direction == "仅下降":
            direction, qualifier = ("下降", "仅") if qualifier in ("", "仅") else ("下降", qualifier)
        return f"{self.metric or '关键指标'}{qualifier}{direction}{self.zh_value}"

    def key_result(self) -> KeyResult:
        direction = {"仅下降": "降低"}.get(self.direction, self.direction or "达到")
        if self.factor and direction == "达到":
            direction = "提升"
        return KeyResult(metric=self.metric or "关键指标", value=self.value, direction=direction)


def _nearest(rules: tuple[Rule, ...], text: str, span: tuple[int, int]) -> Rule | None:
    """The rule named nearest the number at ``span`` of ``text`` (ties: the rule listed first)."""
    best: tuple[int, int, Rule] | None = None
    for row, rule in enumerate(rules):
        for m in rule.pattern.finditer(text):
            dist = span[0] - m.end() if m.end() <= span[0] else m.start() - span[1]
            cand = (max(dist, 0) + (WEAK_PENALTY if rule.zh == WEAK else 0), row, rule)
            if best is None or cand[:2] < best[:2]:
                best = cand
    return best[2] if best else None


# A number's clause ends at these (and at the neighbouring numbers): "2x faster, with only 0.5% loss".
_CLAUSE = re.compile(r"[.;,:()]\s|\s(?:and|while|with|without|whereas|but|compared|relative|than|versus|vs\.?)\s", re.I)
WEAK, WEAK_PENALTY = "达到", 20  # "achieves 75% memory reduction": a named change beats a nearby "achieves"
LOWER_IS_BETTER = "↓"
BETTER = "改善"  # metrics.tsv marks a metric where less is better: "improves latency" means 降低


def _clause(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text`` around the number at [start, end), within [lo, hi)."""
    before = [m.end() for m in _CLAUSE.finditer(text, lo, start)]
    after = [m.start() for m in _CLAUSE.finditer(text, end, hi)]
    return (before[-1] if before else lo), (after[0] if after else hi)


def mentions(abstract: str) -> list[Mention]:
    """Every number with a unit (×, %, times, -fold), each read within its own clause."""
    found = list(_VALUE.finditer(abstract))
    out = []
    for k, m in enumerate(found):
        lo = max(found[k - 1].end() if k else 0, m.start() - 90)
        hi = min(found[k + 1].start() if k + 1 < len(found) else len(abstract), m.end() + 60)
        start, end = _clause(abstract, lo, hi, m.start(), m.end())
        window = abstract[start:end]
        span = (m.start() - start, m.end() - start)
        factor = m.group("unit") in _FACTOR
        zh_unit = "倍" if factor else "%"
        value, zh_value = m.group(0), (f"{m.group('lo')}-" if m.group("lo") else "") + m.group("num") + zh_unit
        moved = m.group("lo") and _FROM.search(abstract, 0, m.start())
        if moved:  # "from 70% to 75.2%" is a change to 75.2%, not a range
            value, zh_value = abstract[m.start("num"):m.end()], m.group("num") + zh_unit
        qualifier = next((zh for p, zh in _QUALIFIERS if p.search(abstract[lo:m.start()])), "")
        metric = _nearest(load_rules("metrics"), window, span)
        direction = _nearest(load_rules("directions"), window, span)
        if direction is None:  # "reducing costs by half and energy by 40%": a verb shared across "and"
            direction = _nearest(load_rules("directions"), abstract[lo:hi], (m.start() - lo, m.end() - lo))
        metric_zh = metric.zh.rstrip(LOWER_IS_BETTER) if metric else ""
        direction_zh = direction.zh if direction else ""
        if direction_zh == BETTER:  # "improves latency by 30%" lowers it
            direction_zh = "降低" if metric and metric.zh.endswith(LOWER_IS_BETTER) else "提升"
        if moved:
            up = float(m.group("num").replace(",", "")) > float(m.group("lo").replace(",", ""))
            direction_zh = "提升至" if up else "降至"
        out.append(Mention(value=value, zh_value=zh_value, metric=metric_zh, direction=direction_zh,
                           qualifier=qualifier, position=m.start(), factor=factor))
    return out


def _rank(m: Mention, abstract_len: int) -> tuple[int, int]:
    score = 2 * bool(m.metric) + bool(m.direction) + (m.qualifier == "最高")
    score += m.position >= abstract_len // 3  # results come after the problem statement
    score += bool(re.fullmatch(r"[\d.,-]+(?:×|x|X|%)", m.value.replace(" ", "")))  # the headline forms
    return score, -m.position


def claims(abstract: str, limit: int = 2) -> list[str]:
    """The comparative claims the abstract makes, in Chinese."""
    out: list[str] = []
    for rule in load_rules("claims"):
        if rule.pattern.search(abstract) and rule.zh not in out:
            out.append(rule.zh)
    return out[:limit]


def result(abstract: str, limit: int = 2) -> tuple[str, list[KeyResult]]:
    """The 效果 slot (without 的效果) and its numbers as key results; ("", []) when nothing is said."""
    picked: list[Mention] = []
    ranked = sorted(mentions(abstract), key=lambda m: _rank(m, len(abstract)), reverse=True)
    for m in ranked:
        if len(picked) == limit or (picked and not m.metric):
            break  # a number whose metric is unknown only stands in when it is the only one
        if any(p.metric == m.metric or p.value == m.value for p in picked):
            continue
        picked.append(m)
    if picked:
        picked.sort(key=lambda m: m.position)
        return "、".join(m.phrase() for m in picked), [m.key_result() for m in picked]
    return "、".join(claims(abstract)), []
