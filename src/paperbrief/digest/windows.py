"""Date windows of a digest's issues (pure).

The first issue covers the last ``every`` (7 days for weekly, 1 for daily) up to today; each
later issue runs from the day the last one ended to today. The boundary day is in both
windows on purpose: arXiv's ``submittedDate`` has day granularity, so a paper submitted on
that day after the last run would otherwise fall between two issues; the papers the last
issue already showed are skipped by ID, never by date. A missed week needs nothing: the next
window simply reaches back to the last issue's end.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PERIODS = {"week": 7, "day": 1}


@dataclass(frozen=True)
class Window:
    since: date
    until: date  # inclusive, like ``--until``

    def label(self) -> str:
        return f"{self.since.isoformat()} – {self.until.isoformat()}"


def next_window(last_until: date | None, today: date, every: str = "week") -> Window:
    """The window of the next issue; ``last_until`` is the end of the last issue (None: no issue yet)."""
    if every not in PERIODS:
        raise ValueError(f"every must be one of {sorted(PERIODS)}, not {every!r}")
    if last_until is None:
        return Window(today - timedelta(days=PERIODS[every] - 1), today)
    return Window(min(last_until, today), today)
