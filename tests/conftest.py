"""Shared fixtures: the real corpus beside the repo, the example papers the repo ships,
and bad inputs made on the fly.

The core end-to-end tests use EXAMPLES (examples/papers: seven real typeset papers, the
same files as ../shared/corpus/typeset-dev/pdf/d001-d007), so they run on a bare clone;
tests that need the rest of ../shared are marked ``needs_shared`` and skip without it.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
TOOLS = SHARED / "tools"
# Tests that read ../shared (the corpora, the checkers) skip on a clone with nothing beside it.
SHARED_REASON = "needs ../shared/corpus and ../shared/tools beside the repository"
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_REASON)


def skip_without_shared() -> None:
    """For helpers and fixtures that read ../shared: skips the test that called them."""
    if not CORPUS.is_dir():
        pytest.skip(SHARED_REASON)
TYPESET = CORPUS / "typeset-dev"
REAL = CORPUS / "real"
EXAMPLES = REPO / "examples" / "papers"


def shared_tool(name: str) -> ModuleType | None:
    """A checker from ../shared/tools (e.g. check_report) as a module; None on a bare clone,
    where the tests that use it skip (mark them ``needs_shared``)."""
    path = TOOLS / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold(set_dir: Path) -> dict[str, dict]:
    """file -> gold record; {} on a bare clone, so modules that parametrize over it still
    collect (their tests are marked ``needs_shared``)."""
    if not CORPUS.is_dir():
        return {}
    with open(set_dir / "gold.jsonl", encoding="utf-8") as fh:
        return {r["file"]: r for r in map(json.loads, fh) if r}


@pytest.fixture(scope="session")
def typeset_gold() -> dict[str, dict]:
    return gold(TYPESET)


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    """Four real typeset papers in a folder of their own."""
    d = tmp_path / "papers"
    d.mkdir()
    for name in ("d001.pdf", "d002.pdf", "d003.pdf", "d004.pdf"):
        shutil.copy(EXAMPLES / name, d / name)
    return d


def make_bad_files(folder: Path) -> dict[str, str]:
    """The five kinds of bad input of issue 3, as real files; returns name -> expected reason word."""
    import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    src = (EXAMPLES / "d005.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(src[: len(src) // 5])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("These are meeting notes, not a PDF.\n" * 20)
    doc = pymupdf.open(EXAMPLES / "d006.pdf")
    doc.save(folder / "encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    scan = pymupdf.open()
    page = scan.new_page()
    pix = pymupdf.open(EXAMPLES / "d007.pdf")[0].get_pixmap(dpi=50)
    page.insert_image(page.rect, pixmap=pix)
    scan.save(folder / "scanned.pdf")
    return {"truncated.pdf": "no readable pages", "empty.pdf": "empty", "notes.pdf": "not a PDF",
            "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer"}


def annotated(paper, tags=None):
    """``paper`` as the pipeline hands it on: with its annotations, and ``tags`` (a list of ``Tag``) in
    place of the tagger's where a test sets them."""
    from dataclasses import replace

    from paperbrief.annotate import annotate

    notes = annotate(paper)
    if tags is not None:
        notes = replace(notes, tags=tuple(tags))
    return replace(paper, annotations=notes)
