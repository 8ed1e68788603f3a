"""Extraction of many PDFs in worker processes.

A PDF that crashes or stalls the native PDF library costs that one file: each file runs
in a pebble worker with a time limit, and a dead or stuck worker is replaced. Users of
other digest tools lost whole daily runs to one such file.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from ..errors import ExtractError
from ..models import Failure, Paper
from .core import extract

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Job:
    path: str
    label: str
    sha256: str | None = None


def _run(job: Job) -> Paper | Failure:
    try:
        return extract(job.path, job.label, job.sha256)
    except ExtractError as exc:
        return Failure(job.label, "extract", exc.reason)
    except Exception as exc:  # a parser bug on one file must not lose the batch
        return Failure(job.label, "extract", f"extractor error: {type(exc).__name__}: {exc}")


def extract_many(jobs: Sequence[Job], *, workers: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> Iterator[tuple[int, Paper | Failure]]:
    """Yield ``(index, Paper | Failure)`` in input order."""
    if not jobs:
        return
    import pymupdf  # noqa: F401  imported once here so forked workers start warm
    from pebble import ProcessPool
    from pebble.common import ProcessExpired

    n = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    with ProcessPool(max_workers=n) as pool:
        futures = [pool.schedule(_run, args=(job,), timeout=timeout) for job in jobs]
        for i, (job, fut) in enumerate(zip(jobs, futures)):
            try:
                yield i, fut.result()
            except FutureTimeout:
                yield i, Failure(job.label, "extract", f"timed out after {timeout:g} s (PDF stalls the parser)")
            except ProcessExpired as exc:
                yield i, Failure(job.label, "extract", f"PDF parser crashed (exit code {exc.exitcode})")
