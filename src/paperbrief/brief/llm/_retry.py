"""When and how long to wait before asking an OpenAI-compatible server again.

We turn the SDK's own retries off (``max_retries=0``) so every HTTP request is
counted against ``max_requests`` and the wait is ours: the server's
``Retry-After`` (or OpenAI's ``retry-after-ms``) when it sends one, otherwise
exponential backoff with full jitter (tenacity's ``wait_random_exponential``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import openai
from tenacity import RetryCallState, wait_random_exponential

TRANSIENT_STATUS = frozenset({408, 409, 429})


@dataclass(frozen=True)
class Backoff:
    """Wait bounds in seconds. A ``Retry-After`` above ``retry_after_max`` is not waited for."""

    base: float = 1.0
    max: float = 30.0
    retry_after_max: float = 60.0


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait, if it said."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) / scale)
        except ValueError:
            pass
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return None


def is_transient(exc: BaseException) -> bool:
    """Worth another try: connection trouble, timeouts, 408/409/429, 5xx, and answers marked
    ``retryable`` (a proxy's error page served with status 200)."""
    if getattr(exc, "retryable", False) or isinstance(exc, openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500
    return False


class RetryWait:
    """A tenacity ``wait``: the server's Retry-After, else jittered exponential backoff."""

    def __init__(self, backoff: Backoff) -> None:
        self.backoff = backoff
        self._jitter = wait_random_exponential(multiplier=backoff.base, max=backoff.max)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc) if exc else None
        if asked is not None:
            return min(asked, self.backoff.retry_after_max)
        return self._jitter(state)


def should_retry(backoff: Backoff):
    """A tenacity ``retry`` predicate: transient, and not told to wait longer than we will."""

    def predicate(exc: BaseException) -> bool:
        asked = retry_after(exc)
        return is_transient(exc) and (asked is None or asked <= backoff.retry_after_max)

    return predicate
