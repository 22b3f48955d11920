"""What a reminder says: an old miss stops nagging once the user is back on the plan."""

from __future__ import annotations

import datetime as dt

from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.reminder import reminder_line
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.status import compute_status

START = dt.date(2026, 10, 4)  # a Sunday; ramp, Sun/Wed
PLAN = make_plan(START, 0.5, Preset.RAMP, (6, 2))


def session(day: str) -> SessionRecord:
    return logged_session(
        day,
        dt.date.fromisoformat(day),
        needle_mm=0.5,
        zones=("top",),
        directions=("front to back",),
    )


def line(today: str, *days: str) -> str:
    status = compute_status(
        dt.date.fromisoformat(today),
        [PLAN],
        [session(d) for d in days],
        [],
        Settings(photo_every_weeks=0),  # photo check-ins off: about sessions only
    )
    return reminder_line(status)


def test_a_miss_followed_by_kept_dates_is_not_overdue_any_more():
    kept = ["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-25", "2026-11-01", "2026-11-04",
            "2026-11-08", "2026-11-15", "2026-11-18", "2026-11-22"]  # fmt: skip
    assert line("2026-11-23", *kept) == ""  # 11-11 was missed, then three kept: no nagging


def test_the_latest_unkept_dates_are_overdue_since_the_oldest_of_them():
    kept = ["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-25", "2026-11-01"]
    assert line("2026-11-09", *kept) == "overdue since Wed 4 Nov"  # 11-04 missed, 11-08 late


def test_due_today_comes_first():
    assert line("2026-10-04") == "roll today"
