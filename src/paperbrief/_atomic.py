"""Nothing half-written: outputs go to a temp file in the target folder, then os.replace.

The file gets the permissions a plain ``open(path, "w")`` would leave: the replaced file's
mode when there is one, else 0666 less the umask. (``tempfile.mkstemp`` makes 0600 files,
which turned a shared 0644 report private after one run.) The folder must exist: a typo in
``-o`` should not create a tree of folders.
"""
from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write_text(path: str | Path, text: str) -> None:
    path = Path(path)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None  # new file: the kernel applies the umask to 0666 in _create
    fd, tmp = _create(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _create(path: Path) -> tuple[int, Path]:
    """A new, exclusive temp file beside ``path``, opened for writing with mode 0666 & ~umask."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
