"""The session history as the user reads it: one row a session, and weekly figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.matching import Review
from scalp_tui.domain.records import SessionRecord


@dataclass(frozen=True)
class HistoryRow:
    """One session in the history, with the planned date it kept and its cleaning."""

    session: SessionRecord
    counts_for: dt.date | None  # the planned date it kept; None: extra (or aborted)
    cleaning: str  # "done", "open" or "" when no checklist applies


def history_rows(
    sessions: Sequence[SessionRecord], review: Review, checklists: Sequence[Checklist]
) -> list[HistoryRow]:
    """Every session, newest first."""
    by_session = {c.session_id: c for c in checklists}
    rows = []
    for s in sessions:
        checklist = by_session.get(s.id)
        cleaning = "" if checklist is None else ("done" if checklist.finished else "open")
        rows.append(HistoryRow(s, review.matched.get(s.id), cleaning))
    rows.sort(key=lambda r: r.session.recorded_order, reverse=True)
    return rows


def sessions_per_week(
    sessions: Sequence[SessionRecord], today: dt.date, weeks: int = 26
) -> list[int]:
    """Completed sessions in each of the last ``weeks`` Monday-Sunday weeks, oldest first."""
    this_monday = today - dt.timedelta(days=today.weekday())
    first = this_monday - dt.timedelta(weeks=weeks - 1)
    counts = [0] * weeks
    for s in sessions:
        if s.completed and first <= s.date <= today:
            counts[(s.date - first).days // 7] += 1
    return counts


def redness_series(sessions: Sequence[SessionRecord], last: int = 30) -> list[int]:
    """Redness of the last ``last`` completed sessions that recorded it, oldest first."""
    known = [s for s in sessions if s.completed and s.redness is not None]
    known.sort(key=lambda s: s.recorded_order)
    return [s.redness for s in known[-last:] if s.redness is not None]
