"""The house's walls: which package may import which (issue 18), checked on the source itself.

Renderers take finished data, so nothing in ``report/`` imports ``brief/``; the two writers
live in their own rooms and share only ``brief/frame.py`` and ``brief/_injection.py``; and only
the annotation step asks the tagger and the institution table, so a paper's tags and
institutions are made once. Each rule is checked on every import statement, relative ones
resolved, lazy ones inside functions included.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "paperbrief"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, as absolute names (``from x import y`` gives x and x.y)."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return found


def files_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def offenders(paths: list[Path], banned: tuple[str, ...]) -> dict[str, list[str]]:
    out = {}
    for path in paths:
        bad = sorted(m for m in imports(path) if any(m == b or m.startswith(b + ".") for b in banned))
        if bad:
            out[str(path.relative_to(SRC))] = bad
    return out


def test_the_import_walker_sees_relative_and_lazy_imports(tmp_path: Path) -> None:
    """The walker itself: a check that saw nothing would pass forever."""
    path = PACKAGE / "brief" / "llm" / "writer.py"
    found = imports(path)
    assert "paperbrief.brief.frame" in found and "paperbrief.annotate.annotate" in found
    assert "paperbrief.brief.get_writer" in found  # from .. import get_writer
    pipeline = imports(PACKAGE / "pipeline.py")
    assert "paperbrief.select.score" in pipeline  # imported inside a function


def test_renderers_do_not_import_the_writers() -> None:
    assert offenders(files_under("report"), ("paperbrief.brief",)) == {}


@pytest.mark.parametrize(("room", "other"), [("llm", "offline"), ("offline", "llm")])
def test_each_writer_keeps_to_its_room(room: str, other: str) -> None:
    assert offenders(files_under(f"brief/{room}"), (f"paperbrief.brief.{other}",)) == {}


def test_the_shared_frame_imports_neither_writer() -> None:
    shared = [PACKAGE / "brief" / "frame.py", PACKAGE / "brief" / "_injection.py", PACKAGE / "brief" / "__init__.py"]
    assert offenders(shared, ("paperbrief.brief.llm", "paperbrief.brief.offline")) == {}


def test_only_the_annotation_step_asks_the_tagger_and_the_institution_table() -> None:
    banned = ("paperbrief.select.tags", "paperbrief.select.tag", "paperbrief.annotate.institutions",
              "paperbrief.annotate.subject")
    everyone = [p for p in PACKAGE.rglob("*.py")
                if not p.is_relative_to(PACKAGE / "annotate") and not p.is_relative_to(PACKAGE / "select")]
    assert offenders(everyone, banned) == {}
