"""What happened: sessions the user did (with the timer or logged afterwards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from scalp_tui.domain.regimen import check_needle
from scalp_tui.domain.validation import (
    MAX_ROLLED_S,
    REDNESS_LABELS,
    InvalidValue,
    check_date,
    check_finite,
    check_name,
    check_names,
    check_note,
    check_optional_datetime,
    check_redness,
    check_text,
    shown,
)

__all__ = ["REDNESS_LABELS", "SessionRecord", "check_redness", "logged_session"]


class SessionStatus(StrEnum):
    COMPLETED = "completed"
    ABORTED = "aborted"


class SessionSource(StrEnum):
    TIMER = "timer"
    LOG = "log"


#: Sorts before any moment: a record with no time of its own.
NO_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class SessionRecord:
    """A session the user did (with the timer or logged afterwards), or aborted."""

    id: str
    date: dt.date
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    status: SessionStatus
    source: SessionSource
    needle_mm: float
    zones: tuple[str, ...]
    directions: tuple[str, ...]
    redness: int | None = None
    note: str = ""
    recorded_at: dt.datetime | None = None  # when it was saved (None in older files)
    #: Seconds rolled (the timer's passes, pauses and closed time left out); None for a
    #: session logged afterwards, and in older files.
    rolled_s: float | None = None
    #: The serum named in the settings the session was made with (None in older files).
    serum_name: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValue("id", f"must be a non-empty text, not {shown(self.id)}")
        check_text("id", self.id)
        check_date("date", self.date)
        check_optional_datetime("started_at", self.started_at)
        check_optional_datetime("ended_at", self.ended_at)
        check_optional_datetime("recorded_at", self.recorded_at)
        if self.rolled_s is not None:
            check_finite("rolled_s", self.rolled_s, high=MAX_ROLLED_S)
        if self.serum_name is not None:
            check_name("serum_name", self.serum_name)
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            raise InvalidValue("ended_at", "is before started_at")
        if not isinstance(self.status, SessionStatus):
            raise InvalidValue("status", f"must be completed or aborted, not {shown(self.status)}")
        if not isinstance(self.source, SessionSource):
            raise InvalidValue("source", f"must be timer or log, not {shown(self.source)}")
        check_needle(self.needle_mm, "needle_mm")
        # A session aborted before its first pass rolled nothing: its lists may be empty.
        rolled_nothing = self.status is SessionStatus.ABORTED
        check_names("zones", self.zones, allow_empty=rolled_nothing)
        check_names("directions", self.directions, allow_empty=rolled_nothing)
        check_redness(self.redness)
        check_note(self.note)

    @property
    def recorded_order(self) -> tuple[dt.date, dt.datetime, str]:
        """Sorts the sessions of one day in the order they were recorded (older files, with
        no time of recording, first)."""
        when = self.recorded_at or self.ended_at or self.started_at or NO_TIME
        return self.date, when, self.id

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED

    @property
    def rolled(self) -> bool:
        """Whether the roller touched the scalp (a session aborted before its first pass
        records no zone)."""
        return bool(self.zones)

    @property
    def duration(self) -> dt.timedelta | None:
        """The time rolled. Older timer records, which kept no such figure, give their start
        to end instead (pauses included); a logged session has none."""
        if self.rolled_s is not None:
            return dt.timedelta(seconds=self.rolled_s)
        if self.started_at is None or self.ended_at is None:
            return None
        return self.ended_at - self.started_at


def logged_session(
    session_id: str,
    day: dt.date,
    *,
    needle_mm: float,
    zones: tuple[str, ...],
    directions: tuple[str, ...],
    note: str = "",
    redness: int | None = None,
    recorded_at: dt.datetime | None = None,
    serum_name: str | None = None,
) -> SessionRecord:
    """A session done without the timer, recorded afterwards (at ``recorded_at``)."""
    return SessionRecord(
        id=session_id,
        date=day,
        started_at=None,
        ended_at=None,
        status=SessionStatus.COMPLETED,
        source=SessionSource.LOG,
        needle_mm=needle_mm,
        zones=zones,
        directions=directions,
        redness=redness,
        note=note.strip(),
        recorded_at=recorded_at,
        serum_name=serum_name,
    )
