"""What a reminder says: one line for a shell prompt, a status bar and a desktop notification.

``status --short`` prints it and ``remind`` notifies it, so both say the same, in this order,
each read from the one ``Status`` that ``status`` and ``status --json`` show too:

- "roll today": ``due_today``, a planned date is today and no session has kept it yet;
- "overdue since Mon 23 Nov": ``overdue_since``, the oldest planned date of the last 28 days
  before today that no session matched (one of ``overdue``: missed, or late with its window
  still open) and that no kept date followed: once the user is back on the plan, an old miss
  stops nagging every day (it stays in ``overdue`` and in ``status`` as "Missed");
- "clean the roller": ``cleaning_outstanding``, a cleaning checklist is open.
- "take progress photos": ``photo_due``, a photo check-in has come and not every angle has
  a photo since (domain/photos.py).

Several are joined with "; " ("roll today; clean the roller"); nothing due is the empty string.
"""

from __future__ import annotations

from scalp_tui.domain.dates import DayWords, short_day
from scalp_tui.domain.status import Status

SEPARATOR = "; "


def reminder_parts(status: Status, *, day_words: DayWords = short_day) -> tuple[str, ...]:
    """What is due, each as a few words, most pressing first; empty when nothing is."""
    parts: list[str] = []
    if status.due_today:
        parts.append("roll today")
    if status.overdue_since is not None:
        parts.append(f"overdue since {day_words(status.overdue_since)}")
    if status.cleaning_outstanding:
        parts.append("clean the roller")
    if status.photo_due:
        parts.append("take progress photos")
    return tuple(parts)


def reminder_line(status: Status, *, day_words: DayWords = short_day) -> str:
    """The parts on one line, or ``""`` when nothing is due."""
    return SEPARATOR.join(reminder_parts(status, day_words=day_words))
