"""本期综述: one paragraph on an issue, written by the LLM from this issue's briefs and trend numbers
only, and checked like a brief before it is kept.

The model sees a JSON object: the issue number, its paper count, each paper's brief, and the
trend numbers (per tag: count, share in percent, the last issue's count, the arrow; new
institutions). The answer is kept only when it is one paragraph of Chinese of at most
``MAX_CHARS`` characters, is no refusal or request for more input, and every number in it
(Arabic digits, decimals and percentages included) occurs in that JSON. Otherwise the issue
goes out without the paragraph and the run says why: a paragraph with an invented number
is worse than none. One plain chat-completions request over httpx, at the endpoint the
briefs use; it does not go through the brief writers, whose internals are not this
module's business.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx

from .trends import Trends

MAX_CHARS = 320
NUMBER = re.compile(r"\d+(?:\.\d+)?")
CJK = re.compile(r"[\u4e00-\u9fff]")
REFUSALS = ("请提供", "无法", "抱歉", "对不起", "作为一个", "作为AI", "作为人工智能", "没有提供", "信息不足", "不能回答",
            "sorry", "cannot", "can't", "as an ai", "unable to")
SYSTEM = (
    "你是AI推理加速技术周报的编辑。根据用户给出的JSON（本期论文的简报和趋势数字）写一段“本期综述”："
    "一段中文，不超过200字，概括本期的技术重点、与上期相比的变化和值得注意的新机构。"
    "只使用JSON里的信息和数字，不要编造任何数字、论文或机构，不要分点，不要标题，直接输出这段话。"
)


@dataclass(frozen=True)
class SummarySettings:
    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0


def summary_input(number: int, report: dict[str, Any], trends: Trends) -> dict[str, Any]:
    """What the model is given: this issue's briefs and trend numbers, nothing else."""
    return {
        "issue": number,
        "papers": len(report.get("papers", [])),
        "briefs": [(p.get("brief") or {}).get("text", "") for p in report.get("papers", []) if p.get("brief")],
        "tags": [{"name": t.name, "count": t.count, "share_percent": round(t.share * 100),
                  "last_issue_count": t.last_count, "vs_last_issue": t.vs_last} for t in trends.tags],
        "new_institutions": trends.new_institutions,
        "busiest_institutions": [{"name": n, "count": c} for n, c in trends.busiest[:5]],
    }


def _numbers(text: str) -> set[str]:
    return {_norm(m) for m in NUMBER.findall(text)}


def _norm(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number.lstrip("0") or "0"


def check(text: str, data: dict[str, Any]) -> str | None:
    """Why ``text`` cannot be the issue's 本期综述, or None when it can."""
    text = text.strip()
    if not text:
        return "empty answer"
    low = text.lower()
    if any(r in low for r in REFUSALS):
        return "a refusal or a request for input, not a summary"
    if len(CJK.findall(text)) < len(text) / 3:
        return "not Chinese"
    if "\n\n" in text or text.lstrip().startswith(("#", "-", "*", "1.")):
        return "not one paragraph"
    if len(text) > MAX_CHARS:
        return f"longer than {MAX_CHARS} characters"
    invented = _numbers(text) - _numbers(json.dumps(data, ensure_ascii=False))
    if invented:
        return f"numbers not in the data: {', '.join(sorted(invented))}"
    return None


def write_summary(data: dict[str, Any], settings: SummarySettings,
                  transport: httpx.BaseTransport | None = None) -> tuple[str | None, str | None]:
    """(paragraph, None), or (None, why it was left out); never raises for the endpoint's faults."""
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    body = {"model": settings.model, "temperature": 0.2,
            "messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": json.dumps(data, ensure_ascii=False)}]}
    try:
        with httpx.Client(timeout=settings.timeout, transport=transport) as http:
            resp = http.post(settings.base_url.rstrip("/") + "/chat/completions", json=body, headers=headers)
            resp.raise_for_status()
            text = resp.json()["choices"][0]["message"]["content"] or ""
    except httpx.HTTPStatusError as exc:
        return None, f"HTTP {exc.response.status_code} from the LLM endpoint"
    except httpx.HTTPError as exc:
        return None, f"LLM endpoint unreachable ({type(exc).__name__})"
    except (ValueError, KeyError, IndexError, TypeError):
        return None, "malformed answer from the LLM endpoint"
    text = " ".join(text.split()) if "\n\n" not in text.strip() else text.strip()
    why = check(text, data)
    return (None, why) if why else (text, None)
