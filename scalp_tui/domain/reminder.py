"""What a reminder says: one line for a shell prompt, a status bar and a desktop notification.

``status --short`` prints it and ``remind`` notifies it, so both say the same, in this order:

- "roll today": a planned date is today and no session has kept it yet;
- "overdue since Mon 23 Nov": the oldest planned date of the last 28 days before today that no
  session matched (missed, or late with its window still open: the dates ``status --json`` lists
  as ``overdue``) and that no kept date followed: once the user is back on the plan, an old
  miss stops nagging every day (it stays in ``status`` and the calendar as "Missed");
- "clean the roller": a cleaning checklist is open.

Several are joined with "; " ("roll today; clean the roller"); nothing due is the empty string.
"""

from __future__ import annotations

from scalp_tui.domain.status import Status
from scalp_tui.domain.wording import MISSED_DAYS, DayWords, short_day

SEPARATOR = "; "


def reminder_parts(status: Status, *, day_words: DayWords = short_day) -> tuple[str, ...]:
    """What is due, each as a few words, most pressing first; empty when nothing is."""
    parts: list[str] = []
    if status.review.due_today:
        parts.append("roll today")
    kept = [o.date for o in status.review.up_to_today() if o.outcome.kept]
    since_kept = max(kept, default=None)
    overdue = [
        day for day in status.review.overdue(MISSED_DAYS) if since_kept is None or day > since_kept
    ]
    if overdue:
        parts.append(f"overdue since {day_words(min(overdue))}")
    if status.cleaning_outstanding:
        parts.append("clean the roller")
    return tuple(parts)


def reminder_line(status: Status, *, day_words: DayWords = short_day) -> str:
    """The parts on one line, or ``""`` when nothing is due."""
    return SEPARATOR.join(reminder_parts(status, day_words=day_words))
