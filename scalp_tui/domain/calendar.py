"""What each calendar day shows: its planned state, its sessions, its phase."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from scalp_tui.domain.dates import short_day
from scalp_tui.domain.matching import Outcome, PlannedOutcome, Review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Phase, Plan, phase_on


class DayState(StrEnum):
    NONE = "nothing planned"
    PLANNED = "planned"
    OVERDUE = "overdue"  # planned, gone by, not done; a session still counts for it (late)
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


def outcome_state(outcome: Outcome, *, overdue: bool = False) -> DayState:
    """How a planned date's outcome shows: planned, done, done early, done late, missed; a
    date still open is overdue once it has gone by (``overdue``), not planned like a date to
    come."""
    if outcome is Outcome.OPEN and overdue:
        return DayState.OVERDUE
    return _FROM_OUTCOME[outcome]


@dataclass(frozen=True)
class CalendarDay:
    """One day of the month grid: its state, phase, planned date and sessions."""

    date: dt.date
    state: DayState
    phase: Phase | None
    planned: PlannedOutcome | None
    sessions: tuple[SessionRecord, ...]
    counts_for: dt.date | None = None  # the planned date a session on this day kept
    check_in: bool = False  # a photo check-in falls on it (domain/photos.py)


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """Monday-first weeks covering the month (dates of neighbouring months included)."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def calendar_days(
    days: Iterable[dt.date],
    review: Review,
    sessions: Sequence[SessionRecord],
    plans: Sequence[Plan],
    check_ins: Collection[dt.date] = (),
) -> dict[dt.date, CalendarDay]:
    """Each of ``days`` as the month grid shows it; ``check_ins``: the photo check-in dates
    among them."""
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
            state = outcome_state(p.outcome, overdue=day < review.today)
        elif any(s.id in extra_ids for s in on_day):
            state = DayState.EXTRA
        elif counts_for is not None:
            state = DayState.SESSION
        else:
            state = DayState.NONE
        result[day] = CalendarDay(
            day, state, phase_on(plans, day), p, on_day, counts_for, day in check_ins
        )
    return result


# -- the agenda: what comes next, what was done last ----------------------------------------

#: Planned dates the agenda lists, from today on.
AGENDA_COMING = 12
#: Sessions the agenda lists, the latest first.
AGENDA_RECENT = 10
#: How far past today the agenda's review must reach for its planned dates: twelve monthly
#: upkeep dates, the first of them up to a month away, fall within a year and a month.
AGENDA_REACH = dt.timedelta(days=400)


def coming(review: Review, count: int = AGENDA_COMING) -> list[PlannedOutcome]:
    """The first ``count`` planned dates on or after the review's today (each as it stands:
    still planned, or already kept early); ``review`` must reach ``AGENDA_REACH`` past today."""
    return [o for o in review.outcomes if o.date >= review.today][:count]


@dataclass(frozen=True)
class SessionDone:
    """A session, and what it did for the plan: kept a planned date (on the day, early or
    late), was extra, or was aborted."""

    session: SessionRecord
    kept: PlannedOutcome | None  # the planned date it kept

    @property
    def state(self) -> DayState | None:
        """Done, done early or done late; extra; None for an aborted session."""
        if not self.session.completed:
            return None
        if self.kept is None:
            return DayState.EXTRA
        return outcome_state(self.kept.outcome)

    @property
    def words(self) -> str:
        """``done``, ``done early for Sun 22 Nov``, ``done late for Sun 18 Oct``, ``extra``,
        ``aborted``."""
        if not self.session.completed:
            return "aborted"
        if self.kept is None:
            return "extra"
        if self.kept.date == self.session.date:
            return "done"
        day = self.kept.date
        return f"{self.kept.outcome.value} for {short_day(day)}"


def recent(
    sessions: Sequence[SessionRecord], review: Review, count: int = AGENDA_RECENT
) -> list[SessionDone]:
    """The last ``count`` sessions (aborted ones too), the latest first: by date, and on one
    day in the order they were recorded."""
    planned = review.by_date()
    latest = sorted(sessions, key=lambda s: s.recorded_order, reverse=True)[:count]
    done = []
    for s in latest:
        kept_date = review.matched.get(s.id)
        done.append(SessionDone(s, None if kept_date is None else planned.get(kept_date)))
    return done
