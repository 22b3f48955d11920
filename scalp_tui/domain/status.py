"""Where the user stands today: what ``status`` prints and the calendar's review panel shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scalp_tui.domain.checklist import Checklist, open_checklists, replacement_due, roller_uses
from scalp_tui.domain.matching import Outcome, PlannedOutcome, Review, review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Phase, Plan, phase_on
from scalp_tui.domain.settings import Settings


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

    @property
    def next_session(self) -> PlannedOutcome | None:
        return self.review.next_session()

    @property
    def days_to_next(self) -> int | None:
        nxt = self.next_session
        return (nxt.date - self.today).days if nxt else None

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

    def this_week(self) -> tuple[int, int]:
        """(planned, kept) for the Monday-Sunday week around today."""
        first, last = week_of(self.today)
        planned = self.review.between(first, last)
        return len(planned), sum(1 for o in planned if o.outcome.kept)

    def next_days(self, days: int = 7) -> list[PlannedOutcome]:
        """Planned dates from today through the next ``days - 1`` days."""
        return self.review.between(self.today, self.today + dt.timedelta(days=days - 1))

    def to_json(self) -> dict[str, Any]:
        nxt = self.next_session
        return {
            "today": self.today.isoformat(),
            "phase": self.phase.value if self.phase else None,
            "next_session": nxt.date.isoformat() if nxt else None,
            "days_to_next_session": self.days_to_next,
            "due_today": self.review.due_today,
            "overdue": [d.isoformat() for d in self.review.overdue()],
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
        }


def compute_status(
    today: dt.date,
    plans: Sequence[Plan],
    sessions: Sequence[SessionRecord],
    checklists: Sequence[Checklist],
    settings: Settings,
    until: dt.date | None = None,
) -> Status:
    return Status(
        today=today,
        review=review(plans, sessions, today, until),
        phase=phase_on(plans, today),
        open_cleaning=tuple(open_checklists(checklists)),
        cleaning_recorded=bool(checklists),
        sessions_done=sum(1 for s in sessions if s.completed),
        roller_uses=roller_uses(sessions, settings.roller_started),
        roller_replace_after=settings.roller_replace_after,
    )


__all__ = ["Outcome", "Status", "compute_status", "week_of"]
