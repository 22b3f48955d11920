"""One computed status, every output: ``status`` (the review's words), ``status --json``,
``status --short`` and ``remind`` say the same of the next session, today and what is overdue.

PRODUCT.md section 6: ``next_session`` is the first planned date on or after today,
``due_today`` says a planned date is today and not yet matched, ``overdue`` lists the planned
dates of the last 28 days before today that no session matched.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scalp_tui.domain.dates import short_day
from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.reminder import reminder_line
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.status import Status, compute_status
from scalp_tui.domain.wording import status_words

D = dt.date.fromisoformat
#: PRODUCT.md's worked example: 12-06, 12-13, 12-20, 12-27, then Sun/Wed 01-03, 01-06, 01-10 ...
PLAN = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))
DECEMBER = ["2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27"]


def status_of(today: str, *days: str) -> Status:
    sessions: list[SessionRecord] = [
        logged_session(f"s{i}", D(d), needle_mm=0.5, zones=("top",), directions=("x",))
        for i, d in enumerate(days)
    ]
    # Photo check-ins off: these cases are about sessions (tests/domain/test_photos.py).
    return compute_status(D(today), [PLAN], sessions, [], Settings(photo_every_weeks=0))


CASES = {
    # name: (today, sessions, JSON fields, the review's "Next"/"Due", the reminder line)
    "today's date done (the issue's case)": (
        "2027-01-03",
        [*DECEMBER, "2027-01-03"],
        {"next_session": "2027-01-03", "days_to_next_session": 0,
         "next_session_outcome": "done", "next_to_do": "2027-01-06", "days_to_next_to_do": 3,
         "due_today": False, "overdue": [], "overdue_since": None},
        ("Next", "today's session is done; then Wed 6 Jan, in 3 days"),
        "",
    ),
    "today's date due": (
        "2027-01-03",
        DECEMBER,
        {"next_session": "2027-01-03", "days_to_next_session": 0,
         "next_session_outcome": "planned", "next_to_do": "2027-01-03",
         "days_to_next_to_do": 0, "due_today": True, "overdue": [], "overdue_since": None},
        ("Due", "today"),
        "roll today",
    ),
    "tomorrow's date done early": (
        "2027-01-05",
        [*DECEMBER, "2027-01-03", "2027-01-05"],
        {"next_session": "2027-01-06", "days_to_next_session": 1,
         "next_session_outcome": "done early", "next_to_do": "2027-01-10",
         "days_to_next_to_do": 5, "due_today": False, "overdue": [], "overdue_since": None},
        ("Next", "Wed 6 Jan is done early; then Sun 10 Jan, in 5 days"),
        "",
    ),
    "a miss, then today's date done": (
        "2027-01-06",
        [*DECEMBER, "2027-01-06"],  # 01-03 missed: its window closed with the 01-06 session
        {"next_session": "2027-01-06", "days_to_next_session": 0,
         "next_session_outcome": "done", "next_to_do": "2027-01-10", "days_to_next_to_do": 4,
         "due_today": False, "overdue": ["2027-01-03"], "overdue_since": None},
        ("Next", "today's session is done; then Sun 10 Jan, in 4 days"),
        "",  # back on the plan: the miss stays in overdue and in "Missed", not in the reminder
    ),
    "late, a session still counts": (
        "2027-01-04",
        DECEMBER,
        {"next_session": "2027-01-06", "days_to_next_session": 2,
         "next_session_outcome": "planned", "next_to_do": "2027-01-06",
         "days_to_next_to_do": 2, "due_today": False, "overdue": ["2027-01-03"],
         "overdue_since": "2027-01-03"},
        ("Next", "Wed 6 Jan, in 2 days"),
        "overdue since Sun 3 Jan",
    ),
    "missed twice and due": (
        "2027-01-10",
        DECEMBER,
        {"next_session": "2027-01-10", "days_to_next_session": 0,
         "next_session_outcome": "planned", "next_to_do": "2027-01-10",
         "days_to_next_to_do": 0, "due_today": True, "overdue": ["2027-01-03", "2027-01-06"],
         "overdue_since": "2027-01-03"},
        ("Due", "today"),
        "roll today; overdue since Sun 3 Jan",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_status_json_review_and_reminder_say_the_same(name):
    today, days, fields, (label, text), line = CASES[name]
    status = status_of(today, *days)
    as_json = status.to_json()
    assert {key: as_json[key] for key in fields} == fields
    said = {s.label: s.text for s in status_words(status, day_words=short_day)}
    assert said[label] == text
    assert ("Due" in said) is as_json["due_today"]
    assert reminder_line(status) == line


@pytest.mark.parametrize("name", CASES)
def test_every_output_derives_from_the_same_fields(name):
    """Whatever the case: "roll today" exactly when due_today, "overdue since" the date
    overdue_since names, and it is one of overdue; the review's Next names next_session."""
    today, days, *_ = CASES[name]
    status = status_of(today, *days)
    as_json = status.to_json()
    line = reminder_line(status)
    assert ("roll today" in line) is as_json["due_today"]
    since = as_json["overdue_since"]
    if since is None:
        assert "overdue" not in line
    else:
        assert since in as_json["overdue"]
        assert f"overdue since {short_day(D(since))}" in line
    said = {s.label: s.text for s in status_words(status, day_words=dt.date.isoformat)}
    if not as_json["due_today"]:
        nxt = as_json["next_session"]
        assert said["Next"].startswith("today's session" if nxt == today else nxt)
        assert as_json["next_to_do"] in said["Next"]
