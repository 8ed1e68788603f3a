"""A brief writer for any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama, llama.cpp).

The model fills three Chinese phrases (technique, problem, result) as JSON, asked for
through ``response_format`` with our JSON Schema so servers that constrain decoding
return exactly those keys; institutions come from our own table, tags from the
tagger. We validate the phrases and assemble the sentence ourselves. A rejected
answer gets one fresh retry with the reason, and an answer that is only worded
wrongly (English left in, too long) one repair request; after that, or when the
endpoint fails, the offline writer stands in and the brief is marked ``fallback``.
Requests run concurrently under a semaphore through the run's ``ChatClient``
(``_chat``: retries, the response_format ladder, the request cap, a masked key), which
the relevance judge shares.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import openai

from ...annotate import annotate
from ...errors import BriefError
from ...models import Brief, Paper
from .. import OnBrief, Usage, Writer, WriterSettings, get_writer
from .._injection import clean_paper
from ..frame import join_names, named_institutions, paper_label, technique_tags
from ._chat import ChatClient, in_order, run_sync
from ._key_results import key_results
from ._prompt import PROMPT_VERSION, answer_schema, build_messages, examples, figures, repair_messages
from ._retry import Backoff
from .validate import (
    Checks,
    InvalidAnswer,
    assemble,
    budget,
    field_clauses,
    numbers,
    translations,
    validate_text,
)

log = logging.getLogger(__name__)

WRITER_VERSION = "4"  # bump when validation or assembly changes what a brief may say
MIN_PHRASE, MAX_PHRASE = 12, 50  # the schema's bound on each phrase: a third of the paper's budget, within these


class OpenAIWriter:
    """Briefs from an OpenAI-compatible endpoint, with validation and offline fallback.

    Keyword arguments tune politeness and are meant for tests and benchmarks:
    ``backoff`` (wait bounds), ``sleep`` (the coroutine used to wait),
    ``temperature`` and ``max_tokens`` (sent only when given).
    """

    name = "openai"

    def __init__(
        self,
        settings: WriterSettings,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> None:
        extra: dict[str, Any] = {}
        if temperature is not None:
            extra["temperature"] = temperature
        if max_tokens is not None:
            extra["max_tokens"] = max_tokens
        self.chat = ChatClient(settings, backoff=backoff, sleep=sleep, extra=extra)  # the relevance judge shares it
        self.model: str = self.chat.model
        self.base_url: str = self.chat.base_url
        self.settings = settings
        self.usage = Usage()  # this writer's requests and tokens; the judge keeps its own
        self._offline: Writer | None = None

    def __repr__(self) -> str:
        return f"OpenAIWriter(model={self.model!r}, base_url={self.scrub(self.base_url)!r})"

    def cache_key(self) -> str:
        return f"openai/{WRITER_VERSION}/{self.model}/{PROMPT_VERSION}"

    def scrub(self, text: str) -> str:
        """``text`` with the API key masked."""
        return self.chat.scrub(text)

    @property
    def response_format(self) -> str:
        """The ``response_format`` rung this endpoint is asked with now (see ``_prompt.FORMATS``)."""
        return self.chat.response_format

    # -- running -------------------------------------------------------------

    def write(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        """Sync entry point for the pipeline; runs the async writer on its own event loop.

        Called from inside a running loop (a notebook), it runs on a worker thread, and so
        does ``on_brief``.
        """
        return run_sync(self.awrite(papers, on_brief))

    async def awrite(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        """One brief per paper, in order; ``on_brief`` is called as each one completes."""
        if not papers:
            return []
        taken: dict[str, str] = {}  # clause -> paper: no clause serves two briefs of one run
        limit = asyncio.Semaphore(self.settings.concurrency)
        async with self.chat.connect() as client:
            return await in_order(papers, lambda paper: self._brief(client, limit, paper, taken), on_brief)

    async def _brief(
        self, client: openai.AsyncOpenAI, limit: asyncio.Semaphore, paper: Paper, taken: dict[str, str]
    ) -> Brief:
        """One paper's brief. The paper holds a request slot from its first request to its last,
        so its retry or repair follows at once instead of queueing behind every other paper's
        first request, and briefs complete (and are stored) one by one."""
        async with limit:
            return await self._ask(client, paper, taken)

    async def _ask(self, client: openai.AsyncOpenAI, paper: Paper, taken: dict[str, str]) -> Brief:
        if paper.annotations is None:  # a caller outside the pipeline: annotate once, for every check below
            paper = replace(paper, annotations=annotate(paper))
        notes = paper.annotations
        names = named_institutions(notes)
        asked = [i.name for i in notes.institutions[:len(names)] if not i.known]  # the table lacks these: the model may translate them
        institutions = join_names(names) or "研究团队"
        name = paper_label(paper.title, notes.target, technique_tags(notes))
        checks = Checks(institutions=institutions, name=name, examples=examples(), taken=taken,
                        paper_key=paper.sha256 or paper.file)
        room = budget(name, institutions)
        schema = answer_schema(len(asked), min(MAX_PHRASE, max(MIN_PHRASE, room // 3)), figures(paper))
        messages = build_messages(paper, room, asked)
        retried = repaired = False
        reason = ""
        for attempt in range(1, 4):  # an answer, then at most one retry and one repair
            try:
                answer = await self.chat.complete(client, messages, schema, usage=self.usage, label=paper.file,
                                                  attempt=attempt)
            except BriefError as err:
                return self._fallback(paper, err.reason, transient=True)
            try:
                fields = validate_text(answer, paper, checks)
            except InvalidAnswer as err:
                reason = str(err)
                log.info("%s: answer rejected (attempt %d): %s", paper.file, attempt, reason)
                if err.repairable and not repaired:
                    repaired, messages = True, repair_messages(messages, answer, reason)
                elif not err.repairable and not retried:
                    retried, messages = True, build_messages(paper, room, asked, feedback=reason)
                else:
                    break
                continue
            for clause in field_clauses(fields):
                taken.setdefault(clause, checks.paper_key)
            for printed, zh in translations(asked, fields, paper).items():
                institutions = institutions.replace(printed, zh)
            return Brief(
                text=assemble(fields, name, institutions),
                institutions=institutions,
                technique=fields.technique,
                problem=fields.problem,
                result=fields.result,
                writer=self.name,
                model=self.model,
                key_results=key_results(fields.result, numbers(f"{paper.title}\n{paper.abstract}")),
            )
        return self._fallback(paper, f"回答未通过检查：{reason}")

    def _fallback(self, paper: Paper, reason: str, transient: bool = False) -> Brief:
        reason = self.scrub(reason)
        log.warning("%s: offline brief instead (%s)", paper.file, reason)
        if self._offline is None:  # through the registry: this writer never imports the offline one
            self._offline = get_writer("offline", self.settings)
        brief = self._offline.write([clean_paper(paper)])[0]
        return replace(brief, fallback=True, fallback_reason=reason, transient=transient)
