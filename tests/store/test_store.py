import sqlite3

from paperbrief.models import Brief, Failure, Paper, Relevance
from paperbrief.store import Store, paper_key
from paperbrief.store.migrations import MIGRATIONS


def _paper(**kw):
    base = dict(file="a.pdf", sha256="f" * 64, title="T", authors=["A B"], affiliations=["U"], abstract="Abs.")
    return Paper(**{**base, **kw})


def test_migrations_recorded_once(tmp_path):
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    Store(path).close()
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM _migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_extraction_roundtrip_ok_and_error(tmp_path):
    with Store(tmp_path / "s.sqlite3") as s:
        p = _paper(warnings=["authors: low confidence"], author_affiliations=[[0]])
        s.put_extraction(p.sha256, "v1", p)
        s.put_extraction("e" * 64, "v1", Failure("bad.pdf", "extract", "encrypted PDF"))
    with Store(tmp_path / "s.sqlite3") as s:  # a new connection sees committed rows
        assert s.get_extraction(p.sha256, "v1") == p
        assert s.get_extraction(p.sha256, "v2") is None
        assert s.get_extraction("e" * 64, "v1") == Failure("bad.pdf", "extract", "encrypted PDF")


def test_brief_and_relevance_roundtrip(tmp_path):
    with Store(tmp_path / "s.sqlite3") as s:
        b = Brief(text="x发布了y论文，使用a，解决了b，达成了c", institutions="x", technique="a", problem="b",
                  result="c", writer="offline", fallback=True, fallback_reason="refusal")
        s.put_brief("k", "offline/1", b)
        assert s.get_brief("k", "offline/1") == b
        assert s.get_brief("k", "openai/m") is None
        r = Relevance(score=0.7, selected=True, keyword_hits=("quantization",), semantic=0.6)
        s.put_relevance("k", "topic", r)
        assert s.get_relevance("k", "topic") == r


def test_paper_key_tracks_what_writers_see():
    a = _paper()
    assert paper_key(a) == paper_key(_paper(file="elsewhere.pdf", warnings=["w"]))
    assert paper_key(a) != paper_key(_paper(abstract="Another abstract."))
    assert paper_key(a) != paper_key(_paper(affiliations=["V"]))


def test_unopenable_store_is_a_store_error(tmp_path):
    import pytest

    from paperbrief.errors import StoreError

    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "dir.sqlite3")
    assert "dir.sqlite3" in str(err.value)
