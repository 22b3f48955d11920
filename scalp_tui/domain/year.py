"""The year at a glance: a state for every day of a heat map, adherence per month, best streaks.

Pure functions over dates, in the manner of Loop Habit Tracker's history card: seven weekday
rows (Monday first), one column per week, the newest week last. Today is always passed in (as
the ``Review``'s ``today``); nothing here reads a clock.

- ``week_columns``: the Monday-first weeks of the map, oldest first, the last one holding
  ``last_day``.
- ``day_states``: what each day shows, in the calendar's words (``DayState``): done, done early,
  done late, missed, extra, planned, a session kept for another day, or nothing planned.
- ``month_labels``: where each month's name goes above the columns.
- ``month_adherence``: kept / (kept + missed) for each month, over the planned dates that count
  (up to today, and one already done early: ``Review.counted``).
- ``best_streaks``: the longest runs of planned dates kept in a row (a missed date ends a run;
  a date still open, today's or one that may still be done late, neither ends nor adds to one),
  as the weekly review's streak counts them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scalp_tui.domain.calendar import DayState, calendar_days
from scalp_tui.domain.matching import Outcome, Review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan

#: Weeks in a year's map: this week and the 52 before it.
YEAR_WEEKS = 53
#: Streaks listed beside the map.
BEST_STREAKS = 3

Week = tuple[dt.date, ...]


def week_columns(last_day: dt.date, weeks: int) -> list[Week]:
    """``weeks`` Monday-first weeks, oldest first, the last one holding ``last_day``.

    >>> [str(w[0]) for w in week_columns(dt.date(2026, 11, 23), 2)]
    ['2026-11-16', '2026-11-23']
    """
    if weeks < 1:
        return []
    last_monday = last_day - dt.timedelta(days=last_day.weekday())
    first_monday = last_monday - dt.timedelta(weeks=weeks - 1)
    return [
        tuple(first_monday + dt.timedelta(weeks=w, days=d) for d in range(7)) for w in range(weeks)
    ]


def day_states(
    days: Iterable[dt.date],
    review: Review,
    sessions: Sequence[SessionRecord],
    plans: Sequence[Plan],
) -> dict[dt.date, DayState]:
    """The state each day shows: the month grid's, so both views say the same of a day.

    ``review`` must reach past the last day (``matching.review(..., until=last)``) for a
    future planned date to show as planned.
    """
    return {day: info.state for day, info in calendar_days(days, review, sessions, plans).items()}


def month_labels(columns: Sequence[Week], width: int = 3) -> list[tuple[int, dt.date]]:
    """(column, first day of the month) for each month named above the map.

    A month is named over the column holding its first day; the month the map opens in is
    named over the first column too, when its label (``width`` cells, a column being two)
    ends two cells or more before the next month's begins.

    >>> cols = week_columns(dt.date(2026, 11, 23), 8)  # Mondays 5 Oct ... 23 Nov
    >>> [(i, f"{d:%b}") for i, d in month_labels(cols)]
    [(0, 'Oct'), (3, 'Nov')]
    """
    labels: list[tuple[int, dt.date]] = []
    for i, week in enumerate(columns):
        first = next((d for d in week if d.day == 1), None)
        if first is not None:
            labels.append((i, first))
    if columns and (not labels or labels[0][0] > 0):
        # A week that holds no first day lies in one month: the one the map opens in.
        next_at = labels[0][0] if labels else len(columns)
        if next_at * 2 >= width + 2:  # two spaces at least before the next month's name
            labels.insert(0, (0, columns[0][0].replace(day=1)))
    return labels


@dataclass(frozen=True)
class MonthAdherence:
    """One month's planned dates up to today: kept, missed, and still open."""

    month: dt.date  # its first day
    kept: int
    missed: int
    open: int = 0

    @property
    def planned(self) -> int:
        return self.kept + self.missed + self.open

    @property
    def adherence(self) -> float | None:
        """kept / (kept + missed); None when nothing counts yet."""
        counted = self.kept + self.missed
        return self.kept / counted if counted else None

    @property
    def percent(self) -> int | None:
        """The adherence in whole percent, rounded half up (so 5 of 6 is 83, 7 of 8 is 88)."""
        a = self.adherence
        return None if a is None else int(a * 100 + 0.5)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to ``last``'s, in order."""
    months: list[dt.date] = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def month_adherence(review: Review, first: dt.date, last: dt.date) -> list[MonthAdherence]:
    """Every month from ``first``'s to ``last``'s: its planned dates up to today, kept and
    missed (done / (done + missed), as the review's adherence, month by month)."""
    months = {m: [0, 0, 0] for m in months_between(first, last)}
    for o in review.counted():
        counts = months.get(o.date.replace(day=1))
        if counts is None:
            continue
        if o.outcome.kept:
            counts[0] += 1
        elif o.outcome is Outcome.MISSED:
            counts[1] += 1
        else:
            counts[2] += 1
    return [MonthAdherence(m, kept, missed, still) for m, (kept, missed, still) in months.items()]


@dataclass(frozen=True)
class Streak:
    """Planned dates kept in a row: the first and last of them, and how many."""

    first: dt.date
    last: dt.date
    length: int


def streaks(review: Review) -> list[Streak]:
    """Every run of planned dates kept in a row up to today (and a date done early), oldest
    first."""
    runs: list[Streak] = []
    first: dt.date | None = None
    last: dt.date | None = None
    length = 0
    for o in review.counted():
        if o.outcome is Outcome.OPEN:
            continue
        if o.outcome.kept:
            first = first or o.date
            last = o.date
            length += 1
            continue
        if first is not None and last is not None:
            runs.append(Streak(first, last, length))
        first, last, length = None, None, 0
    if first is not None and last is not None:
        runs.append(Streak(first, last, length))
    return runs


def best_streaks(review: Review, limit: int = BEST_STREAKS) -> list[Streak]:
    """The ``limit`` longest runs, longest first; of runs as long, the latest first."""
    ranked = sorted(streaks(review), key=lambda s: (s.length, s.last), reverse=True)
    return ranked[:limit]


def current_streak(review: Review) -> Streak | None:
    """The run the weekly review's streak counts: the latest one, unless a missed date came
    after it."""
    runs = streaks(review)
    return runs[-1] if runs and review.streak else None
