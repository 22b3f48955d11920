"""The words of the weekly review (and, later, of ``status``): the legend's words, dates in
order, each date once, counts that agree with their noun."""

from __future__ import annotations

import datetime as dt

import pytest

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.status import compute_status
from scalp_tui.domain.wording import Said, dates_said, plural, relative_days, status_words

D = dt.date.fromisoformat
#: PRODUCT.md's worked example: ramp from Sun 2026-12-06, Sun and Wed.
PLAN = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))


def session(day: str, sid: str | None = None):
    return logged_session(
        sid or f"s-{day}", D(day), needle_mm=0.5, zones=("top",), directions=("x",)
    )


def words(today: str, sessions=(), checklists=(), plans=(PLAN,)) -> dict[str, str]:
    status = compute_status(D(today), list(plans), list(sessions), list(checklists), Settings())
    return {s.label: s.text for s in status_words(status)}


@pytest.mark.parametrize(
    ("count", "noun", "said"),
    [
        (0, "zone", "0 zones"),
        (1, "zone", "1 zone"),
        (2, "plan", "2 plans"),
        (1, "session", "1 session"),
    ],
)
def test_plural_is_singular_for_exactly_one(count, noun, said):
    assert plural(count, noun) == said


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-12-06", "today"),
        ("2026-12-07", "tomorrow"),
        ("2026-12-05", "yesterday"),
        ("2026-12-08", "in 2 days"),
        ("2026-12-03", "3 days ago"),
    ],
)
def test_relative_days(day, said):
    assert relative_days(D(day), D("2026-12-06")) == said


def test_dates_oldest_first_each_once_with_its_count():
    days = [D("2026-11-26")] * 6 + [D("2026-11-20")]
    assert " ".join(dates_said(days)) == "Fri 20 Nov, Thu 26 Nov (6 sessions)"


def test_more_dates_than_fit_say_the_latest_in_order_then_how_many_earlier():
    days = [D("2026-11-15"), D("2026-11-04"), D("2026-11-11"), D("2026-11-08"), D("2026-11-01")]
    chunks = dates_said(days)
    assert " ".join(chunks) == "Sun 8 Nov, Wed 11 Nov, Sun 15 Nov and 2 earlier"
    assert chunks[-1] == "and 2 earlier"


def test_a_window_still_open_is_overdue_and_passed_ones_are_missed():
    """Fri 8 Jan 2027, nothing done: 13, 20, 27 Dec and 3 Jan missed (6 Dec is more than 28
    days back), December's dates with their year; Wed 6 Jan still counts until the day before
    Sun 10 Jan: overdue, as the calendar's legend says (! overdue)."""
    said = words("2027-01-08")
    assert said["Missed"] == "Sun 20 Dec 2026, Sun 27 Dec 2026, Sun 3 Jan and 1 earlier"
    assert said["Overdue"] == "Wed 6 Jan, still counts until Sat 9 Jan"
    assert said["Next"] == "Sun 10 Jan, in 2 days"
    assert "Late" not in said


def test_late_until_today_on_the_last_day_of_its_window():
    assert words("2027-01-09")["Overdue"] == "Wed 6 Jan, still counts until today"


def test_due_today_takes_the_place_of_next_and_a_date_kept_early_says_so():
    assert words("2026-12-13", [session("2026-12-06")])["Due"] == "today"
    said = words("2026-12-12", [session("2026-12-06"), session("2026-12-11")])  # 13th kept early
    # next_session is the 13th (status --json says so too), done early; the 20th is to do
    assert said["Next"] == "Sun 13 Dec is done early; then Sun 20 Dec, in 8 days"
    assert "Due" not in said and "Overdue" not in said


def test_cleaning_open_says_each_date_once_with_a_count():
    sessions = [session("2026-12-13", f"a{i}") for i in range(3)] + [session("2026-12-06", "b")]
    checklists = [Checklist(s.id, s.date) for s in sessions]
    said = words("2026-12-13", sessions, checklists)
    assert said["Cleaning"] == "open for Sun 6 Dec, Sun 13 Dec (3 sessions)"


def test_before_the_plan_starts_and_without_a_plan():
    assert words("2026-12-01")["Phase"] == "starts Sun 6 Dec"
    assert words("2026-12-01", plans=())["Phase"] == "no plan yet"


def test_the_lines_come_in_a_fixed_order_and_chunks_join_with_spaces():
    said = [
        s.label
        for s in status_words(
            compute_status(
                D("2027-01-08"), [PLAN], [], [Checklist("x", D("2027-01-08"))], Settings()
            )
        )
    ]
    assert said == [
        "Phase",
        "Next",
        "Overdue",
        "This week",
        "Coming",
        "Adherence",
        "Streak",
        "Missed",
        "Cleaning",
        "Roller",
    ]
    assert Said("Next", ("Sun 10 Jan,", "in 2 days")).text == "Sun 10 Jan, in 2 days"


def test_the_command_line_can_write_dates_its_own_way():
    status = compute_status(D("2027-01-08"), [PLAN], [], [], Settings())
    said = {s.label: s.text for s in status_words(status, day_words=dt.date.isoformat)}
    assert said["Overdue"] == "2027-01-06, still counts until 2027-01-09"


def test_a_date_kept_early_says_so_among_the_coming_days_and_next_says_the_one_after():
    """A new user's pass: after a session done early for the next date, the review said
    "Next Sun 20 Dec" and "Coming Sun 13 Dec" as if the 13th were still to do."""
    said = words("2026-12-12", [session("2026-12-06"), session("2026-12-12")])
    assert said["Next"] == "Sun 13 Dec is done early; then Sun 20 Dec, in 8 days"
    assert said["Coming"] == "Sun 13 Dec (done early)"
    sundays = ["2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27"]
    said = words("2027-01-02", [session(d) for d in [*sundays, "2027-01-02"]])
    assert said["Next"] == "Sun 3 Jan is done early; then Wed 6 Jan, in 4 days"  # twice weekly
    assert said["Coming"] == "Sun 3 Jan (done early), Wed 6 Jan"


def test_the_safety_check_says_each_open_cleaning_day_once():
    """A new user's pass: "The cleaning checklist of Wed 2 Dec, Wed 2 Dec, Wed 2 Dec is NOT
    finished" after three sessions that day."""
    from scalp_tui.domain.wording import cleaning_before_a_session

    day = D("2026-12-02")
    three = [Checklist(f"s{i}", day) for i in range(3)]
    said = cleaning_before_a_session(three)
    assert said.startswith("The cleaning checklists of Wed 2 Dec (3 sessions) are NOT finished")
    one = cleaning_before_a_session([Checklist("a", D("2026-11-30"))])
    assert one.startswith("The cleaning checklist of Mon 30 Nov is NOT finished")
    assert cleaning_before_a_session([]).startswith("No cleaning recorded yet")


def test_a_date_in_seven_days_is_among_the_coming_ones():
    """A new user's pass: "Next Wed 9 Dec, in 7 days" above "Coming nothing in 7 days"."""
    said = words("2026-11-29")  # the worked example's plan starts Sun 6 Dec
    assert said["Next"] == "Sun 6 Dec, in 7 days"
    assert said["Coming"] == "Sun 6 Dec"
    assert words("2026-11-28")["Coming"] == "nothing in 7 days"  # the 6th is 8 days away


def test_a_week_with_nothing_planned_says_so_not_0_of_0():
    """In upkeep (from Sun 31 Jan 2027, monthly) most weeks plan nothing: "0 of 0 done"."""
    assert words("2027-02-10")["This week"] == "nothing planned"
    assert words("2027-01-08")["This week"] == "0 of 2 done"


def test_a_date_of_another_year_says_its_year():
    """One way to write a date everywhere: ``Sun 20 Dec``, with the year when not this one."""
    assert words("2026-11-20")["Phase"] == "starts Sun 6 Dec"  # this year
    said = words("2026-12-30")
    assert said["Next"] == "Sun 3 Jan 2027, in 4 days"
    assert said["Overdue"] == "Sun 27 Dec, still counts until Sat 2 Jan 2027"
