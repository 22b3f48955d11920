"""Sessions as CSV: one row per session, a header, ISO dates.

The cells that can hold text from the user or from an imported backup (``id``, ``zones``,
``directions``, ``note``) go through ``csv_cell``: no control character is written (line breaks
and tabs become a space, others are escaped as ``\\x1b``), and a cell a spreadsheet would run
as a formula (one beginning with ``=``, ``+``, ``-``, ``@``, tab or CR) starts with ``'``. The
other cells are written by the app itself: dates, times, numbers and fixed words.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from scalp_tui.domain.records import NO_TIME, SessionRecord
from scalp_tui.domain.text import csv_cell

HEADER = (
    "id",
    "date",
    "started_at",
    "ended_at",
    "duration_seconds",
    "status",
    "source",
    "counted_for",
    "needle_mm",
    "zones",
    "directions",
    "redness",
    "note",
)


def time_order(s: SessionRecord) -> tuple[dt.date, dt.datetime, str]:
    """By day, and in a day by the time it started (a session logged afterwards: the time it
    was recorded)."""
    return s.date, s.started_at or s.recorded_at or s.ended_at or NO_TIME, s.id


def sessions_csv(sessions: Sequence[SessionRecord], counted_for: Mapping[str, dt.date]) -> str:
    """``counted_for``: session id -> the planned date it kept."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for s in sorted(sessions, key=time_order):
        duration = s.duration
        kept = counted_for.get(s.id)
        writer.writerow(
            (
                csv_cell(s.id),
                s.date.isoformat(),
                s.started_at.isoformat() if s.started_at else "",
                s.ended_at.isoformat() if s.ended_at else "",
                "" if duration is None else int(duration.total_seconds()),
                s.status.value,
                s.source.value,
                kept.isoformat() if kept else "",
                f"{s.needle_mm:g}",
                csv_cell("; ".join(s.zones)),
                csv_cell("; ".join(s.directions)),
                "" if s.redness is None else s.redness,
                csv_cell(s.note),
            )
        )
    return out.getvalue()
