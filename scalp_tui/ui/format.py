"""Dates and durations in the user's words."""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from scalp_tui.domain.dates import seen_from, short_day
from scalp_tui.domain.records import REDNESS_LABELS
from scalp_tui.domain.text import display_text
from scalp_tui.domain.wording import relative_days

__all__ = [
    "REDNESS_OPTIONS",
    "long_day",
    "plain",
    "plain_lines",
    "redness_words",
    "relative_days",
    "seen_from",
    "short_day",
]

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


def long_day(day: dt.date) -> str:
    """``Sunday 6 December 2026``: ``short_day`` written out, for a title."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def redness_words(redness: int) -> str:
    """``no redness``, ``mild redness``, ``marked redness``, ``pain or bleeding``: the answer
    in words, without its key (``1 mild redness`` read as a count)."""
    return "no redness" if redness == 0 else REDNESS_LABELS[redness]
