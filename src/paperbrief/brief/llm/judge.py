"""The yes/no relevance question for papers in the 可能相关 band, put to the run's LLM endpoint.

The relevance score sees the title and the abstract's first ~64 tokens; a paper just below
the threshold is where that is not enough. When an endpoint is configured, each such paper
(title and abstract, both ends kept) is put to the model with the topic's title and
technique categories, and the model answers ``{"reason": "<一句中文>", "relevant": true|false}``
(reason first: a small model that states the paper's contribution first decides better).

An answer is used only when ``relevant`` is a boolean and ``reason`` is one short line of
Chinese that is no refusal and prints no number the paper lacks; otherwise the model is
asked once more with the reason, then the paper gets no verdict and stays under 可能相关
exactly as without a model. An endpoint failure gives no verdict either, marked transient
so the next run asks again. The judge lives beside the brief writer because it asks the
same endpoint through the same ``ChatClient`` (ladder, retries, request cap, a masked key).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...errors import BriefError
from ...models import Judgement, Paper
from .. import Usage
from .._injection import injection_spans
from ..frame import is_refusal, numbers
from ._answer import AnswerError, parse_answer
from ._chat import in_order, run_sync
from ._prompt import MAX_TITLE, cut, ends, template
from .validate import LATIN_RUN, MIN_CJK_SHARE, InvalidAnswer

if TYPE_CHECKING:
    from ...select import Topic
    from ._chat import ChatClient

log = logging.getLogger(__name__)

JUDGE_VERSION = "1"  # bump when validation changes which answers count
PROMPT_VERSION = "judge-v1"  # the files prompts/judge-v1.*.txt
MAX_ABSTRACT = 1500  # the judge reads more of the abstract than the score did: its end says what the paper is for
MAX_REASON = 80  # accepted; the prompt asks for at most 60
SCHEMA_REASON = MAX_REASON + 20  # a grammar cuts a rambling reason here: recognisably too long, never a cut one used
MIN_REASON = 4
MAX_FEEDBACK = 300
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        # No space, quote or line break: Chinese needs none, and a grammar-constrained model
        # can then neither copy an English sentence nor write two lines.
        "reason": {"type": "string", "pattern": f'^[^ \\t\\n\\r"\\\\]{{{MIN_REASON},{SCHEMA_REASON}}}$',
                   "maxLength": SCHEMA_REASON},
        "relevant": {"type": "boolean"},
    },
    "required": ["reason", "relevant"],
    "additionalProperties": False,
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The reason says the opposite of the verdict (a small model's "…，属于本期主题" with false).
_SAYS_NO = re.compile(r"不属于|不相关|无关")
_SAYS_YES = re.compile(r"(?<!不)属于本期(?:主题|简报)")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_YES = frozenset({"true", "yes", "是", "相关"})
_NO = frozenset({"false", "no", "否", "不相关"})

OnVerdict = Callable[[int, Judgement], None]


def topic_view(topic: Topic) -> dict[str, str]:
    """What the prompt shows of the topic; its hash is the topic's part of the cache key, so a new
    threshold or band (which do not change the question) does not re-ask."""
    return {"topic": topic.title, "categories": "、".join(c.name for c in topic.categories) or topic.title}


def judge_messages(paper: Paper, topic: Topic, feedback: str | None = None) -> list[dict[str, str]]:
    """System and user messages; ``feedback`` is why the previous answer was not used."""
    data = json.dumps({"title": cut(paper.title, MAX_TITLE), "abstract": ends(paper.abstract, MAX_ABSTRACT)},
                      ensure_ascii=False, indent=1).replace("</paper>", "<\\/paper>")
    user = template("user", PROMPT_VERSION).substitute(paper=data)
    if feedback:
        user += template("retry", PROMPT_VERSION).substitute(reason=cut(feedback, MAX_FEEDBACK))
    return [
        {"role": "system", "content": template("system", PROMPT_VERSION).substitute(topic_view(topic))},
        {"role": "user", "content": user},
    ]


def _verdict(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    return None


def read_verdict(text: str | None, paper: Paper) -> tuple[bool, str]:
    """The verdict and reason of a model's answer; raises ``InvalidAnswer`` (a Chinese reason) otherwise."""
    try:
        answer = parse_answer(text)
    except AnswerError as err:
        raise InvalidAnswer("回答是拒绝或索取信息，而不是判断" if is_refusal(text or "") else str(err)) from None
    relevant = _verdict(answer.get("relevant"))
    reason = answer.get("reason")
    problems = []
    if relevant is None:
        problems.append("relevant 应为 true 或 false")
    if not isinstance(reason, str) or not reason.strip():
        problems.append("缺少 reason")
        reason = ""
    reason = reason.strip()
    named = set(re.findall(r"[A-Za-z]+", paper.title))  # a method name from the title is no English left in
    cjk = len(_CJK.findall(reason))
    latin = sum(len(w) for w in re.findall(r"[A-Za-z]+", reason) if w not in named)
    if "\n" in reason or "\r" in reason:
        problems.append("reason 应是一行")
    elif _SENTENCE_END.search(reason.rstrip("。.!！")):
        problems.append("reason 应是一句话")
    if reason and len(reason) > MAX_REASON:
        problems.append("reason 太长：只写一句简短的话")  # no digits here: a small model copies them
    if reason and (len(reason) < MIN_REASON or not cjk):
        problems.append("reason 应是一句中文")
    elif reason and (cjk < MIN_CJK_SHARE * (cjk + latin) or LATIN_RUN.search(reason)):
        problems.append("reason 应用中文写，只保留方法名和缩写")
    if is_refusal(reason):
        problems.append("回答是拒绝或索取信息，而不是判断")
    elif relevant is not None and (_SAYS_NO.search(reason) if relevant else
                                   _SAYS_YES.search(reason) and not _SAYS_NO.search(reason)):
        problems.append("reason 与 relevant 矛盾")
    stray = sorted(numbers(reason) - numbers(f"{paper.title}\n{paper.abstract}"))
    if stray:
        problems.append(f"数字 {'、'.join(stray[:5])} 不在论文标题或摘要中")
    if problems:
        raise InvalidAnswer("；".join(problems))
    assert relevant is not None
    return relevant, reason


class Judge:
    """Asks the endpoint of ``chat`` whether each paper fits ``topic``; one ``Judgement`` per paper.

    ``usage`` counts this judge's requests and tokens (the writer counts its own). At most
    ``concurrency`` questions are in flight, as for briefs.
    """

    def __init__(self, chat: ChatClient, topic: Topic) -> None:
        self.chat, self.topic = chat, topic
        self.model = chat.model
        self.usage = Usage()

    def cache_key(self) -> str:
        """Judge version, model and prompt version: a new model or prompt asks again."""
        return f"judge/{JUDGE_VERSION}/{self.model}/{PROMPT_VERSION}"

    def topic_key(self) -> str:
        blob = json.dumps(topic_view(self.topic), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def judge(self, papers: list[Paper], on_verdict: OnVerdict | None = None) -> list[Judgement]:
        """One judgement per paper, in order; ``on_verdict(i, judgement)`` as each completes. Never raises
        for a paper or an endpoint failure: that paper gets no verdict."""
        return run_sync(self.ajudge(papers, on_verdict))

    async def ajudge(self, papers: list[Paper], on_verdict: OnVerdict | None = None) -> list[Judgement]:
        if not papers:
            return []
        limit = asyncio.Semaphore(self.chat.settings.concurrency)
        async with self.chat.connect() as client:

            async def ask(paper: Paper) -> Judgement:
                async with limit:
                    return await self._ask(client, paper)

            return await in_order(papers, ask, on_verdict)

    async def _ask(self, client: Any, paper: Paper) -> Judgement:
        if any(injection_spans(t) for t in (paper.title, paper.abstract)):
            return self._none(paper, "论文文本中有写给模型的指令，不交给模型判断")
        messages = judge_messages(paper, self.topic)
        reason = ""
        for attempt in (1, 2):  # an answer, then at most one retry that says what was wrong
            try:
                text = await self.chat.complete(client, messages, SCHEMA, usage=self.usage, label=paper.file,
                                                attempt=attempt, name="relevance")
            except BriefError as err:
                return self._none(paper, err.reason, transient=True)
            try:
                relevant, why = read_verdict(text, paper)
            except InvalidAnswer as err:
                reason = str(err)
                log.info("%s: relevance answer rejected (attempt %d): %s", paper.file, attempt, reason)
                messages = judge_messages(paper, self.topic, feedback=reason)
                continue
            return Judgement(relevant=relevant, reason=why, model=self.model)
        return self._none(paper, f"回答未通过检查：{reason}")

    def _none(self, paper: Paper, reason: str, transient: bool = False) -> Judgement:
        reason = self.chat.scrub(reason)
        log.warning("%s: no relevance verdict from the model (%s); it stays under 可能相关", paper.file, reason)
        return Judgement(relevant=None, reason=reason, model=self.model, transient=transient)
