"""Stream one PDF into the cache: size cap, content-type and magic check, atomic write.

The body goes to a hidden temp file beside the target and is renamed into place with
``os.replace`` only when complete and checked, so the cache never holds a partial PDF,
whatever goes wrong (timeout, oversize, wrong type, Ctrl-C): the temp file is removed.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import httpx

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/octet-stream"})
CHUNK = 64 * 1024


class DownloadError(Exception):
    """A response that will not become a cached PDF; ``str()`` is the one-line reason."""


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def download_pdf(http: httpx.Client, url: str, dest: Path, max_bytes: int, deadline: float | None = None) -> int:
    """GET ``url`` into ``dest`` atomically; returns the size. Raises ``DownloadError`` or httpx errors.

    httpx's timeout bounds each network operation; ``deadline`` (seconds) bounds the whole
    body, so a server that drips bytes cannot hold the run forever.
    """
    started = time.monotonic()
    with http.stream("GET", url) as resp:
        resp.raise_for_status()
        ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in PDF_TYPES:
            raise DownloadError(f"not a PDF (content type {ctype or 'missing'}) at {url}")
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise DownloadError(f"PDF is {_mib(int(declared))}, over the {_mib(max_bytes)} cap, at {url}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_parts(dest)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        try:
            size, head = 0, b""
            with os.fdopen(fd, "wb") as fh:
                for chunk in resp.iter_bytes(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise DownloadError(f"PDF is over the {_mib(max_bytes)} cap at {url}")
                    if deadline is not None and time.monotonic() - started > deadline:
                        raise DownloadError(f"PDF download took over {deadline:g} s at {url}")
                    if len(head) < 5:
                        head += chunk[:5]
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if not head.startswith(b"%PDF-"):
                raise DownloadError(f"not a PDF (body does not start with %PDF-) at {url}")
            os.replace(tmp, dest)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    return size


STALE_PART_SECONDS = 3600.0  # older than any download may take: its writer was killed


def _sweep_stale_parts(dest: Path) -> None:
    """Remove temp files a killed run left for ``dest``; a live download's part is never that old."""
    for part in dest.parent.glob(f".{dest.name}.*.part"):
        try:
            if time.time() - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except FileNotFoundError:
            pass
