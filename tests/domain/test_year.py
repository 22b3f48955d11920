"""The year view's computations: each day's state, weeks and month names, adherence per
month, best streaks. The sample user (scalp_tui.sample) and edge dates."""

from __future__ import annotations

import datetime as dt

import pytest

import scalp_tui.domain.year as year
from scalp_tui.domain.calendar import DayState
from scalp_tui.domain.matching import review
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus, logged_session
from scalp_tui.domain.regimen import Plan, Preset, make_plan
from scalp_tui.domain.year import (
    MonthAdherence,
    Streak,
    best_streaks,
    current_streak,
    day_states,
    month_adherence,
    month_labels,
    months_between,
    streaks,
    week_columns,
)
from scalp_tui.sample import SAMPLE_SESSIONS
from tests.fixed import TODAY  # Mon 2026-11-23

D = dt.date.fromisoformat
SAMPLE_PLAN = make_plan(D("2026-10-04"), 0.5, Preset.RAMP, (6, 2))
WORKED_PLAN = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))


def session(day: str, sid: str | None = None, *, completed: bool = True) -> SessionRecord:
    rec = logged_session(sid or day, D(day), needle_mm=0.5, zones=("top",), directions=("a",))
    if completed:
        return rec
    return SessionRecord(
        **{**rec.__dict__, "status": SessionStatus.ABORTED, "source": SessionSource.TIMER}
    )


SAMPLE = [session(day, f"sample-{i}") for i, (day, _note, _red) in enumerate(SAMPLE_SESSIONS)]


def sample_review(today: dt.date = TODAY, until: dt.date | None = None):
    return review([SAMPLE_PLAN], SAMPLE, today, until)


# -- each day's state ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "state"),
    [
        ("2026-10-03", DayState.NONE),  # before the plan
        ("2026-10-04", DayState.DONE),
        ("2026-10-06", DayState.EXTRA),  # 10-04 already kept
        ("2026-10-11", DayState.DONE),
        ("2026-10-18", DayState.LATE),  # kept by the 10-19 session
        ("2026-10-19", DayState.SESSION),  # that session, counted for 10-18
        ("2026-11-11", DayState.MISSED),
        ("2026-11-20", DayState.SESSION),  # two days early for 11-22
        ("2026-11-22", DayState.EARLY),
        ("2026-11-23", DayState.NONE),  # today, nothing planned
        ("2026-11-25", DayState.PLANNED),
        ("2026-11-29", DayState.PLANNED),  # the first upkeep date
        ("2027-02-28", DayState.PLANNED),  # upkeep from the 29th, clamped to February's end
        ("2027-03-29", DayState.PLANNED),  # ... and back on the 29th, counted from U0
    ],
)
def test_each_day_of_the_sample_has_the_calendars_state(day, state):
    days = [D(day)]
    got = day_states(days, sample_review(until=D("2027-04-01")), SAMPLE, [SAMPLE_PLAN])
    assert got == {D(day): state}


def test_a_year_of_days_has_one_state_each_and_no_plan_means_nothing_due():
    days = [d for week in week_columns(TODAY, 53) for d in week]
    states = day_states(days, sample_review(), SAMPLE, [SAMPLE_PLAN])
    assert list(states) == days
    assert sum(1 for s in states.values() if s is DayState.MISSED) == 1
    kept = (DayState.DONE, DayState.EARLY, DayState.LATE)
    assert sum(1 for s in states.values() if s in kept) == 10  # "10 of 11"
    no_plan = day_states(days, review([], SAMPLE, TODAY), SAMPLE, [])
    assert set(no_plan.values()) == {DayState.NONE, DayState.EXTRA}


# -- weeks and month names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_day", "weeks", "first_monday", "last_monday"),
    [
        ("2026-11-23", 1, "2026-11-23", "2026-11-23"),  # a Monday: its own week
        ("2026-11-29", 2, "2026-11-16", "2026-11-23"),  # a Sunday ends the week begun Monday
        ("2027-01-01", 2, "2026-12-21", "2026-12-28"),  # across the new year
        ("2028-02-29", 1, "2028-02-28", "2028-02-28"),  # a leap day
        ("2026-11-23", 53, "2025-11-24", "2026-11-23"),  # a year: 53 weeks
    ],
)
def test_week_columns_are_monday_first_oldest_first(last_day, weeks, first_monday, last_monday):
    columns = week_columns(D(last_day), weeks)
    assert len(columns) == weeks
    assert columns[0][0] == D(first_monday) and columns[-1][0] == D(last_monday)
    assert all(len(w) == 7 and w[0].weekday() == 0 for w in columns)
    assert D(last_day) in columns[-1]
    days = [d for w in columns for d in w]
    assert days == sorted(set(days)) and (days[-1] - days[0]).days == 7 * weeks - 1


@pytest.mark.parametrize("today", ["2026-11-23", "2027-01-03", "2028-02-29", "2028-12-31"])
def test_fifty_three_weeks_hold_today_and_the_fifty_two_weeks_before(today):
    days = {d for w in week_columns(D(today), year.YEAR_WEEKS) for d in w}
    assert all(D(today) - dt.timedelta(days=n) in days for n in range(7 * 52 + 1))


def test_no_weeks_is_an_empty_map():
    assert week_columns(TODAY, 0) == []


YEAR_TO_SAMPLE_TODAY = [
    (1, "2025-12"),  # Mon 1 Dec 2025; the map opens on Mon 24 Nov, no room to name November
    (5, "2026-01"),  # Thu 1 Jan, in the week of Mon 29 Dec
    (9, "2026-02"),
    (13, "2026-03"),
    (18, "2026-04"),  # Wed 1 Apr, in the week of Mon 30 Mar
    (22, "2026-05"),
    (27, "2026-06"),
    (31, "2026-07"),
    (35, "2026-08"),
    (40, "2026-09"),
    (44, "2026-10"),
    (48, "2026-11"),  # Sun 1 Nov, in the week of Mon 26 Oct
]


@pytest.mark.parametrize(
    ("last_day", "weeks", "labels"),
    [
        # Mondays 5 Oct ... 23 Nov: October named over the first column, November over the
        # week holding Sun 1 Nov.
        ("2026-11-23", 8, [(0, "2026-10"), (3, "2026-11")]),
        # Mondays 19 Oct ... 23 Nov: "Oct" would end one cell before "Nov": only November.
        ("2026-11-23", 6, [(1, "2026-11")]),
        ("2026-11-23", 53, YEAR_TO_SAMPLE_TODAY),
        # One week holding no first day: no room for a name.
        ("2026-11-23", 1, []),
        # One week holding the first of March.
        ("2027-03-01", 1, [(0, "2027-03")]),
        # Across the new year: January over the week holding Fri 1 Jan.
        ("2027-01-10", 3, [(1, "2027-01")]),
    ],
)
def test_month_names_go_over_the_week_holding_the_first(last_day, weeks, labels):
    got = month_labels(week_columns(D(last_day), weeks))
    assert [(i, d.strftime("%Y-%m")) for i, d in got] == labels
    assert all(d.day == 1 for _i, d in got)


def test_months_between_crosses_years_and_leap_februaries():
    assert months_between(D("2027-11-30"), D("2028-03-01")) == [
        D("2027-11-01"),
        D("2027-12-01"),
        D("2028-01-01"),
        D("2028-02-01"),
        D("2028-03-01"),
    ]
    assert months_between(D("2028-02-29"), D("2028-02-01")) == [D("2028-02-01")]
    assert months_between(D("2028-03-01"), D("2028-02-29")) == []


# -- adherence per month ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "month", "kept", "missed", "still_open", "percent"),
    [
        ("2026-11-23", "2026-09-01", 0, 0, 0, None),  # before the plan
        ("2026-11-23", "2026-10-01", 4, 0, 0, 100),  # 10-18 kept late by 10-19
        ("2026-11-23", "2026-11-01", 6, 1, 0, 86),  # 11-11 missed; 11-22 kept early
        ("2026-11-23", "2026-12-01", 0, 0, 0, None),  # nothing due yet
        ("2026-11-25", "2026-11-01", 6, 1, 1, 86),  # 11-25 due today, still open
        ("2026-10-20", "2026-10-01", 3, 0, 0, 100),  # 10-04, 10-11, 10-18 (late on 10-19)
    ],
)
def test_adherence_per_month_of_the_sample(today, month, kept, missed, still_open, percent):
    sessions = [s for s in SAMPLE if s.date <= D(today)]
    r = review([SAMPLE_PLAN], sessions, D(today))
    months = {m.month: m for m in month_adherence(r, D("2026-09-15"), D("2026-12-31"))}
    assert list(months) == months_between(D("2026-09-01"), D("2026-12-01"))
    got = months[D(month)]
    assert (got.kept, got.missed, got.open, got.percent) == (kept, missed, still_open, percent)


def test_a_missed_date_counts_once_its_window_has_passed():
    # 11-11's window ends at 11-15: on 11-12 it is still open (it may be done late).
    sessions = [s for s in SAMPLE if s.date <= D("2026-11-12")]
    r = review([SAMPLE_PLAN], sessions, D("2026-11-12"))
    [nov] = month_adherence(r, D("2026-11-01"), D("2026-11-30"))
    assert (nov.kept, nov.missed, nov.open) == (3, 0, 1)
    assert nov.percent == 100


@pytest.mark.parametrize(
    ("kept", "missed", "percent"),
    [(0, 0, None), (0, 1, 0), (1, 0, 100), (2, 1, 67), (5, 1, 83), (7, 1, 88), (1, 7, 13)],
)
def test_a_months_percent_is_rounded_half_up(kept, missed, percent):
    assert MonthAdherence(D("2026-11-01"), kept, missed).percent == percent


def test_monthly_upkeep_on_a_clamped_leap_day_counts_in_february():
    # Weekly preset from Mon 2027-11-08: upkeep from U0 = 2028-01-31, then 2028-02-29.
    plan = make_plan(D("2027-11-08"), 1.0, Preset.WEEKLY)
    assert plan.upkeep_start == D("2028-01-31")
    sessions = [session("2028-02-29")]
    r = review([plan], sessions, D("2028-03-05"))
    months = {m.month: m for m in month_adherence(r, D("2028-01-01"), D("2028-03-05"))}
    assert (months[D("2028-02-01")].kept, months[D("2028-02-01")].missed) == (1, 0)
    # January: the last four weekly dates and U0 (whose window closed on 02-29) missed.
    assert (months[D("2028-01-01")].kept, months[D("2028-01-01")].missed) == (0, 5)


# -- streaks ------------------------------------------------------------------------------------


def test_the_samples_best_streaks_and_the_current_one():
    r = sample_review()
    assert streaks(r) == [
        Streak(D("2026-10-04"), D("2026-11-08"), 7),
        Streak(D("2026-11-15"), D("2026-11-22"), 3),
    ]
    assert best_streaks(r)[0] == Streak(D("2026-10-04"), D("2026-11-08"), 7)
    assert best_streaks(r, limit=1) == [Streak(D("2026-10-04"), D("2026-11-08"), 7)]
    now = current_streak(r)
    assert now == Streak(D("2026-11-15"), D("2026-11-22"), 3)
    assert now.length == r.streak  # the weekly review's number


def sessions_on(*days: str) -> list[SessionRecord]:
    return [session(d) for d in days]


@pytest.mark.parametrize(
    ("today", "done", "expected", "current"),
    [
        # Nothing done: no streak at all.
        ("2026-12-31", [], [], None),
        # Before the plan starts.
        ("2026-12-01", [], [], None),
        # Due today, not done yet: still open, neither ends nor adds to the run.
        ("2026-12-13", ["2026-12-06"], [("2026-12-06", "2026-12-06", 1)], 0),
        # Two runs as long: the latest first. 12-13 missed; 12-27 (due yesterday) may
        # still be done late, so the run of 12-20 goes on.
        (
            "2026-12-28",
            ["2026-12-06", "2026-12-20"],
            [("2026-12-20", "2026-12-20", 1), ("2026-12-06", "2026-12-06", 1)],
            0,
        ),
        # A missed date (12-20) ends a run; the longer run after it is the current one.
        (
            "2027-01-07",
            ["2026-12-06", "2026-12-13", "2026-12-27", "2027-01-03", "2027-01-06"],
            [("2026-12-27", "2027-01-06", 3), ("2026-12-06", "2026-12-13", 2)],
            0,
        ),
        # Missed last (12-27, 01-03, 01-06): no current run.
        (
            "2027-01-11",
            ["2026-12-06", "2026-12-13", "2026-12-20"],
            [("2026-12-06", "2026-12-20", 3)],
            None,
        ),
    ],
)
def test_streaks_of_the_worked_example(today, done, expected, current):
    """``current``: which of the best runs is still going on (None: none is)."""
    r = review([WORKED_PLAN], sessions_on(*done), D(today))
    best = best_streaks(r)
    assert [(s.first.isoformat(), s.last.isoformat(), s.length) for s in best] == expected
    now = current_streak(r)
    assert now == (None if current is None else best[current])
    assert r.streak == (now.length if now else 0)


def test_best_streaks_list_at_most_three_longest_first():
    # Kept, missed, kept x2, missed, kept x3, missed, kept x4, missed...
    plan: Plan = make_plan(D("2026-12-06"), 1.0, Preset.WEEKLY)  # Sundays for 12 weeks
    sundays = [D("2026-12-06") + dt.timedelta(weeks=w) for w in range(12)]
    keep = [0, 2, 3, 5, 6, 7, 9, 10, 11]  # runs of 1, 2, 3, 3
    r = review([plan], [session(sundays[w].isoformat()) for w in keep], D("2027-02-27"))
    assert [s.length for s in streaks(r)] == [1, 2, 3, 3]
    best = best_streaks(r)
    assert [s.length for s in best] == [3, 3, 2]
    assert best[0].first == sundays[9]  # of two as long, the latest first
    assert current_streak(r) == best[0]


def test_an_aborted_session_keeps_nothing():
    sessions = [session("2026-12-06"), session("2026-12-13", completed=False)]
    r = review([WORKED_PLAN], sessions, D("2026-12-21"))
    assert [s.length for s in streaks(r)] == [1]
    assert current_streak(r) is None  # 12-13 missed (the aborted one did not count)
