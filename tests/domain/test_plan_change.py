"""Saving the plan writes what the user asked and nothing more (issue 21 cases 1, 2, 8, 10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from scalp_tui.domain.regimen import (
    Plan,
    Preset,
    make_plan,
    needle_on,
    plan_change,
    plan_to_edit,
)
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.setup import form_from, parse_setup
from scalp_tui.domain.validation import NAME_MAX

D = dt.date.fromisoformat
TODAY = D("2026-12-09")  # a Wednesday
FUTURE = make_plan(D("2026-12-30"), 0.5, Preset.RAMP, (2, 6))  # Wed, Sun (not the default)
STARTED = make_plan(D("2026-11-01"), 0.5, Preset.RAMP, (6, 2))


def test_settings_show_a_plan_that_has_not_started_as_it_is():
    """Case 1: the form showed today as the start and Wed/Sat as the days."""
    form = form_from(plan_to_edit([FUTURE], TODAY), Settings(), TODAY)
    assert form.start == "2026-12-30" and form.weekdays == (2, 6)
    later = form_from(plan_to_edit([STARTED, FUTURE], TODAY), Settings(), TODAY)
    assert later.start == "2026-12-30"
    assert form_from(plan_to_edit([STARTED], TODAY), Settings(), TODAY).start == "2026-11-01"


@pytest.mark.parametrize("plans", [[FUTURE], [STARTED], [STARTED, FUTURE]])
def test_saving_the_form_unchanged_adds_no_plan(plans):
    """Case 1: ctrl+s after renaming the serum gave plans 2026-12-09 and 2026-12-30."""
    settings = Settings()
    editing = plan_to_edit(plans, TODAY)
    form = replace(form_from(editing, settings, TODAY), serum_name="aloe gel")
    result = parse_setup(form, settings, TODAY, plans)
    assert result.ok and result.plan is not None
    change = plan_change(plans, result.plan, TODAY, editing)
    assert change.save is None and change.remove is None


def test_a_plan_not_started_moves_with_its_start_date():
    form = replace(form_from(FUTURE, Settings(), TODAY), start="2026-12-27")
    result = parse_setup(form, Settings(), TODAY, [FUTURE])
    assert result.plan is not None
    change = plan_change([FUTURE], result.plan, TODAY, FUTURE)
    assert change.remove == FUTURE and change.save == result.plan


def test_a_started_plan_keeps_history_under_a_new_start():
    new = make_plan(D("2026-12-13"), 0.5, Preset.WEEKLY)
    change = plan_change([STARTED], new, TODAY, STARTED)
    assert change.remove is None and change.save == new


def test_a_needle_change_applies_from_today_on():
    """Case 8: 1.5 mm rewrote the needle of every past date of the started plan."""
    new = replace(STARTED, needle_mm=1.5)
    change = plan_change([STARTED], new, TODAY, STARTED)
    saved = change.save
    assert saved is not None and saved.start == STARTED.start
    assert needle_on([saved], D("2026-12-08")) == 0.5
    assert needle_on([saved], TODAY) == needle_on([saved], D("2027-01-10")) == 1.5
    back = plan_change([saved], replace(saved, needle_mm=0.5), D("2027-01-20"), saved)
    assert back.save is not None
    assert [needle_on([back.save], D(d)) for d in ("2026-11-02", "2027-01-01", "2027-01-21")] == [
        0.5,
        1.5,
        0.5,
    ]


def test_a_needle_change_before_the_start_is_the_plan_itself():
    assert FUTURE.with_needle(1.0, TODAY) == replace(FUTURE, needle_mm=1.0)


def test_needle_changes_are_checked_where_they_are_made():
    with pytest.raises(ValueError, match="earlier_needles"):
        Plan(STARTED.start, Preset.RAMP, 0.5, (6, 2), ((STARTED.start, 0.5),))
    with pytest.raises(ValueError, match="earlier_needles"):
        Plan(STARTED.start, Preset.RAMP, 0.5, (6, 2), ((TODAY, 0.3),))


def test_an_untouched_zone_field_keeps_the_zones_as_stored():
    """Case 2: an imported zone "left, side" became "left" and "side"; spaces were stripped."""
    settings = replace(Settings(), zones=("left, side", " crown "))
    form = form_from(STARTED, settings, TODAY)
    result = parse_setup(form, settings, TODAY, [STARTED])
    assert result.settings is not None and result.settings.zones == ("left, side", " crown ")
    typed = parse_setup(replace(form, zones="top, crown"), settings, TODAY, [STARTED])
    assert typed.settings is not None and typed.settings.zones == ("top", "crown")


@pytest.mark.parametrize("field", ["zones", "serum_name"])
def test_an_overlong_name_is_an_error_on_its_field_not_a_traceback(field):
    """Case 10: a name over 100 characters raised InvalidValue out of the form (exit 1)."""
    changes: dict[str, Any] = {field: "x" * (NAME_MAX + 1)}
    form = replace(form_from(STARTED, Settings(), TODAY), **changes)
    result = parse_setup(form, Settings(), TODAY, [STARTED])
    assert not result.ok and f"at most {NAME_MAX}" in result.errors[field]


def test_a_new_plan_cannot_start_in_the_past_over_a_started_plan():
    """A start date before today on a running plan took over months of its dates: sessions
    counted for other dates and adherence fell from 85.7% to 78.6% without a word."""
    from scalp_tui.domain.regimen import plan_change_problem

    backdated = make_plan(D("2026-11-02"), 0.5, Preset.RAMP)
    problem = plan_change_problem([STARTED], backdated, TODAY)
    assert problem is not None and "already in force on 2026-11-02" in problem
    assert plan_change_problem([STARTED], make_plan(TODAY, 0.5), TODAY) is None
    before_any = make_plan(D("2026-10-01"), 0.5, Preset.RAMP)
    assert plan_change_problem([STARTED], before_any, TODAY) is None  # no plan had those dates
    assert plan_change_problem([], backdated, TODAY) is None  # a first plan, begun before the app


def test_the_long_needle_warning_ends_with_the_twice_weekly_weeks():
    """The calendar kept saying 'keep sessions at least a week apart' all through monthly
    upkeep, when sessions are a month apart."""
    from scalp_tui.domain.regimen import needle_warning

    long = make_plan(D("2026-11-01"), 1.0, Preset.RAMP)
    assert needle_warning(long) is not None
    assert needle_warning(long, D("2026-12-26")) is not None  # the last twice-weekly week
    assert needle_warning(long, long.upkeep_start) is None


def test_the_saved_toast_after_pain_says_to_clean_the_roller_once():
    from scalp_tui.ui.screens.session import saved_toast

    _, message = saved_toast(3)
    assert message.lower().count("clean the roller") == 1
