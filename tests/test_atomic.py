import os

import pytest

from paperbrief._atomic import write_text


def test_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "r.md"
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
