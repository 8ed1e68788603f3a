"""Local files and folders -> Sources. A folder contributes its PDFs, recursively, sorted."""
from __future__ import annotations

import os
from pathlib import Path

from ..models import Failure, Source


def _pdfs_in(folder: Path) -> list[Path]:
    return sorted((p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()), key=lambda p: str(p))


def local_sources(inputs: list[str]) -> tuple[list[Source], list[Failure]]:
    """One Source per PDF in input order; a Failure for each path that gives none."""
    sources: list[Source] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def add(path: Path, label: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            sources.append(Source(path=str(path), label=label))

    for item in inputs:
        path = Path(item)
        if not path.exists():
            failures.append(Failure(item, "source", "no such file or folder"))
        elif path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                failures.append(Failure(item, "source", "folder is not readable (permission denied)"))
                continue
            pdfs = _pdfs_in(path)
            if not pdfs:
                failures.append(Failure(item, "source", "folder has no PDF files"))
            for pdf in pdfs:
                add(pdf, str(pdf))
        elif not path.is_file():
            failures.append(Failure(item, "source", "not a regular file"))
        elif not os.access(path, os.R_OK):
            failures.append(Failure(item, "source", "file is not readable (permission denied)"))
        else:
            add(path, item)
    return sources, failures
