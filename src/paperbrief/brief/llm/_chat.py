"""One OpenAI-compatible chat endpoint, shared by everything that asks it something in a run.

The brief writer and the relevance judge ask the same endpoint, so they share one
``ChatClient``: the base URL, key, model, timeout and retries, the ``response_format``
rung the server accepts (a rung declined once is not offered again, whoever asked), the
run's request cap, and the knowledge that the endpoint is down. Each caller passes its own
``Usage`` so the run summary can show what each stage cost.

Requests are retried on 429/5xx/connection errors (honouring Retry-After), count against
``max_requests``, and never carry the API key into logs or errors.
"""
from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar, cast

import openai
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from ...errors import BriefError, ConfigError
from .. import Usage, WriterSettings
from ._prompt import FORMATS, response_format
from ._retry import Backoff, RetryWait, should_retry

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.openai.com/v1"
FATAL_STATUS = frozenset({401, 403, 404})  # the endpoint, key or model is wrong: stop asking
# An error that names one of these is the server declining our response_format, not the request.
_FORMAT_REJECTED = re.compile(r"response_format|json_schema|json_object|structured output|grammar", re.IGNORECASE)
_FORMAT_STATUS = frozenset({400, 415, 422, 500})  # llama-cpp-python answers a format it lacks with a 500

T = TypeVar("T")


class _EndpointDown(BriefError):
    """No request will succeed this run (bad key, unknown model, unreachable, cap reached)."""


class _BadResponse(BriefError):
    """A 200 whose body is not a chat completion: usually a proxy hiccup, so worth a retry."""

    retryable = True


def _declines_format(err: openai.APIStatusError) -> bool:
    """Whether the server rejected the request because of its ``response_format``."""
    return err.status_code in _FORMAT_STATUS and bool(_FORMAT_REJECTED.search(f"{err.message} {err.body}"))


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on its own event loop; from inside a running loop (a notebook), on a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


class ChatClient:
    """Chat completions from one endpoint, with retries, the ``response_format`` ladder and a request cap.

    ``backoff`` (wait bounds) and ``sleep`` (the coroutine used to wait) are for tests;
    ``extra`` holds request fields sent as given (``temperature``, ``max_tokens``).
    """

    def __init__(self, settings: WriterSettings, *, backoff: Backoff | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 extra: dict[str, Any] | None = None) -> None:
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
        self.requests = 0  # every request of the run, whoever asked: what max_requests caps
        self._backoff, self._sleep = backoff or Backoff(), sleep
        self._extra = dict(extra or {})
        self._format = 0  # index into FORMATS: steps down for good when the server rejects one
        self._down: str | None = None  # set when no request can succeed this run: later asks fail at once
        self._refused = 0  # connection failures in a row

    def __repr__(self) -> str:
        return f"ChatClient(model={self.model!r}, base_url={self.scrub(self.base_url)!r})"

    def scrub(self, text: str) -> str:
        """``text`` with the API key masked."""
        key = self._secret
        return text.replace(key, "***") if len(key) >= 4 else text

    @property
    def response_format(self) -> str:
        """The ``response_format`` rung this endpoint is asked with now (see ``_prompt.FORMATS``)."""
        return FORMATS[self._format]

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[openai.AsyncOpenAI]:
        """An SDK client for the current event loop; the SDK's own retries are off: ours count."""
        client = openai.AsyncOpenAI(base_url=self.base_url, api_key=self._api_key,
                                    timeout=self.settings.timeout, max_retries=0)
        try:
            yield client
        finally:
            await client.close()

    async def complete(self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], schema: dict[str, Any],
                       *, usage: Usage, label: str, attempt: int = 1, name: str = "brief") -> str:
        """The answer text, after retries; raises ``BriefError`` (naming ``label``) when there is none.

        ``name`` names the schema in a ``json_schema`` response_format; ``usage`` is the
        caller's tally of requests and tokens.
        """
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
                    return await self._create(client, messages, schema, usage, name)
        except BriefError:
            raise
        except openai.APIStatusError as err:
            reason = f"服务器返回 HTTP {err.status_code}：{self._message(err)}"
            if err.status_code in FATAL_STATUS:
                self._down = reason
            raise BriefError(label, reason, attempt) from None
        except openai.APITimeoutError:
            raise BriefError(label, f"请求超时（{self.settings.timeout:g} 秒），重试后仍失败", attempt) from None
        except openai.APIConnectionError as err:
            reason = f"连接不上 {self.scrub(self.base_url)}（{self._message(err)}）"
            raise BriefError(label, reason, attempt) from None
        except openai.APIError as err:  # e.g. a response the SDK could not read
            raise BriefError(label, f"请求失败：{self._message(err)}", attempt) from None
        raise AssertionError("unreachable")  # pragma: no cover - tenacity returns or raises

    async def _create(self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], schema: dict[str, Any],
                      usage: Usage, name: str) -> str:
        """One answer.

        The strongest ``response_format`` the endpoint has not declined goes first; an error
        that names it steps down the ladder for the rest of the run and asks again.
        """
        while True:
            rung = self._format
            fmt = response_format(FORMATS[rung], schema, name)
            try:
                return await self._post(client, messages, fmt, usage)
            except openai.APIStatusError as err:
                if fmt is None or not _declines_format(err):
                    raise
                if self._format == rung:
                    self._format = rung + 1
                    log.info("%s declines response_format %s; asking with %s from now on",
                             self.model, FORMATS[rung], FORMATS[rung + 1])

    async def _post(self, client: openai.AsyncOpenAI, messages: list[dict[str, str]], fmt: dict[str, Any] | None,
                    usage: Usage) -> str:
        """One HTTP request, counted against ``max_requests``."""
        if self._down:
            raise _EndpointDown("", self._down)
        cap = self.settings.max_requests
        if cap is not None and self.requests >= cap:
            raise _EndpointDown("", f"已达到本次运行的请求上限（max_requests={cap}）")
        self.requests += 1
        usage.requests += 1
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
        return self._content(response, usage)

    def _content(self, response: Any, usage: Usage) -> str:
        """The answer text of a chat completion, counting its tokens; tolerates servers' odd shapes."""
        counted = getattr(response, "usage", None)
        usage.prompt_tokens += getattr(counted, "prompt_tokens", 0) or 0
        usage.completion_tokens += getattr(counted, "completion_tokens", 0) or 0
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


R = TypeVar("R")


async def in_order(items: list[T], work: Callable[[T], Awaitable[R]],
                   on_done: Callable[[int, R], None] | None = None) -> list[R]:
    """``work`` on every item at once (callers bound it with a semaphore); the results in the
    items' order, ``on_done(i, result)`` as each completes, so results can be stored one by
    one. If one raises, the others are cancelled and awaited before it propagates."""
    results: list[R | None] = [None] * len(items)

    async def one(i: int, item: T) -> tuple[int, R]:
        return i, await work(item)

    tasks = [asyncio.create_task(one(i, item)) for i, item in enumerate(items)]
    try:
        for done in asyncio.as_completed(tasks):
            i, result = await done
            results[i] = result
            if on_done is not None:
                on_done(i, result)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return [r for r in results if r is not None]
