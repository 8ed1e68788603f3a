"""Replace a folder with a freshly built one, so a reader or a killed run never sees half a site.

The new site is built in a temp folder beside the target; then the old one is renamed
aside, the new one renamed into place, and the old one removed. Both renames are within one
folder (atomic on POSIX); between them the target is missing for an instant, and a run
killed exactly there is repaired by the next ``replace_dir`` (``recover``), which puts the
old site back. Plain folders, not a symlink flip, because GitHub Pages' upload action and
some static hosts do not follow symlinks.
"""
from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def temp_beside(target: Path) -> Path:
    tmp = target.with_name(f".{target.name}.new-{secrets.token_hex(4)}")
    tmp.mkdir(parents=True)
    return tmp


def _aside(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.old-*"))


def recover(target: Path) -> None:
    """Undo a swap that was cut off: with no target, the newest set-aside site comes back."""
    old = _aside(target)
    if not target.exists() and old:
        newest = max(old, key=lambda p: p.stat().st_mtime)
        os.rename(newest, target)
        old.remove(newest)
    for p in old:
        shutil.rmtree(p, ignore_errors=True)
    for p in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(p, ignore_errors=True)


def replace_dir(tmp: Path, target: Path) -> None:
    """Move the built folder ``tmp`` to ``target``, replacing what was there."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
        os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, target)
