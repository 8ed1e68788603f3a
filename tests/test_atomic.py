import os
import stat

import pytest

from paperbrief._atomic import write_text


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "r.md"
    target.parent.mkdir()
    write_text(target, "first")
    write_text(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["r.md"]


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "r.md"
    write_text(target, "old report")

    class Boom:
        def __str__(self):
            raise RuntimeError("renderer died")

    with pytest.raises(TypeError):
        write_text(target, Boom())  # not a str: the write fails midway
    assert target.read_text() == "old report"
    assert os.listdir(tmp_path) == ["r.md"]


@pytest.mark.parametrize("old_mode", [0o644, 0o600, 0o664, 0o640])
def test_replaced_file_keeps_its_mode(tmp_path, old_mode):
    target = tmp_path / "r.md"
    target.write_text("old")
    target.chmod(old_mode)
    write_text(target, "new")
    assert target.read_text() == "new" and mode(target) == old_mode


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_file_gets_0666_less_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_text(tmp_path / "r.md", "new")
    finally:
        os.umask(old)
    assert mode(tmp_path / "r.md") == 0o666 & ~umask


def test_missing_folder_is_not_created(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_text(tmp_path / "no" / "such" / "r.md", "x")
    assert os.listdir(tmp_path) == []
