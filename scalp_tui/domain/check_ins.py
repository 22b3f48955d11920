"""Photo check-ins: the angles, and when photos are due (every so many weeks from the plan's
start). A module of its own, light: the calendar and ``status`` read the schedule at every
start, and the photo records (``photos.py``) load only where photos are used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from scalp_tui.domain.regimen import Plan


class Angle(StrEnum):
    FRONT = "front"
    TOP = "top"
    CROWN = "crown"
    LEFT = "left"
    RIGHT = "right"


#: The angles, in the order they are shown and asked for.
ANGLES: tuple[str, ...] = tuple(a.value for a in Angle)


class Taken(Protocol):
    """What the schedule reads of a photo."""

    @property
    def angle(self) -> Angle: ...

    @property
    def date(self) -> dt.date: ...


def schedule_start(plans: Sequence[Plan]) -> dt.date | None:
    """The day the check-ins count from: the earliest plan's start."""
    return min((p.start for p in plans), default=None)


def current_check_in(start: dt.date, every_weeks: int, today: dt.date) -> dt.date | None:
    """The latest check-in date on or before ``today``; None before ``start``."""
    if today < start:
        return None
    step = 7 * every_weeks
    return start + dt.timedelta(days=(today - start).days // step * step)


@dataclass(frozen=True)
class PhotoCheckIn:
    """Where the photo check-ins stand today."""

    due: bool
    next_date: dt.date | None
    current: dt.date | None = None  # the latest check-in on or before today
    missing: tuple[Angle, ...] = ()  # the angles with no photo since ``current``


NO_CHECK_IN = PhotoCheckIn(due=False, next_date=None)


def photo_check_in(
    plans: Sequence[Plan], photos: Sequence[Taken], every_weeks: int, today: dt.date
) -> PhotoCheckIn:
    """``photo_due`` and ``next_photo_date`` (see the module's docstring)."""
    start = schedule_start(plans)
    if start is None or not every_weeks:
        return NO_CHECK_IN
    current = current_check_in(start, every_weeks, today)
    if current is None:
        return PhotoCheckIn(due=False, next_date=start)
    taken = {p.angle for p in photos if p.date >= current}
    missing = tuple(a for a in Angle if a not in taken)
    if missing:
        return PhotoCheckIn(due=True, next_date=current, current=current, missing=missing)
    return PhotoCheckIn(
        due=False, next_date=current + dt.timedelta(weeks=every_weeks), current=current
    )


def check_in_dates(
    plans: Sequence[Plan], every_weeks: int, first: dt.date, last: dt.date
) -> list[dt.date]:
    """The check-in dates from ``first`` to ``last`` (the calendar's marks)."""
    start = schedule_start(plans)
    if start is None or not every_weeks or last < start:
        return []
    step = dt.timedelta(weeks=every_weeks)
    day = current_check_in(start, every_weeks, max(first, start))
    assert day is not None
    if day < first:
        day += step
    dates = []
    while day <= last:
        dates.append(day)
        day += step
    return dates
