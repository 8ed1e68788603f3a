"""Shared fixtures: the real corpus beside the repo, and bad inputs made on the fly."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
TOOLS = SHARED / "tools"
# Tests that read ../shared (the corpora, the checkers) skip on a clone with nothing beside it.
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus and ../shared/tools beside the repository")
TYPESET = CORPUS / "typeset-dev"
REAL = CORPUS / "real"


def gold(set_dir: Path) -> dict[str, dict]:
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
        shutil.copy(TYPESET / "pdf" / name, d / name)
    return d


def make_bad_files(folder: Path) -> dict[str, str]:
    """The five kinds of bad input of issue 3, as real files; returns name -> expected reason word."""
    import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    src = (TYPESET / "pdf" / "d005.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(src[: len(src) // 5])
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("These are meeting notes, not a PDF.\n" * 20)
    doc = pymupdf.open(TYPESET / "pdf" / "d006.pdf")
    doc.save(folder / "encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    scan = pymupdf.open()
    page = scan.new_page()
    pix = pymupdf.open(TYPESET / "pdf" / "d007.pdf")[0].get_pixmap(dpi=50)
    page.insert_image(page.rect, pixmap=pix)
    scan.save(folder / "scanned.pdf")
    return {"truncated.pdf": "", "empty.pdf": "empty", "notes.pdf": "not a PDF",
            "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer"}
