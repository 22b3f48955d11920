"""Where the user stands today: what ``status`` prints and the calendar's review panel shows.

One ``Status`` is computed, and every output reads it: ``status`` and the calendar's review
(through ``wording.status_words``), ``status --json`` (``to_json``), ``status --short`` and
``remind`` (``reminder.reminder_line``). What they say of the plan comes from these properties
only, so they cannot disagree:

- ``next_session``: the first planned date on or after today (PRODUCT.md), whether or not a
  session has kept it already: after a session done today on a planned date, it is today, with
  ``next_session_outcome`` "done" (a date kept early: "done early"); ``status`` then says
  "today's session is done; then Wed 6 Jan, in 3 days";
- ``next_to_do``: the first planned date on or after today that no session has kept yet (the
  one after ``next_session`` when that one is done);
- ``due_today``: a planned date is today and no session has kept it;
- ``overdue``: the planned dates of the last 28 days before today that no session matched
  (missed, or late with a session still counting for them);
- ``overdue_since``: what the reminder names ("overdue since ..."): the oldest of ``overdue``
  that no kept date followed; once the user is back on the plan an old miss stops nagging (it
  stays in ``overdue`` and in ``status`` as "Missed").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scalp_tui.domain.check_ins import NO_CHECK_IN, PhotoCheckIn, Taken, photo_check_in
from scalp_tui.domain.checklist import Checklist, open_checklists, replacement_due, roller_uses
from scalp_tui.domain.matching import Outcome, PlannedOutcome, Review, review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Phase, Plan, phase_on
from scalp_tui.domain.settings import Settings

#: How far back ``overdue`` looks (PRODUCT.md: "the last 28 days before today").
OVERDUE_DAYS = 28


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday..Sunday around ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class Status:
    """Where the user stands today: phase, next session, overdue, cleaning, roller."""

    today: dt.date
    review: Review
    phase: Phase | None
    open_cleaning: tuple[Checklist, ...]
    sessions_done: int
    roller_uses: int
    roller_replace_after: int
    cleaning_recorded: bool = True  # any cleaning checklist at all (a new user has none)
    #: The photo check-ins (domain/photos.py): ``photo_due``, ``next_photo_date``.
    check_in: PhotoCheckIn = NO_CHECK_IN

    @cached_property
    def next_session(self) -> PlannedOutcome | None:
        """The first planned date on or after today, kept already or not."""
        return self.review.next_session()

    @property
    def days_to_next(self) -> int | None:
        nxt = self.next_session
        return (nxt.date - self.today).days if nxt else None

    @cached_property
    def next_to_do(self) -> PlannedOutcome | None:
        """The first planned date on or after today that no session has kept yet."""
        return next(
            (o for o in self.review.outcomes if o.date >= self.today and not o.outcome.kept),
            None,
        )

    @property
    def days_to_next_to_do(self) -> int | None:
        nxt = self.next_to_do
        return (nxt.date - self.today).days if nxt else None

    @property
    def due_today(self) -> bool:
        """A planned date is today and no session has kept it yet."""
        nxt = self.next_session
        return nxt is not None and nxt.date == self.today and not nxt.outcome.kept

    @property
    def late(self) -> PlannedOutcome | None:
        """The planned date gone by, not done, that a session still counts for."""
        return self.review.late()

    @cached_property
    def overdue(self) -> tuple[dt.date, ...]:
        """The planned dates of the last ``OVERDUE_DAYS`` before today no session matched."""
        return tuple(self.review.overdue(OVERDUE_DAYS))

    @cached_property
    def overdue_since(self) -> dt.date | None:
        """The oldest of ``overdue`` that no kept planned date followed (a date kept early
        included), or None: what the reminder names."""
        last_kept = max((o.date for o in self.review.counted() if o.outcome.kept), default=None)
        return min((d for d in self.overdue if last_kept is None or d > last_kept), default=None)

    @property
    def cleaning_outstanding(self) -> bool:
        return bool(self.open_cleaning)

    @property
    def replace_roller(self) -> bool:
        return replacement_due(self.roller_uses, self.roller_replace_after)

    @property
    def adherence_percent(self) -> float | None:
        a = self.review.adherence
        return None if a is None else round(a * 100, 1)

    @property
    def photo_due(self) -> bool:
        """A photo check-in has come and not every angle has a photo since."""
        return self.check_in.due

    @property
    def next_photo_date(self) -> dt.date | None:
        return self.check_in.next_date

    def this_week(self) -> tuple[int, int]:
        """(planned, kept) for the Monday-Sunday week around today."""
        first, last = week_of(self.today)
        planned = self.review.between(first, last)
        return len(planned), sum(1 for o in planned if o.outcome.kept)

    def next_days(self, days: int = 7) -> list[PlannedOutcome]:
        """Planned dates from today through the next ``days - 1`` days."""
        return self.review.between(self.today, self.today + dt.timedelta(days=days - 1))

    def to_json(self) -> dict[str, Any]:
        nxt, to_do, since = self.next_session, self.next_to_do, self.overdue_since
        return {
            "today": self.today.isoformat(),
            "phase": self.phase.value if self.phase else None,
            "next_session": nxt.date.isoformat() if nxt else None,
            "days_to_next_session": self.days_to_next,
            "next_session_outcome": nxt.outcome.value if nxt else None,
            "next_to_do": to_do.date.isoformat() if to_do else None,
            "days_to_next_to_do": self.days_to_next_to_do,
            "due_today": self.due_today,
            "overdue": [d.isoformat() for d in self.overdue],
            "overdue_since": since.isoformat() if since else None,
            "cleaning_outstanding": self.cleaning_outstanding,
            "cleaning_outstanding_sessions": [
                c.session_date.isoformat() for c in self.open_cleaning
            ],
            "sessions_done": self.sessions_done,
            "adherence_percent": self.adherence_percent,
            "streak": self.review.streak,
            "roller_uses": self.roller_uses,
            "roller_replace_after": self.roller_replace_after,
            "replace_roller": self.replace_roller,
            "photo_due": self.photo_due,
            "next_photo_date": iso_or_none(self.next_photo_date),
        }


def compute_status(
    today: dt.date,
    plans: Sequence[Plan],
    sessions: Sequence[SessionRecord],
    checklists: Sequence[Checklist],
    settings: Settings,
    until: dt.date | None = None,
    photos: Sequence[Taken] = (),
) -> Status:
    """``photos``: the progress photos, for the photo check-in (none: every check-in since
    the plan's start is due, unless the settings turned them off)."""
    return Status(
        today=today,
        review=review(plans, sessions, today, until),
        phase=phase_on(plans, today),
        open_cleaning=tuple(open_checklists(checklists)),
        cleaning_recorded=bool(checklists),
        sessions_done=sum(1 for s in sessions if s.completed),
        roller_uses=roller_uses(sessions, settings.roller_started),
        roller_replace_after=settings.roller_replace_after,
        check_in=photo_check_in(plans, photos, settings.photo_every_weeks, today),
    )


def iso_or_none(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = ["OVERDUE_DAYS", "Outcome", "Status", "compute_status", "week_of"]
