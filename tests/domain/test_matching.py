"""Matching sessions to the plan: done, early, late, missed, extra; adherence and streak."""

from __future__ import annotations

import datetime as dt

import pytest

from scalp_tui.domain.matching import Outcome, match_sessions, review
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus, logged_session
from scalp_tui.domain.regimen import Phase, PlannedSession, Preset, make_plan

D = dt.date.fromisoformat
# The worked example: 12-06, 12-13, 12-20, 12-27, then Sun/Wed from 2027-01-03.
PLAN = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))


def s(day: str, sid: str | None = None, status=SessionStatus.COMPLETED) -> SessionRecord:
    rec = logged_session(sid or day, D(day), needle_mm=0.5, zones=("top",), directions=("a",))
    if status is not SessionStatus.COMPLETED:
        return SessionRecord(**{**rec.__dict__, "status": status, "source": SessionSource.TIMER})
    return rec


def outcome_map(today: str, *sessions: SessionRecord) -> dict[str, tuple[Outcome, str | None]]:
    r = review([PLAN], sessions, D(today))
    return {o.date.isoformat(): (o.outcome, o.session_id) for o in r.outcomes if o.date <= D(today)}


def test_on_the_day_is_done():
    got = outcome_map("2026-12-06", s("2026-12-06"))
    assert got["2026-12-06"] == (Outcome.DONE, "2026-12-06")


def test_in_the_two_days_before_is_done_early():
    got = outcome_map("2026-12-13", s("2026-12-06"), s("2026-12-11"))
    assert got["2026-12-13"] == (Outcome.EARLY, "2026-12-11")
    # with 12-06 still open, 12-11 is late for it instead: the earliest open date comes first
    assert outcome_map("2026-12-13", s("2026-12-11"))["2026-12-06"] == (Outcome.LATE, "2026-12-11")
    # three days before is too early; with 12-06 kept, the 12-10 session is extra
    r = review([PLAN], [s("2026-12-06"), s("2026-12-10")], D("2026-12-13"))
    assert r.by_date()[D("2026-12-13")].outcome is Outcome.OPEN
    assert [e.id for e in r.extras] == ["2026-12-10"]


def test_after_it_but_before_the_next_planned_date_is_done_late():
    got = outcome_map("2026-12-20", s("2026-12-12"))
    assert got["2026-12-06"] == (Outcome.LATE, "2026-12-12")
    # the 12-13 session is the next planned date itself: no longer 12-06's window
    got = outcome_map("2026-12-20", s("2026-12-13"))
    assert got["2026-12-06"][0] is Outcome.MISSED
    assert got["2026-12-13"] == (Outcome.DONE, "2026-12-13")


def test_a_window_that_has_passed_unmatched_is_missed_and_one_still_open_is_not():
    assert (
        outcome_map(
            "2026-12-12",
        )["2026-12-06"][0]
        is Outcome.OPEN
    )  # late is still possible
    assert (
        outcome_map(
            "2026-12-13",
        )["2026-12-06"][0]
        is Outcome.MISSED
    )


def test_a_session_that_could_match_two_planned_dates_takes_the_earliest_open_one():
    # 2027-01-05 (Tue) is late for Sun 01-03 and early for Wed 01-06.
    got = outcome_map("2027-01-10", s("2027-01-05"))
    assert got["2027-01-03"] == (Outcome.LATE, "2027-01-05")
    assert got["2027-01-06"][0] is Outcome.MISSED
    # with the Sunday already kept, the same session counts early for the Wednesday
    got = outcome_map("2027-01-07", s("2027-01-03"), s("2027-01-05"))
    assert got["2027-01-03"] == (Outcome.DONE, "2027-01-03")
    assert got["2027-01-06"] == (Outcome.EARLY, "2027-01-05")


def test_each_session_counts_once_and_the_rest_are_extra():
    r = review([PLAN], [s("2026-12-06", "a"), s("2026-12-06", "b"), s("2026-12-08", "c")],
               D("2026-12-09"))  # fmt: skip
    assert r.by_date()[D("2026-12-06")].session_id == "a"
    assert sorted(e.id for e in r.extras) == ["b", "c"]
    assert r.matched == {"a": D("2026-12-06")}


def test_aborted_sessions_keep_nothing():
    got = outcome_map("2026-12-13", s("2026-12-06", status=SessionStatus.ABORTED))
    assert got["2026-12-06"][0] is Outcome.MISSED


def test_sessions_before_the_plan_are_extra_except_in_the_early_window():
    r = review([PLAN], [s("2026-11-30", "old"), s("2026-12-05", "eve")], D("2026-12-06"))
    assert [e.id for e in r.extras] == ["old"]
    assert r.by_date()[D("2026-12-06")].outcome is Outcome.EARLY


def test_adherence_and_streak():
    sessions = [s("2026-12-06"), s("2026-12-21"), s("2026-12-27"), s("2027-01-03")]
    r = review([PLAN], sessions, D("2027-01-04"))
    # 12-06 done, 12-13 missed, 12-20 late (12-21), 12-27 done, 01-03 done
    assert [o.outcome for o in r.up_to_today()] == [
        Outcome.DONE, Outcome.MISSED, Outcome.LATE, Outcome.DONE, Outcome.DONE,
    ]  # fmt: skip
    assert r.done_count == 4 and r.missed_count == 1
    assert r.adherence == 4 / 5
    assert r.streak == 3


def test_adherence_is_none_before_anything_counts_and_open_dates_do_not_count():
    assert review([PLAN], [], D("2026-12-01")).adherence is None
    r = review([PLAN], [], D("2026-12-06"))  # due today, not missed yet
    assert r.adherence is None and r.due_today
    assert r.streak == 0


def test_status_lists_overdue_and_next_session():
    r = review([PLAN], [s("2026-12-06")], D("2026-12-24"))
    assert r.overdue() == [D("2026-12-13"), D("2026-12-20")]
    nxt = r.next_session()
    assert nxt is not None and nxt.date == D("2026-12-27")
    assert not r.due_today


def test_matching_with_explicit_planned_dates():
    planned = [PlannedSession(D("2026-01-01"), Phase.WEEKLY), PlannedSession(D("2026-01-08"),
               Phase.WEEKLY)]  # fmt: skip
    r = match_sessions(planned, [s("2026-01-07")], D("2026-01-09"))
    # 01-07 is late for 01-01 (earliest open first), so 01-08 stays open
    assert [o.outcome for o in r.outcomes] == [Outcome.LATE, Outcome.OPEN]


def test_without_a_plan_every_session_is_extra():
    r = review([], [s("2026-01-07"), s("2026-01-09")], D("2026-01-10"))
    assert r.outcomes == () and r.matched == {}
    assert [x.id for x in r.extras] == ["2026-01-07", "2026-01-09"]
    assert r.adherence is None and r.next_session() is None


# An early session counts for its planned date in adherence and the streak as soon as it is
# recorded (PRODUCT.md section 2), not from the planned day on. Worked example's dates: 12-06,
# 12-13, 12-20, 12-27, then Sun/Wed 01-03, 01-06 ...
EARLY_CASES = {
    # name: (today, session days, (done, missed), adherence, streak)
    "a first session two days before the start": ("2026-12-04", ["2026-12-04"], (1, 0), 1.0, 1),
    "a first session the day before the start": ("2026-12-05", ["2026-12-05"], (1, 0), 1.0, 1),
    "kept early after a kept date": ("2026-12-11", ["2026-12-06", "2026-12-11"], (2, 0), 1.0, 2),
    "kept early after a miss": (
        "2026-12-25",
        ["2026-12-06", "2026-12-20", "2026-12-25"],  # 12-13 missed, 12-27 kept early
        (3, 1),
        0.75,
        2,
    ),
    "kept early with today's date kept too": (
        "2027-01-04",
        ["2027-01-03", "2027-01-04"],  # 01-03 done, 01-06 early; Dec all missed
        (2, 4),
        2 / 6,
        2,
    ),
    "a date not kept yet does not count": ("2026-12-11", ["2026-12-06"], (1, 0), 1.0, 1),
    "a session three days before is extra": (
        "2026-12-10",
        ["2026-12-06", "2026-12-10"],
        (1, 0),
        1.0,
        1,
    ),
}


@pytest.mark.parametrize("name", EARLY_CASES)
def test_an_early_session_counts_in_adherence_and_the_streak_once_recorded(name):
    today, days, (done, missed), adherence, streak = EARLY_CASES[name]
    r = review([PLAN], [s(d) for d in days], D(today))
    assert (r.done_count, r.missed_count) == (done, missed)
    assert r.adherence == pytest.approx(adherence)
    assert r.streak == streak


def test_the_dates_that_count_are_those_up_to_today_and_those_kept_early():
    r = review([PLAN], [s("2026-12-06"), s("2026-12-11")], D("2026-12-11"))
    assert [(o.date.isoformat(), o.outcome) for o in r.counted()] == [
        ("2026-12-06", Outcome.DONE),
        ("2026-12-13", Outcome.EARLY),
    ]
