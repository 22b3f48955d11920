"""The regimen of PRODUCT.md section 2: table-driven, with the worked example and edge dates."""

from __future__ import annotations

import datetime as dt
from itertools import islice, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scalp_tui.domain.regimen import (
    Phase,
    Plan,
    Preset,
    default_preset,
    default_weekdays,
    iter_planned,
    make_plan,
    needle_warning,
    parse_weekdays,
    phase_on,
    planned_sessions,
)

D = dt.date.fromisoformat
SUN, WED = 6, 2


def dates(plan: Plan, n: int) -> list[str]:
    return [p.date.isoformat() for p in islice(iter_planned(plan), n)]


def test_worked_example_of_the_product_spec():
    plan = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (SUN, WED))
    assert dates(plan, 18) == [
        # weekly
        "2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27",
        # twice weekly
        "2027-01-03", "2027-01-06", "2027-01-10", "2027-01-13",
        "2027-01-17", "2027-01-20", "2027-01-24", "2027-01-27",
        # upkeep
        "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
    ]  # fmt: skip
    phases = [p.phase for p in islice(iter_planned(plan), 13)]
    assert phases == [Phase.WEEKLY] * 4 + [Phase.TWICE_WEEKLY] * 8 + [Phase.UPKEEP]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-11-23", (0, 3)),  # Monday -> Mon, Thu
        ("2026-11-24", (1, 4)),  # Tuesday -> Tue, Fri
        ("2026-11-25", (2, 5)),
        ("2026-11-26", (3, 6)),
        ("2026-11-27", (4, 0)),  # Friday -> Fri, Mon
        ("2026-11-28", (5, 1)),
        ("2026-11-29", (6, 2)),  # Sunday -> Sun, Wed
    ],
)
def test_default_weekdays_for_every_start_weekday(start, expected):
    assert default_weekdays(D(start)) == expected


@pytest.mark.parametrize("offset", range(7))
def test_ramp_for_every_start_weekday_has_two_dates_per_twice_weekly_window(offset):
    start = D("2026-11-23") + dt.timedelta(days=offset)
    plan = make_plan(start, 0.5)
    twice = [p.date for p in islice(iter_planned(plan), 12) if p.phase is Phase.TWICE_WEEKLY]
    assert len(twice) == 8
    for k in range(4):
        window = start + dt.timedelta(days=28 + 7 * k)
        inside = [d for d in twice if window <= d < window + dt.timedelta(days=7)]
        assert len(inside) == 2
        assert {d.weekday() for d in inside} == set(plan.weekdays)
    assert twice[0] == start + dt.timedelta(days=28)  # the start's own weekday comes first


def test_custom_weekdays_in_the_twice_weekly_weeks():
    plan = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, parse_weekdays("tue,fri"))
    twice = [p.date.isoformat() for p in islice(iter_planned(plan), 12)][4:]
    assert twice == [
        "2027-01-05", "2027-01-08", "2027-01-12", "2027-01-15",
        "2027-01-19", "2027-01-22", "2027-01-26", "2027-01-29",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("u0", "expected"),
    [
        ("2027-01-29", ["2027-01-29", "2027-02-28", "2027-03-29", "2027-04-29"]),
        ("2027-01-30", ["2027-01-30", "2027-02-28", "2027-03-30", "2027-04-30"]),
        ("2027-01-31", ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]),
        ("2028-01-31", ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]),  # leap year
        ("2028-02-29", ["2028-02-29", "2028-03-29", "2028-04-29", "2028-05-29"]),  # leap day
        ("2027-12-31", ["2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"]),
    ],
)
def test_upkeep_is_computed_from_u0_and_clamped_never_chained(u0, expected):
    start = D(u0) - dt.timedelta(days=56)
    plan = make_plan(start, 0.5, Preset.RAMP)
    upkeep = [p.date.isoformat() for p in islice(iter_planned(plan), 16) if p.phase is Phase.UPKEEP]
    assert upkeep == expected


def test_weekly_preset_is_twelve_weeks_then_upkeep_from_s_plus_84():
    plan = make_plan(D("2026-12-06"), 1.0)
    assert plan.preset is Preset.WEEKLY
    got = list(islice(iter_planned(plan), 14))
    assert [p.date for p in got[:12]] == [
        D("2026-12-06") + dt.timedelta(weeks=k) for k in range(12)
    ]
    assert all(p.phase is Phase.WEEKLY for p in got[:12])
    assert [p.date.isoformat() for p in got[12:]] == ["2027-02-28", "2027-03-28"]
    assert got[12].phase is Phase.UPKEEP


@pytest.mark.parametrize(
    ("needle", "preset"),
    [(0.25, Preset.RAMP), (0.5, Preset.RAMP), (0.75, Preset.RAMP), (1.0, Preset.WEEKLY),
     (1.5, Preset.WEEKLY)],
)  # fmt: skip
def test_default_preset_by_needle_length(needle, preset):
    assert default_preset(needle) is preset


def test_long_needles_on_the_ramp_warn_without_blocking():
    plan = make_plan(D("2026-12-06"), 1.5, Preset.RAMP)
    warning = needle_warning(plan)
    assert warning is not None and "at least a week apart" in warning
    assert needle_warning(make_plan(D("2026-12-06"), 0.5, Preset.RAMP)) is None
    assert needle_warning(make_plan(D("2026-12-06"), 1.5, Preset.WEEKLY)) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"needle_mm": 2.0}, "needle length"),
        ({"weekdays": (2, 2)}, "two different weekdays"),
        ({"weekdays": (0, 7)}, "two different weekdays"),
    ],
)
def test_a_plan_refuses_impossible_values(kwargs, message):
    args = {"start": D("2026-12-06"), "preset": Preset.RAMP, "needle_mm": 0.5, "weekdays": (6, 2)}
    with pytest.raises(ValueError, match=message):
        Plan(**(args | kwargs))


@pytest.mark.parametrize(
    ("text", "expected"), [("sun,wed", (6, 2)), ("Mon, Thu", (0, 3)), ("friday,monday", (4, 0))]
)
def test_parse_weekdays(text, expected):
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize("text", ["sun", "sun,sun", "sun,wed,fri", "sun,xyz", ""])
def test_parse_weekdays_refuses(text):
    with pytest.raises(ValueError):
        parse_weekdays(text)


def test_a_new_plan_applies_from_its_start_and_earlier_dates_keep_theirs():
    first = make_plan(D("2026-01-04"), 0.5)  # a Sunday
    restart = make_plan(D("2026-01-21"), 0.5, Preset.RAMP, (0, 3))  # after a break, a Wednesday
    got = planned_sessions([restart, first], until=D("2026-02-20"))
    assert [p.date.isoformat() for p in got] == [
        "2026-01-04", "2026-01-11", "2026-01-18",  # the first plan, up to the restart
        "2026-01-21", "2026-01-28", "2026-02-04", "2026-02-11",  # the restart's weekly month
        "2026-02-19",  # then Mon/Thu in the window from 02-18 (a Wednesday, not in W)
    ]  # fmt: skip
    assert phase_on([first, restart], D("2026-01-20")) is Phase.WEEKLY
    assert phase_on([first, restart], D("2026-02-17")) is Phase.WEEKLY
    assert phase_on([first, restart], D("2026-02-18")) is Phase.TWICE_WEEKLY
    assert phase_on([first, restart], D("2026-01-03")) is None


starts = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
needles = st.sampled_from([0.25, 0.5, 0.75, 1.0, 1.5])
weekday_pairs = st.tuples(st.integers(0, 6), st.integers(0, 6)).filter(lambda w: w[0] != w[1])


@given(starts, needles, st.sampled_from(list(Preset)), weekday_pairs)
def test_planned_dates_are_sorted_distinct_and_one_per_month_in_upkeep(start, needle, preset, w):
    plan = Plan(start, preset, needle, w)
    got = list(islice(iter_planned(plan), 40))
    days = [p.date for p in got]
    assert days == sorted(days)
    assert len(set(days)) == len(days)
    assert days[0] == start
    upkeep = [p.date for p in got if p.phase is Phase.UPKEEP]
    months = [(d.year, d.month) for d in upkeep]
    assert len(set(months)) == len(months)
    assert all((b[0] * 12 + b[1]) - (a[0] * 12 + a[1]) == 1 for a, b in pairwise(months))
    assert upkeep[0] == plan.upkeep_start
    # every upkeep date keeps U0's day of month where the month has it, else the month's end
    for d in upkeep:
        assert d.day == min(plan.upkeep_start.day, _month_length(d))
    for p in got:
        assert plan.phase_on(p.date) is p.phase


@given(starts, weekday_pairs)
def test_exactly_two_dates_in_every_twice_weekly_window(start, w):
    plan = Plan(start, Preset.RAMP, 0.5, w)
    twice = [p.date for p in islice(iter_planned(plan), 12) if p.phase is Phase.TWICE_WEEKLY]
    for k in range(4):
        window = start + dt.timedelta(days=28 + 7 * k)
        assert sum(1 for d in twice if window <= d < window + dt.timedelta(days=7)) == 2


def _month_length(d: dt.date) -> int:
    nxt = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return (nxt - dt.timedelta(days=1)).day
