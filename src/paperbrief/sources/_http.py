"""A polite HTTP client for arXiv: one request at a time, ``delay`` seconds apart, retried.

arXiv's API terms ask for no more than one request every three seconds, made one at a
time, with a User-Agent that says who is calling. Every request (API page or PDF) goes
through ``PoliteClient.call``, which waits its turn, runs one request, and retries what
is worth retrying (timeouts, dropped connections, 429/5xx, a broken feed) with
exponential backoff via tenacity. ``sleep`` and ``clock`` are injectable so tests can
check the spacing with a fake clock instead of wall time.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Self, TypeVar

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from ._atom import FeedError

T = TypeVar("T")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # never let a server park us for longer than this per attempt


class EmptyPage(Exception):
    """A page came back empty although the feed's total says there is more (arXiv does this)."""


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in RETRY_STATUSES
    return isinstance(exc, (httpx.TransportError, FeedError, EmptyPage))


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, httpx.HTTPStatusError):
        return None
    value = exc.response.headers.get("retry-after", "")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        return None  # the HTTP-date form is rare enough to fall back to backoff


class PoliteClient:
    """Wraps one ``httpx.Client``; use as a context manager."""

    def __init__(self, *, user_agent: str, timeout: float, delay: float, retries: int, backoff: float,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.http = httpx.Client(headers={"User-Agent": user_agent}, timeout=timeout,
                                 follow_redirects=True, transport=transport)
        self.delay, self.retries, self.backoff = delay, retries, backoff
        self._sleep, self._clock = sleep, clock
        self._last: float | None = None  # when the previous request finished
        self.requests = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def _wait_turn(self) -> None:
        if self._last is not None:
            gap = self._last + self.delay - self._clock()
            if gap > 0:
                self._sleep(gap)

    def _once(self, request: Callable[[httpx.Client], T]) -> T:
        self._wait_turn()
        self.requests += 1
        try:
            return request(self.http)
        finally:
            self._last = self._clock()

    def _backoff(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = _retry_after(exc)
        return after if after is not None else self.backoff * 2 ** (state.attempt_number - 1)

    def call(self, request: Callable[[httpx.Client], T]) -> T:
        """Run ``request(http)`` politely; transient failures are retried ``retries`` times.

        The last exception is re-raised as is when every attempt failed.
        """
        retrying = Retrying(stop=stop_after_attempt(self.retries + 1), wait=self._backoff,
                            retry=retry_if_exception(is_transient), sleep=self._sleep, reraise=True)
        return retrying(self._once, request)
