"""What each calendar day shows: its planned state, its sessions, its phase."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from scalp_tui.domain.matching import Outcome, PlannedOutcome, Review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Phase, Plan, phase_on


class DayState(StrEnum):
    NONE = "nothing planned"
    PLANNED = "planned"
    DONE = "done"
    EARLY = "done early"
    LATE = "done late"
    MISSED = "missed"
    EXTRA = "extra session"
    SESSION = "session for another day"  # kept a planned date early or late


_FROM_OUTCOME = {
    Outcome.OPEN: DayState.PLANNED,
    Outcome.DONE: DayState.DONE,
    Outcome.EARLY: DayState.EARLY,
    Outcome.LATE: DayState.LATE,
    Outcome.MISSED: DayState.MISSED,
}


@dataclass(frozen=True)
class CalendarDay:
    """One day of the month grid: its state, phase, planned date and sessions."""

    date: dt.date
    state: DayState
    phase: Phase | None
    planned: PlannedOutcome | None
    sessions: tuple[SessionRecord, ...]
    counts_for: dt.date | None = None  # the planned date a session on this day kept


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """Monday-first weeks covering the month (dates of neighbouring months included)."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def calendar_days(
    days: Iterable[dt.date],
    review: Review,
    sessions: Sequence[SessionRecord],
    plans: Sequence[Plan],
) -> dict[dt.date, CalendarDay]:
    planned = review.by_date()
    extra_ids = {s.id for s in review.extras}
    by_day: dict[dt.date, list[SessionRecord]] = defaultdict(list)
    for s in sessions:
        if s.completed:
            by_day[s.date].append(s)
    result: dict[dt.date, CalendarDay] = {}
    for day in days:
        on_day = tuple(by_day.get(day, ()))
        p = planned.get(day)
        counts_for = next(
            (review.matched[s.id] for s in on_day if review.matched.get(s.id, day) != day), None
        )
        if p is not None:
            state = _FROM_OUTCOME[p.outcome]
        elif any(s.id in extra_ids for s in on_day):
            state = DayState.EXTRA
        elif counts_for is not None:
            state = DayState.SESSION
        else:
            state = DayState.NONE
        result[day] = CalendarDay(day, state, phase_on(plans, day), p, on_day, counts_for)
    return result
