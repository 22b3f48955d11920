"""Which cleaning checklists the checklist screen shows, in which order, and what names them.

A day can hold more than one session, so a checklist is named by its session's date and start
time (a logged session has no time), and the newest comes first: the one the user has just
finished rolling is the one they are about to clean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import SessionRecord, SessionSource

#: Finished checklists shown at most, newest first, when the user asks to see them.
FINISHED_SHOWN = 5


@dataclass(frozen=True)
class ChecklistCard:
    """One session's checklist as the checklist screen shows it."""

    checklist: Checklist
    #: When the session started (timezone-aware); None for a logged session, or when the
    #: session is not in the database any more.
    started_at: dt.datetime | None = None
    #: The session was logged afterwards, without the timer: it has no time of day.
    logged: bool = False
    #: Among several logged sessions of one day, which one this is (1 = recorded first);
    #: None when it is its day's only logged session.
    logged_number: int | None = None
    #: The serum the session was made with (None: not on record, say the settings' one).
    serum_name: str | None = None


@dataclass(frozen=True)
class ChecklistCards:
    """The cards to show, newest first, and how many finished checklists are left out."""

    shown: tuple[ChecklistCard, ...]
    folded: int


def checklist_cards(
    checklists: Sequence[Checklist],
    sessions: Iterable[SessionRecord],
    *,
    show_finished: bool,
    finished_shown: int = FINISHED_SHOWN,
) -> ChecklistCards:
    """Every open checklist, newest first; with ``show_finished``, the ``finished_shown``
    newest finished ones too, in the same order.

    ``checklists`` come in the order they were saved (the repository's: a checklist is saved
    with its session, and a tick keeps its place): two checklists of one day are in that
    order, the later saved newer. Not ``SessionRecord.recorded_order``: a session logged
    from the day dialog has no time of recording, and would count as the day's oldest.
    """
    by_id = {s.id: s for s in sessions}
    order = {c.session_id: i for i, c in enumerate(checklists)}
    newest_first = sorted(
        checklists, key=lambda c: (c.session_date, order[c.session_id]), reverse=True
    )
    finished = [c for c in newest_first if c.finished]
    kept_finished = finished[:finished_shown] if show_finished else []
    kept = {c.session_id for c in kept_finished}
    shown = [c for c in newest_first if not c.finished or c.session_id in kept]

    def is_logged(checklist: Checklist) -> bool:
        session = by_id.get(checklist.session_id)
        return session is not None and session.source is SessionSource.LOG

    logged_of_day: dict[dt.date, list[str]] = {}
    for checklist in reversed(newest_first):  # oldest first
        if is_logged(checklist):
            logged_of_day.setdefault(checklist.session_date, []).append(checklist.session_id)

    def card(checklist: Checklist) -> ChecklistCard:
        session = by_id.get(checklist.session_id)
        serum = session.serum_name if session is not None else None
        if not is_logged(checklist):
            started = session.started_at if session is not None else None
            return ChecklistCard(checklist, started_at=started, serum_name=serum)
        twins = logged_of_day[checklist.session_date]
        number = twins.index(checklist.session_id) + 1 if len(twins) > 1 else None
        return ChecklistCard(checklist, logged=True, logged_number=number, serum_name=serum)

    return ChecklistCards(
        shown=tuple(card(c) for c in shown), folded=len(finished) - len(kept_finished)
    )
