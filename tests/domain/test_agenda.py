"""The agenda's lists: the next planned dates, the last sessions and what each did."""

from __future__ import annotations

import datetime as dt

import pytest

from scalp_tui.domain.calendar import (
    AGENDA_COMING,
    AGENDA_REACH,
    AGENDA_RECENT,
    DayState,
    coming,
    recent,
)
from scalp_tui.domain.matching import Outcome, review
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus, logged_session
from scalp_tui.domain.regimen import Phase, Preset, make_plan
from scalp_tui.sample import SAMPLE_SESSIONS
from tests.fixed import TODAY  # Mon 2026-11-23

D = dt.date.fromisoformat
PLAN = make_plan(D("2026-10-04"), 0.5, Preset.RAMP, (6, 2))


def session(
    day: str, sid: str | None = None, *, completed: bool = True, at: int | None = None
) -> SessionRecord:
    when = None if at is None else dt.datetime(2026, 1, 1, at, tzinfo=dt.UTC)
    rec = logged_session(
        sid or day, D(day), needle_mm=0.5, zones=("top",), directions=("a",), recorded_at=when
    )
    if completed:
        return rec
    return SessionRecord(
        **{**rec.__dict__, "status": SessionStatus.ABORTED, "source": SessionSource.TIMER}
    )


SAMPLE = [session(day, f"sample-{i}") for i, (day, _note, _red) in enumerate(SAMPLE_SESSIONS)]


def agenda_review(today: dt.date, sessions=SAMPLE, plans=(PLAN,)):
    done = [s for s in sessions if s.date <= today]
    return review(list(plans), done, today, until=today + AGENDA_REACH)


def test_the_next_twelve_planned_dates_of_the_sample():
    got = coming(agenda_review(TODAY))
    assert [(o.date.isoformat(), o.planned.phase) for o in got] == [
        ("2026-11-25", Phase.TWICE_WEEKLY),
        ("2026-11-29", Phase.UPKEEP),
        ("2026-12-29", Phase.UPKEEP),
        ("2027-01-29", Phase.UPKEEP),
        ("2027-02-28", Phase.UPKEEP),  # the 29th, clamped to February's end
        ("2027-03-29", Phase.UPKEEP),
        ("2027-04-29", Phase.UPKEEP),
        ("2027-05-29", Phase.UPKEEP),
        ("2027-06-29", Phase.UPKEEP),
        ("2027-07-29", Phase.UPKEEP),
        ("2027-08-29", Phase.UPKEEP),
        ("2027-09-29", Phase.UPKEEP),
    ]
    assert all(o.outcome is Outcome.OPEN for o in got)


@pytest.mark.parametrize(
    ("today", "first", "first_outcome"),
    [
        ("2026-09-01", "2026-10-04", Outcome.OPEN),  # before the plan: its first dates
        ("2026-11-22", "2026-11-22", Outcome.EARLY),  # today, kept two days early
        ("2026-11-25", "2026-11-25", Outcome.OPEN),  # due today
        ("2026-11-30", "2026-12-29", Outcome.OPEN),  # the day after an upkeep date
        ("2027-01-30", "2027-02-28", Outcome.OPEN),  # a month away: still twelve in reach
        ("2030-03-30", "2030-04-29", Outcome.OPEN),
    ],
)
def test_coming_starts_today_and_always_lists_twelve(today, first, first_outcome):
    got = coming(agenda_review(D(today)))
    assert len(got) == AGENDA_COMING
    assert got[0].date == D(first) and got[0].outcome is first_outcome
    assert all(o.date >= D(today) for o in got)
    assert [o.date for o in got] == sorted({o.date for o in got})


def test_no_plan_no_coming_dates():
    assert coming(agenda_review(TODAY, plans=())) == []


def test_the_last_ten_sessions_latest_first_and_what_each_did():
    got = recent(SAMPLE, agenda_review(TODAY))
    assert len(got) == AGENDA_RECENT
    assert [(d.session.date.isoformat(), d.words, d.state) for d in got] == [
        ("2026-11-20", "done early for Sun 22 Nov", DayState.EARLY),
        ("2026-11-18", "done", DayState.DONE),
        ("2026-11-15", "done", DayState.DONE),
        ("2026-11-08", "done", DayState.DONE),
        ("2026-11-04", "done", DayState.DONE),
        ("2026-11-01", "done", DayState.DONE),
        ("2026-10-25", "done", DayState.DONE),
        ("2026-10-19", "done late for Sun 18 Oct", DayState.LATE),
        ("2026-10-11", "done", DayState.DONE),
        ("2026-10-06", "extra", DayState.EXTRA),
    ]


def test_aborted_and_same_day_sessions():
    sessions = [
        *SAMPLE,
        session("2026-11-23", "b-second", at=10),
        session("2026-11-23", "a-first", at=9),
        session("2026-11-23", "c-aborted", completed=False, at=11),
    ]
    got = recent(sessions, agenda_review(TODAY, sessions), count=4)
    # On one day, the one recorded last first. The first of the day keeps Wed 25 Nov two
    # days early; the second finds nothing open: extra.
    assert [(d.session.id, d.words, d.state) for d in got] == [
        ("c-aborted", "aborted", None),
        ("b-second", "extra", DayState.EXTRA),
        ("a-first", "done early for Wed 25 Nov", DayState.EARLY),
        ("sample-10", "done early for Sun 22 Nov", DayState.EARLY),
    ]


def test_no_sessions_nothing_recent():
    assert recent([], agenda_review(TODAY, sessions=[])) == []
