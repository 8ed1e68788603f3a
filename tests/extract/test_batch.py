"""Bad inputs and crash isolation: one file's trouble costs that file, never the batch."""
import os
import time

from paperbrief.extract import batch
from paperbrief.extract.batch import Job, extract_many
from paperbrief.models import Failure, Paper

from ..conftest import TYPESET, make_bad_files, needs_shared


@needs_shared
def test_each_bad_file_fails_with_its_reason_and_good_ones_pass(tmp_path):
    expected = make_bad_files(tmp_path / "bad")
    good = [TYPESET / "pdf" / "d001.pdf", TYPESET / "pdf" / "d002.pdf"]
    jobs = [Job(str(p), p.name) for p in good] + [Job(str(tmp_path / "bad" / n), n) for n in sorted(expected)]
    results = dict((jobs[i].label, r) for i, r in extract_many(jobs))
    for p in good:
        assert isinstance(results[p.name], Paper) and results[p.name].title
    for name, word in expected.items():
        r = results[name]
        assert isinstance(r, Failure), name
        assert r.file == name and word.lower() in r.reason.lower()
        assert "\n" not in r.reason


def _misbehaving_extract(path, label=None, sha256=None):
    if label == "crash.pdf":
        import faulthandler

        faulthandler.disable()  # keep pytest's crash dump out of the log
        os.abort()  # what a segfault in the native library looks like from outside
    if label == "stall.pdf":
        time.sleep(60)
    return _real_extract(path, label, sha256)


_real_extract = batch.extract


@needs_shared
def test_crash_and_stall_in_the_parser_cost_one_file(monkeypatch):
    monkeypatch.setattr(batch, "extract", _misbehaving_extract)  # workers are forked: they see the patch
    pdf = str(TYPESET / "pdf" / "d003.pdf")
    jobs = [Job(pdf, "crash.pdf"), Job(pdf, "ok1.pdf"), Job(pdf, "stall.pdf"), Job(pdf, "ok2.pdf")]
    results = [r for _, r in extract_many(jobs, workers=2, timeout=3)]
    assert isinstance(results[0], Failure) and "crashed" in results[0].reason
    assert isinstance(results[2], Failure) and "timed out" in results[2].reason
    assert isinstance(results[1], Paper) and isinstance(results[3], Paper)
    assert results[1].title == results[3].title != ""
