"""After-session care: serum, then clean the roller (article: "Infection is a risk if you do not
clean the roller after each use ... applying rubbing alcohol to the roller and allowing it to dry
before putting it back in its case"). Also counts roller uses for replacement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.validation import (
    InvalidValue,
    check_date,
    check_datetime,
    check_text,
    shown,
)


class ChecklistItem(StrEnum):
    SERUM = "serum"
    ALCOHOL = "alcohol"
    DRY = "dry"
    CASE = "case"

    @property
    def optional(self) -> bool:
        return self is ChecklistItem.SERUM

    def label(self, serum_name: str) -> str:
        return {
            ChecklistItem.SERUM: f"Apply {serum_name} (optional)",
            ChecklistItem.ALCOHOL: "Apply rubbing alcohol to the roller",
            ChecklistItem.DRY: "Let the roller dry fully",
            ChecklistItem.CASE: "Put the roller back in its case",
        }[self]


CLEANING_ITEMS = tuple(item for item in ChecklistItem if not item.optional)


@dataclass(frozen=True)
class Checklist:
    """One session's after-care; ``ticks`` holds when each item was ticked."""

    session_id: str
    session_date: dt.date
    ticks: Mapping[ChecklistItem, dt.datetime] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.session_id, str) or not self.session_id.strip():
            raise InvalidValue(
                "session_id", f"must be a session's id, not {shown(self.session_id)}"
            )
        check_text("session_id", self.session_id)
        check_date("session_date", self.session_date)
        for item, at in self.ticks.items():
            if not isinstance(item, ChecklistItem):
                raise InvalidValue("ticks", f"unknown item {shown(item)}")
            check_datetime(f"ticks.{item.value}", at)

    @property
    def finished(self) -> bool:
        """The cleaning is done: every item but the optional serum is ticked."""
        return all(item in self.ticks for item in CLEANING_ITEMS)

    def tick(self, item: ChecklistItem, at: dt.datetime) -> Checklist:
        return replace(self, ticks={**self.ticks, item: at})

    def untick(self, item: ChecklistItem) -> Checklist:
        return replace(self, ticks={k: v for k, v in self.ticks.items() if k is not item})

    def toggle(self, item: ChecklistItem, at: dt.datetime) -> Checklist:
        return self.untick(item) if item in self.ticks else self.tick(item, at)


def toggle_for_roller(
    checklists: Iterable[Checklist], session_id: str, item: ChecklistItem, at: dt.datetime
) -> list[Checklist]:
    """The checklists that change when ``item`` of ``session_id``'s card is ticked or
    unticked at ``at``, that card first.

    There is one roller: cleaning it once cleans it for every session still waiting, so a
    cleaning item ticked on one open card is ticked on every open card that lacks it, and
    unticked on those ticked with it. The serum belongs to its own session only, and a
    finished card changes alone (a correction of its own record).
    """
    cards = list(checklists)
    card = next((c for c in cards if c.session_id == session_id), None)
    if card is None:
        raise KeyError(session_id)
    updated = card.toggle(item, at)
    changed = [updated]
    if item.optional or card.finished:
        return changed
    ticking = item in updated.ticks
    for other in cards:
        if other is card or other.finished:
            continue
        if ticking and item not in other.ticks:
            changed.append(other.tick(item, at))
        elif not ticking and other.ticks.get(item) == card.ticks.get(item):
            changed.append(other.untick(item))
    return changed


def clean_all(checklists: Iterable[Checklist], at: dt.datetime) -> list[Checklist]:
    """The roller cleaned (or a new one): every open card's cleaning ticked at ``at``;
    only the cards that change."""
    return [
        replace(c, ticks={**{item: at for item in CLEANING_ITEMS}, **c.ticks})
        for c in checklists
        if not c.finished
    ]


def open_checklists(checklists: Iterable[Checklist]) -> list[Checklist]:
    """Unfinished cleaning, oldest first."""
    return sorted((c for c in checklists if not c.finished), key=lambda c: c.session_date)


def roller_uses(sessions: Iterable[SessionRecord], since: dt.datetime | None) -> int:
    """Sessions in which the roller touched the scalp, recorded from ``since`` on (the moment
    the roller was new): completed ones, and aborted ones that rolled a pass (each of those
    opens a cleaning checklist too: "clean the roller after each use").

    A session with no time on record (a log of an older release) counts from its day on.
    """

    def after(s: SessionRecord) -> bool:
        if since is None:
            return True
        moment = s.recorded_at or s.ended_at or s.started_at
        return moment >= since if moment is not None else s.date >= since.date()

    return sum(1 for s in sessions if s.rolled and after(s))


def replacement_due(uses: int, replace_after: int) -> bool:
    return uses >= replace_after
