"""The headline numbers of an accepted result phrase, as ``KeyResult``s for the report's overview.

「SLO达成率最高提升2.2倍、峰值内存降低83.0%」 gives (SLO达成率, 2.2倍, 提升) and
(峰值内存, 83.0%, 降低). A number counts only when the paper prints it and the clause
names both a metric and a direction; anything less sure gives nothing.
"""
from __future__ import annotations

import re

from ...models import KeyResult

_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*(倍|×|x(?![A-Za-z])|%|％|个百分点)")
_DIRECTION = re.compile(r"(提升|提高|增加|增长|加速|加快|降低|减少|下降|缩短|压缩|节省|达到|超过)")
_HEDGE = re.compile(r"^(?:将|使|让|把|在|其|的|并|且|同时|最高|最多|平均|约|高达|可|能|分别)+|(?:最高|最多|平均|约|高达|可|能|分别|的)+$")
_CLAUSE = re.compile(r"[，,、；;。（）()]")
_METRIC_MAX = 16
_UP, _DOWN = ("提升", "提高", "增加", "增长", "加速", "加快"), ("降低", "减少", "下降", "缩短", "压缩", "节省")


def key_results(result: str, printed: set[str]) -> list[KeyResult]:
    """``KeyResult``s of the clauses of ``result`` whose number is in ``printed`` (the paper's numbers)."""
    found = []
    for clause in _CLAUSE.split(result or ""):
        value = _VALUE.search(clause)
        if not value or value.group(1) not in printed:
            continue
        before = clause[: value.start()]
        verbs = list(_DIRECTION.finditer(before))
        if len(verbs) != 1:  # "从X降低到Y" or no verb at all: unsure
            continue
        metric = _HEDGE.sub("", before[: verbs[0].start()].strip())
        if not metric or len(metric) > _METRIC_MAX or re.search(r"\d", metric):
            continue
        verb = verbs[0].group(1)
        if verb in ("加速", "加快") and not metric.endswith("速度"):
            metric += "速度"  # 推理加速2倍: the speed went up
        direction = "提升" if verb in _UP else "降低" if verb in _DOWN else "达到"
        unit = value.group(2).replace("％", "%").replace("x", "×")
        found.append(KeyResult(metric=metric, value=f"{value.group(1)}{unit}", direction=direction))
    return found
