"""How every screen writes a date: ``Sun 6 Dec``, with the year when it is not this year's.
The command line's machine output (``--json``, exports) keeps ISO dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

DayWords = Callable[[dt.date], str]


def short_day(day: dt.date, today: dt.date | None = None) -> str:
    """``Sun 6 Dec``; with its year when ``today`` is in another one. Every screen writes a
    date this way.

    >>> D = dt.date
    >>> short_day(D(2026, 12, 6)), short_day(D(2027, 1, 3), today=D(2026, 12, 30))
    ('Sun 6 Dec', 'Sun 3 Jan 2027')
    """
    said = f"{day:%a} {day.day} {day:%b}"
    return said if today is None or day.year == today.year else f"{said} {day.year}"


def seen_from(today: dt.date) -> DayWords:
    """``short_day`` as seen from ``today``: the year only where it is not today's.

    >>> words = seen_from(dt.date(2026, 12, 30))
    >>> words(dt.date(2026, 12, 6)), words(dt.date(2025, 12, 6))
    ('Sun 6 Dec', 'Sat 6 Dec 2025')
    """
    return partial(short_day, today=today)
