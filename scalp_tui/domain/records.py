"""What happened: sessions the user did (with the timer or logged afterwards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

REDNESS_LABELS = {
    0: "none",
    1: "mild redness",
    2: "marked redness",
    3: "pain or bleeding",
}


class SessionStatus(StrEnum):
    COMPLETED = "completed"
    ABORTED = "aborted"


class SessionSource(StrEnum):
    TIMER = "timer"
    LOG = "log"


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

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED

    @property
    def duration(self) -> dt.timedelta | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return self.ended_at - self.started_at


def check_redness(value: int | None) -> int | None:
    if value is not None and value not in REDNESS_LABELS:
        raise ValueError(f"redness must be 0-3 (0 none ... 3 pain or bleeding), not {value}")
    return value


def logged_session(
    session_id: str,
    day: dt.date,
    *,
    needle_mm: float,
    zones: tuple[str, ...],
    directions: tuple[str, ...],
    note: str = "",
    redness: int | None = None,
) -> SessionRecord:
    """A session done without the timer, recorded afterwards."""
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
        redness=check_redness(redness),
        note=note.strip(),
    )
