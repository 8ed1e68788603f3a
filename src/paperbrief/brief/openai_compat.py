"""A brief writer for any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama, llama.cpp).

The model fills three Chinese phrases (technique, problem, result) as JSON, asked for
through ``response_format`` with our JSON Schema so servers that constrain decoding
return exactly those keys; institutions come from our own table, tags from the
tagger. We validate the phrases and assemble the sentence ourselves. A rejected
answer gets one fresh retry with the reason, and an answer that is only worded
wrongly (English left in, too long) one repair request; after that, or when the
endpoint fails, the offline writer stands in and the brief is marked ``fallback``.
Requests run concurrently under a semaphore, are retried on 429/5xx/connection
errors (honouring Retry-After), count against ``max_requests``, and never carry
the API key into logs, errors or briefs.
"""
from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, cast

import openai
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from ..errors import BriefError, ConfigError
from ..models import Brief, Paper
from . import OnBrief, Usage, WriterSettings
from ._injection import clean_paper
from ._key_results import key_results
from ._prompt import (
    FORMATS,
    PROMPT_VERSION,
    answer_schema,
    build_messages,
    examples,
    figures,
    repair_messages,
    response_format,
)
from ._retry import Backoff, RetryWait, should_retry
from .institutions import institution_names, join_names
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
from .zh_brief import paper_label, topic_tags

log = logging.getLogger(__name__)

WRITER_VERSION = "3"  # bump when validation or assembly changes what a brief may say
DEFAULT_BASE_URL = "https://api.openai.com/v1"
FATAL_STATUS = frozenset({401, 403, 404})  # the endpoint, key or model is wrong: stop asking
# An error that names one of these is the server declining our response_format, not the request.
_FORMAT_REJECTED = re.compile(r"response_format|json_schema|json_object|structured output|grammar", re.IGNORECASE)
_FORMAT_STATUS = frozenset({400, 415, 422, 500})  # llama-cpp-python answers a format it lacks with a 500
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_PHRASE, MAX_PHRASE = 12, 50  # the schema's bound on each phrase: a third of the paper's budget, within these


class _EndpointDown(BriefError):
    """No request will succeed this run (bad key, unknown model, unreachable, cap reached)."""


class _BadResponse(BriefError):
    """A 200 whose body is not a chat completion: usually a proxy hiccup, so worth a retry."""

    retryable = True


def _declines_format(err: openai.APIStatusError) -> bool:
    """Whether the server rejected the request because of its ``response_format``."""
    return err.status_code in _FORMAT_STATUS and bool(_FORMAT_REJECTED.search(f"{err.message} {err.body}"))


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
        env = settings.env
        model = settings.model or env.get("PAPERBRIEF_MODEL")
        if not model:
            raise ConfigError("--model", "the openai writer needs a model name (--model or PAPERBRIEF_MODEL)")
        if settings.concurrency < 1:
            raise ConfigError("--concurrency", "must be at least 1")
        self.model: str = model
        self.base_url: str = settings.base_url or env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self._secret = settings.api_key or env.get("OPENAI_API_KEY") or ""
        self._api_key = self._secret or "no-key"  # local servers ignore the key, but the SDK insists on one
        self.settings = settings
        self.usage = Usage()
        self._backoff, self._sleep = backoff or Backoff(), sleep
        self._extra: dict[str, Any] = {}
        if temperature is not None:
            self._extra["temperature"] = temperature
        if max_tokens is not None:
            self._extra["max_tokens"] = max_tokens
        self._format = 0  # index into FORMATS: steps down for good when the server rejects one
        self._down: str | None = None  # set when no request can succeed this run: later papers fall back at once
        self._refused = 0  # connection failures in a row, across papers
        self._offline: Any = None

    def __repr__(self) -> str:
        return f"OpenAIWriter(model={self.model!r}, base_url={self.scrub(self.base_url)!r})"

    def cache_key(self) -> str:
        return f"openai/{WRITER_VERSION}/{self.model}/{PROMPT_VERSION}"

    def scrub(self, text: str) -> str:
        """``text`` with the API key masked."""
        key = self._secret
        return text.replace(key, "***") if len(key) >= 4 else text

    # -- running -------------------------------------------------------------

    def write(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        """Sync entry point for the pipeline; runs the async writer on its own event loop.

        Called from inside a running loop (a notebook), it runs on a worker thread, and so
        does ``on_brief``.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.awrite(papers, on_brief))
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, self.awrite(papers, on_brief)).result()

    async def awrite(self, papers: list[Paper], on_brief: OnBrief | None = None) -> list[Brief]:
        """One brief per paper, in order; ``on_brief`` is called as each one completes."""
        results: list[Brief | None] = [None] * len(papers)
        if not papers:
            return []
        taken: dict[str, str] = {}  # clause -> paper: no clause serves two briefs of one run
        client = openai.AsyncOpenAI(
            base_url=self.base_url, api_key=self._api_key, timeout=self.settings.timeout, max_retries=0
        )
        limit = asyncio.Semaphore(self.settings.concurrency)

        async def one(i: int, paper: Paper) -> tuple[int, Brief]:
            return i, await self._brief(client, limit, paper, taken)

        tasks = [asyncio.create_task(one(i, p)) for i, p in enumerate(papers)]
        try:
            for done in asyncio.as_completed(tasks):
                i, brief = await done
                results[i] = brief
                if on_brief is not None:
                    on_brief(i, brief)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await client.close()
        return [b for b in results if b is not None]

    @property
    def response_format(self) -> str:
        """The ``response_format`` rung this endpoint is asked with now (see ``_prompt.FORMATS``)."""
        return FORMATS[self._format]

    async def _brief(
        self, client: openai.AsyncOpenAI, limit: asyncio.Semaphore, paper: Paper, taken: dict[str, str]
    ) -> Brief:
        """One paper's brief. The paper holds a request slot from its first request to its last,
        so its retry or repair follows at once instead of queueing behind every other paper's
        first request, and briefs complete (and are stored) one by one."""
        async with limit:
            return await self._ask(client, paper, taken)

    async def _ask(self, client: openai.AsyncOpenAI, paper: Paper, taken: dict[str, str]) -> Brief:
        names = institution_names(paper.affiliations)
        asked = [n for n in names if not _CJK.search(n)]  # the table lacks these: the model may translate them
        institutions = join_names(names) or "研究团队"
        name = paper_label(" ".join(paper.title.split()), " ".join(paper.abstract.split()), topic_tags(paper))
        checks = Checks(institutions=institutions, name=name, examples=examples(), taken=taken,
                        paper_key=paper.sha256 or paper.file)
        room = budget(name, institutions)
        schema = answer_schema(len(asked), min(MAX_PHRASE, max(MIN_PHRASE, room // 3)), figures(paper))
        messages = build_messages(paper, room, asked)
        retried = repaired = False
        reason = ""
        for attempt in range(1, 4):  # an answer, then at most one retry and one repair
            try:
                answer = await self._complete(client, messages, schema, paper, attempt)
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
        if self._offline is None:
            from .offline import (
                OfflineWriter,  # imported late: the offline writer is optional here
            )

            self._offline = OfflineWriter(self.settings)
        brief = self._offline.write([clean_paper(paper)])[0]
        return replace(brief, fallback=True, fallback_reason=reason, transient=transient)

    # -- HTTP ----------------------------------------------------------------

    async def _complete(
        self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], schema: dict[str, Any], paper: Paper,
        attempt: int,
    ) -> str:
        """The answer text, after retries; raises ``BriefError`` when there is none."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=RetryWait(self._backoff),
            retry=retry_if_exception(should_retry(self._backoff)),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            async for trial in retrying:
                with trial:
                    return await self._create(client, messages, schema)
        except BriefError:
            raise
        except openai.APIStatusError as err:
            reason = f"服务器返回 HTTP {err.status_code}：{self._message(err)}"
            if err.status_code in FATAL_STATUS:
                self._down = reason
            raise BriefError(paper.file, reason, attempt) from None
        except openai.APITimeoutError:
            raise BriefError(paper.file, f"请求超时（{self.settings.timeout:g} 秒），重试后仍失败", attempt) from None
        except openai.APIConnectionError as err:
            reason = f"连接不上 {self.scrub(self.base_url)}（{self._message(err)}）"
            raise BriefError(paper.file, reason, attempt) from None
        except openai.APIError as err:  # e.g. a response the SDK could not read
            raise BriefError(paper.file, f"请求失败：{self._message(err)}", attempt) from None
        raise AssertionError("unreachable")  # pragma: no cover - tenacity returns or raises

    async def _create(
        self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], schema: dict[str, Any]
    ) -> str:
        """One answer.

        The strongest ``response_format`` the endpoint has not declined goes first; an error
        that names it steps down the ladder for the rest of the run and asks again.
        """
        while True:
            rung = self._format
            fmt = response_format(FORMATS[rung], schema)
            try:
                return await self._post(client, messages, fmt)
            except openai.APIStatusError as err:
                if fmt is None or not _declines_format(err):
                    raise
                if self._format == rung:
                    self._format = rung + 1
                    log.info("%s declines response_format %s; asking with %s from now on",
                             self.model, FORMATS[rung], FORMATS[rung + 1])

    async def _post(
        self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], fmt: dict[str, Any] | None
    ) -> str:
        """One HTTP request, counted against ``max_requests``."""
        if self._down:
            raise _EndpointDown("", self._down)
        cap = self.settings.max_requests
        if cap is not None and self.usage.requests >= cap:
            raise _EndpointDown("", f"已达到本次运行的请求上限（max_requests={cap}）")
        self.usage.requests += 1
        extra = dict(self._extra)
        if fmt is not None:
            extra["response_format"] = fmt
        try:
            response = await client.chat.completions.create(
                model=self.model, messages=cast(Any, messages), **extra
            )
        except openai.APITimeoutError:
            raise
        except openai.APIConnectionError as err:
            self._refused += 1
            if self._refused > self.settings.max_retries:
                self._down = f"连接不上 {self.scrub(self.base_url)}（{self._message(err)}）"
            raise
        self._refused = 0
        return self._content(response)

    def _content(self, response: Any) -> str:
        """The answer text of a chat completion, counting its tokens; tolerates servers' odd shapes."""
        usage = getattr(response, "usage", None)
        self.usage.prompt_tokens += getattr(usage, "prompt_tokens", 0) or 0
        self.usage.completion_tokens += getattr(usage, "completion_tokens", 0) or 0
        try:
            choices = response.choices
            return (choices[0].message.content or "") if choices else ""
        except (AttributeError, IndexError, TypeError):
            # e.g. a proxy's HTML page with status 200, which the SDK hands back as a str
            raise _BadResponse("", "服务器的回复不是 chat completion 格式") from None

    def _message(self, err: openai.APIError) -> str:
        """The server's own one-line message, shortened and scrubbed."""
        body = err.body
        if isinstance(body, dict):
            inner = body.get("error", body)
            message = inner.get("message") if isinstance(inner, dict) else inner
        else:
            message = None
        text = " ".join(str(message or err.message or type(err).__name__).split())
        return self.scrub(text)[:200]
