"""The checks every value passes where it is made: on load, import and input alike.

Each record's ``__post_init__`` calls these, so a value the domain cannot hold never exists,
whichever door it came in by. A refusal is an :class:`InvalidValue` naming the field, so the
CLI, the app and the backup import can each say which record and which field is wrong.

Two kinds of bound:
- absolute ones, checked by the constructors: types, ranges, timezones, and dates between
  1970-01-01 and :data:`LATEST_DATE` (far enough from ``date.max`` that no date arithmetic of
  the app can overflow);
- a bound relative to today (a plan starts at most a year ahead), checked by
  :func:`check_plan_start` with the day the caller passes (the domain reads no clock), only
  where the value is made: input. Load and import apply the absolute bounds alone, so that
  what was written under any clock (years ahead, or back) can always be read, exported and
  imported once the clock is right. A session is dated on or before the day it is made.
"""

from __future__ import annotations

import datetime as dt
import math

from dateutil.relativedelta import relativedelta

EARLIEST_DATE = dt.date(1970, 1, 1)
#: No record dates past this, whatever today is (the app adds months and weeks to dates).
LATEST_DATE = dt.date(9000, 12, 31)
PLAN_START_YEARS_AHEAD = 1
NOTE_MAX = 2000
NAME_MAX = 100  # a zone, direction or serum name
REDNESS_LABELS = {
    0: "none",
    1: "mild redness",
    2: "marked redness",
    3: "pain or bleeding",
}


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: a refusal quotes what it refuses, never
    40 MB of it."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_text(field: str, value: object) -> str:
    """Text that can be stored: a str whose every character is UTF-8 (no lone surrogate)."""
    if not isinstance(value, str):
        raise InvalidValue(field, f"must be text, not {shown(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(field, "holds a character that is not valid text") from None
    return value


class InvalidValue(ValueError):
    """A value the domain refuses; ``field`` names where it was found."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_date(field: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValue(field, f"must be a date, not {shown(value)}")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InvalidValue(field, f"{value} is out of range ({EARLIEST_DATE} to {LATEST_DATE})")
    return value


def check_datetime(field: str, value: object) -> dt.datetime:
    """A timezone-aware datetime whose date is in range."""
    if not isinstance(value, dt.datetime):
        raise InvalidValue(field, f"must be a date and time, not {shown(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(field, f"{value.isoformat()} has no timezone")
    check_date(field, value.date())
    return value


def check_optional_datetime(field: str, value: object) -> dt.datetime | None:
    return None if value is None else check_datetime(field, value)


def check_redness(value: object, field: str = "redness") -> int | None:
    """0-3 or None (not recorded)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in REDNESS_LABELS:
        raise InvalidValue(
            field, f"must be 0-3 (0 none ... 3 pain or bleeding) or empty, not {shown(value)}"
        )
    return value


def check_note(value: object, field: str = "note") -> str:
    check_text(field, value)
    assert isinstance(value, str)
    if len(value) > NOTE_MAX:
        raise InvalidValue(field, f"has {len(value)} characters; a note has at most {NOTE_MAX}")
    return value


def check_name(field: str, value: object) -> str:
    """A short, non-blank name: a zone, a direction, a serum."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field, f"must be a name, not {shown(value)}")
    check_text(field, value)
    if len(value) > NAME_MAX:
        raise InvalidValue(field, f"is {len(value)} characters long; at most {NAME_MAX}")
    return value


def check_names(field: str, values: object, *, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of names (zones or directions): a tuple or list of non-blank strings."""
    if not isinstance(values, tuple | list):
        raise InvalidValue(field, f"must be a list of names, not {shown(values)}")
    if not values and not allow_empty:
        raise InvalidValue(field, "must name at least one")
    for value in values:
        if not (isinstance(value, str) and value in _GOOD_NAMES):
            check_name(field, value)
            if len(_GOOD_NAMES) < 1_000:  # the same few zones, on every session
                _GOOD_NAMES.add(value)
    return tuple(values)


#: Names already checked: ten years of sessions repeat the same five zones.
_GOOD_NAMES: set[str] = set()


def check_int(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(
            field, f"must be a whole number from {low} to {high}, not {shown(value)}"
        )
    return value


def check_finite(field: str, value: object, low: float = 0.0, high: float = math.inf) -> float:
    """A finite number from ``low`` to ``high``, as a float. A JSON integer too big for a
    float (a 401-digit one) is refused like an infinity, never an OverflowError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(field, f"must be a number, not {shown(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or number < low:
        raise InvalidValue(field, f"must be a finite number, at least {low:g}, not {shown(value)}")
    if number > high:
        raise InvalidValue(field, f"must be at most {high:g}, not {shown(value)}")
    return number


#: The longest time one session can have rolled: a day (its figure stays a timedelta).
MAX_ROLLED_S = 86_400.0


def check_bool(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(field, f"must be true or false, not {shown(value)}")
    return value


def latest_plan_start(today: dt.date) -> dt.date:
    """A year after ``today``; :data:`LATEST_DATE` at the latest (a clock set to the year
    9999 has no year after it)."""
    if today >= LATEST_DATE - relativedelta(years=PLAN_START_YEARS_AHEAD):
        return LATEST_DATE
    return today + relativedelta(years=PLAN_START_YEARS_AHEAD)


def check_plan_start(day: dt.date, today: dt.date, field: str = "start") -> dt.date:
    """A plan starts at most a year after ``today`` (and not before 1970)."""
    check_date(field, day)
    last = latest_plan_start(today)
    if day > last:
        raise InvalidValue(
            field, f"{day} is more than a year ahead; start a plan by {last} at the latest"
        )
    return day
