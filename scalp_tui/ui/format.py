"""Dates and durations in the user's words."""

from __future__ import annotations

import datetime as dt

from scalp_tui.domain.records import REDNESS_LABELS

#: The redness answers as a Select lists them: ("2 marked redness", 2).
REDNESS_OPTIONS = [(f"{value} {label}", value) for value, label in REDNESS_LABELS.items()]


def short_day(day: dt.date) -> str:
    """``Sun 6 Dec``"""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: dt.date) -> str:
    """``Sunday 6 December 2026``"""
    return f"{day:%A} {day.day} {day:%B %Y}"


def relative_days(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
