"""Which planned dates were kept (done on the day, early or late) or missed; which were extra.

A planned date P counts as done when a completed session falls on P, early when it falls in the
two days before P, late when it falls after P but before the next planned date. Each session counts
for one planned date at most, the earliest open one first. A planned date whose window has passed
unmatched is missed. Adherence is done / (done + missed) over the planned dates that count:
those up to today, and a later one already done early (an early session counts for its planned
date as soon as it is recorded, in adherence and the streak alike).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan, PlannedSession, planned_sessions

EARLY_DAYS = 2
#: Planned dates are generated this far past today so the last window's end is known.
HORIZON_DAYS = 70
_EARLY = dt.timedelta(days=EARLY_DAYS)


class Outcome(StrEnum):
    DONE = "done"
    EARLY = "done early"
    LATE = "done late"
    MISSED = "missed"
    OPEN = "planned"  # not matched yet, window still open (future, today, or late still possible)

    @property
    def kept(self) -> bool:
        return self in (Outcome.DONE, Outcome.EARLY, Outcome.LATE)


@dataclass(frozen=True)
class PlannedOutcome:
    """A planned date and what became of it: done, early, late, missed or open."""

    planned: PlannedSession
    outcome: Outcome
    session_id: str | None = None
    window_end: dt.date | None = None  # first day no longer in the window (the next planned date)

    @property
    def date(self) -> dt.date:
        return self.planned.date


@dataclass(frozen=True)
class Review:
    """Everything the calendar and ``status`` need, computed once."""

    today: dt.date
    outcomes: tuple[PlannedOutcome, ...]
    extras: tuple[SessionRecord, ...]
    matched: dict[str, dt.date]  # session id -> the planned date it kept

    def by_date(self) -> dict[dt.date, PlannedOutcome]:
        return {o.date: o for o in self.outcomes}

    def up_to_today(self) -> list[PlannedOutcome]:
        return [o for o in self.outcomes if o.date <= self.today]

    def counted(self) -> list[PlannedOutcome]:
        """The planned dates adherence and the streak count: those up to today, and a later
        one already done early (it counts from the day its session is recorded)."""
        return [o for o in self.outcomes if o.date <= self.today or o.outcome.kept]

    @property
    def done_count(self) -> int:
        return sum(1 for o in self.counted() if o.outcome.kept)

    @property
    def missed_count(self) -> int:
        return sum(1 for o in self.counted() if o.outcome is Outcome.MISSED)

    @property
    def adherence(self) -> float | None:
        """done / (done + missed) over the planned dates that count (``counted``); None
        before any does."""
        done, missed = self.done_count, self.missed_count
        return done / (done + missed) if done + missed else None

    @property
    def streak(self) -> int:
        """Planned dates kept in a row, back from the latest settled one (open ones skipped),
        a date done early included."""
        streak = 0
        for o in reversed(self.counted()):
            if o.outcome is Outcome.OPEN:
                continue
            if o.outcome is Outcome.MISSED:
                break
            streak += 1
        return streak

    def next_session(self) -> PlannedOutcome | None:
        """The first planned date on or after today."""
        return next((o for o in self.outcomes if o.date >= self.today), None)

    @property
    def due_today(self) -> bool:
        return any(o.date == self.today and o.outcome is Outcome.OPEN for o in self.outcomes)

    def overdue(self, days: int = 28) -> list[dt.date]:
        """Planned dates in the ``days`` before today that no session matched."""
        since = self.today - dt.timedelta(days=days)
        return [
            o.date for o in self.outcomes if since <= o.date < self.today and not o.outcome.kept
        ]

    def missed(self, days: int = 28) -> list[dt.date]:
        """Planned dates in the ``days`` before today whose window passed unmatched."""
        since = self.today - dt.timedelta(days=days)
        return [
            o.date
            for o in self.outcomes
            if since <= o.date < self.today and o.outcome is Outcome.MISSED
        ]

    def late(self) -> PlannedOutcome | None:
        """The planned date gone by, not done, whose window is still open (at most one: its
        window ends at the next planned date, which is after today)."""
        return next(
            (o for o in self.outcomes if o.date < self.today and o.outcome is Outcome.OPEN), None
        )

    def between(self, first: dt.date, last: dt.date) -> list[PlannedOutcome]:
        return [o for o in self.outcomes if first <= o.date <= last]


def match_sessions(
    planned: Sequence[PlannedSession],
    sessions: Sequence[SessionRecord],
    today: dt.date,
) -> Review:
    """Match completed ``sessions`` to ``planned`` dates (which must reach past today)."""
    plan_list = sorted(planned)
    count = len(plan_list)
    # A planned date's window: from EARLY_DAYS before it up to (not including) the next one.
    opens = [p.date - _EARLY for p in plan_list]
    window_ends: list[dt.date | None] = [p.date for p in plan_list[1:]]
    if plan_list:
        window_ends.append(None)  # the last one's stays open
    owner: list[SessionRecord | None] = [None] * count
    extras: list[SessionRecord] = []
    matched: dict[str, dt.date] = {}
    # Ties within a day go to the session recorded first: a later log never takes the
    # planned date an earlier timer session kept.
    done = sorted((s for s in sessions if s.completed), key=lambda s: s.recorded_order)
    first_open = 0
    for session in done:
        day = session.date
        # Planned dates whose window ended before this session can never take it (nor later ones).
        while first_open < count and _window_closed(window_ends[first_open], day):
            first_open += 1
        slot = None
        for i in range(first_open, count):
            if opens[i] > day:
                break
            if owner[i] is None and not _window_closed(window_ends[i], day):
                slot = i
                break
        if slot is None:
            extras.append(session)
        else:
            owner[slot] = session
            matched[session.id] = plan_list[slot].date

    outcomes = []
    for p, end, kept_by in zip(plan_list, window_ends, owner, strict=True):
        if kept_by is not None:
            if kept_by.date == p.date:
                outcome = Outcome.DONE
            elif kept_by.date < p.date:
                outcome = Outcome.EARLY
            else:
                outcome = Outcome.LATE
            outcomes.append(PlannedOutcome(p, outcome, kept_by.id, end))
        elif end is not None and today >= end:
            outcomes.append(PlannedOutcome(p, Outcome.MISSED, None, end))
        else:
            outcomes.append(PlannedOutcome(p, Outcome.OPEN, None, end))
    return Review(today, tuple(outcomes), tuple(extras), matched)


def _window_closed(end: dt.date | None, day: dt.date) -> bool:
    return end is not None and day >= end


def review(
    plans: Sequence[Plan],
    sessions: Sequence[SessionRecord],
    today: dt.date,
    until: dt.date | None = None,
) -> Review:
    """Plan + sessions -> the review, with planned dates far enough past today and ``until``."""
    last_session = max((s.date for s in sessions), default=today)
    horizon = max(today, last_session, until or today) + dt.timedelta(days=HORIZON_DAYS)
    return match_sessions(planned_sessions(plans, until=horizon), sessions, today)
