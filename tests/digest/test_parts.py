"""The digest's pure parts: windows, trends, sparklines, and the folder swap's repair."""
from __future__ import annotations

from datetime import date

import pytest

from paperbrief.digest import IssueCounts, issue_trends, next_window
from paperbrief.site._swap import recover, replace_dir, temp_beside
from paperbrief.site.sparkline import sparkline


def test_windows_start_where_the_last_issue_ended():
    assert next_window(None, date(2026, 11, 9)) == next_window(None, date(2026, 11, 9), "week")
    w = next_window(None, date(2026, 11, 9))
    assert (w.since, w.until) == (date(2026, 11, 3), date(2026, 11, 9))  # seven days, both ends included
    assert next_window(None, date(2026, 11, 9), "day").since == date(2026, 11, 9)
    missed = next_window(date(2026, 11, 9), date(2026, 11, 30))  # three weeks without a run
    assert (missed.since, missed.until) == (date(2026, 11, 9), date(2026, 11, 30))
    with pytest.raises(ValueError):
        next_window(None, date(2026, 11, 9), "month")


def _report(*papers: tuple[list[str], list[str]]) -> dict:
    return {"papers": [{"tags": [{"name": t} for t in tags], "institutions": insts} for tags, insts in papers]}


def test_trends_against_the_last_issue_and_the_last_n():
    history = [
        IssueCounts.from_report(1, _report((["量化"], ["A"]), (["量化", "剪枝"], ["B"]))),
        IssueCounts.from_report(2, _report((["剪枝"], ["A"]), (["量化"], ["A", "C"]), (["蒸馏"], ["C"]), (["剪枝"], ["D"]))),
        IssueCounts.from_report(3, _report((["量化"], ["E"]), (["量化"], ["A"]))),
    ]
    t = issue_trends(history, n=2)
    by = {x.name: x for x in t.tags}
    # 量化: 2 of 2 now; 1 of 4 last time; over issues 1-2: (2/2 + 1/4) / 2
    assert (by["量化"].count, by["量化"].share, by["量化"].last_count, by["量化"].last_share) == (2, 1.0, 1, 0.25)
    assert by["量化"].mean_share == 0.625 and by["量化"].vs_last == by["量化"].vs_mean == "↑"
    assert by["量化"].history == [2, 1, 2]
    # 剪枝 and 蒸馏 were in the last issue and are gone: listed with 0, falling
    assert (by["剪枝"].count, by["剪枝"].last_count, by["剪枝"].vs_last) == (0, 2, "↓")
    assert (by["蒸馏"].count, by["蒸馏"].vs_last) == (0, "↓")
    assert [x.name for x in t.tags] == ["量化", "剪枝", "蒸馏"]
    assert t.new_institutions == ["E"]
    assert t.busiest == [("A", 3), ("C", 2), ("D", 1), ("E", 1)]  # papers of issues 2 and 3
    first = issue_trends(history[:1])
    assert all(x.vs_last == "" and x.last_count is None and x.mean_share is None for x in first.tags)
    assert first.new_institutions == ["A", "B"]


def test_sparkline_scales_to_the_largest_value():
    s = sparkline([0, 2, 4])
    ys = [float(p.split(",")[1]) for p in s.points.split()]
    assert ys[0] == s.height - 2 and ys[2] == 2 and ys[1] == pytest.approx((ys[0] + ys[2]) / 2)
    assert sparkline([]).points and sparkline([3]).last_x == s.width / 2


def test_swap_replaces_and_a_cut_off_swap_is_repaired(tmp_path):
    target = tmp_path / "site"
    tmp = temp_beside(target)
    (tmp / "index.html").write_text("one")
    replace_dir(tmp, target)
    tmp = temp_beside(target)
    (tmp / "index.html").write_text("two")
    replace_dir(tmp, target)
    assert (target / "index.html").read_text() == "two" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # killed between the two renames: no site, the old one set aside, a half-built one beside it
    old = tmp_path / ".site.old-dead"
    target.rename(old)
    (tmp_path / ".site.new-dead").mkdir()
    recover(target)
    assert (target / "index.html").read_text() == "two" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
