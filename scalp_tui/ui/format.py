"""Dates and durations in the user's words."""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from scalp_tui.domain.records import REDNESS_LABELS
from scalp_tui.domain.text import display_text

#: The redness answers as a Select lists them: ("2 marked redness", 2).
REDNESS_OPTIONS = [(f"{value} {label}", value) for value, label in REDNESS_LABELS.items()]


def plain(text: str) -> Content:
    """The user's text (a note, a zone name...) on one line: never markup, no control
    character (see ``display_text``)."""
    return Content(display_text(text))


def plain_lines(text: str) -> Content:
    """A message that may quote the user's text: never markup, no control character, its
    line breaks kept."""
    return Content("\n".join(display_text(line) for line in text.split("\n")))


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
