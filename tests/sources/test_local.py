import os

import pytest

from paperbrief.sources import local_sources


def test_files_and_folders_in_input_order(good_dir, tmp_path):
    single = good_dir / "d004.pdf"
    sources, failures = local_sources([str(single), str(good_dir)])
    assert failures == []
    # the explicit file first, labelled as typed; the folder's other PDFs sorted; no duplicate
    assert [s.label for s in sources] == [str(single)] + [str(good_dir / f"d00{i}.pdf") for i in (1, 2, 3)]


def test_folder_is_searched_recursively_and_case_insensitively(tmp_path, good_dir):
    nested = good_dir / "sub"
    nested.mkdir()
    (good_dir / "d001.pdf").rename(nested / "X.PDF")
    (good_dir / "readme.txt").write_text("not a paper")
    sources, _ = local_sources([str(good_dir)])
    assert sorted(os.path.basename(s.path) for s in sources) == ["X.PDF", "d002.pdf", "d003.pdf", "d004.pdf"]


def test_missing_path_and_empty_folder_are_failures(tmp_path):
    (tmp_path / "empty").mkdir()
    sources, failures = local_sources([str(tmp_path / "nope.pdf"), str(tmp_path / "empty")])
    assert sources == []
    assert [(f.file, f.reason) for f in failures] == [
        (str(tmp_path / "nope.pdf"), "no such file or folder"),
        (str(tmp_path / "empty"), "folder has no PDF files"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.pdf"
    f.write_bytes(b"%PDF-1.4")
    f.chmod(0)
    _, failures = local_sources([str(f)])
    assert "permission denied" in failures[0].reason


def test_special_file_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)  # reading it would block forever
    sources, failures = local_sources([str(fifo)])
    assert sources == [] and failures[0].reason == "not a regular file"
