"""The settings form's photo check-in interval: shown as stored, saved as chosen, refused with
a message a person can act on (issue 23)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import (
    DEFAULT_PHOTO_EVERY_WEEKS,
    MAX_PHOTO_EVERY_WEEKS,
    MIN_PHOTO_EVERY_WEEKS,
    Settings,
)
from scalp_tui.domain.setup import form_from, parse_setup

TODAY = dt.date(2026, 12, 9)
PLAN = make_plan(dt.date(2026, 11, 1), 0.5, Preset.RAMP, (6, 2))
WEEKS = [0, *range(MIN_PHOTO_EVERY_WEEKS, MAX_PHOTO_EVERY_WEEKS + 1)]


def test_the_form_shows_the_default_for_a_new_user():
    form = form_from(None, Settings(), TODAY)
    assert form.photo_every_weeks == str(DEFAULT_PHOTO_EVERY_WEEKS) == "4"


@pytest.mark.parametrize("weeks", WEEKS)
def test_the_stored_interval_comes_back_unchanged(weeks):
    settings = Settings(photo_every_weeks=weeks)
    form = form_from(PLAN, settings, TODAY)
    assert form.photo_every_weeks == str(weeks)
    result = parse_setup(form, settings, TODAY, [PLAN])
    assert result.ok and result.settings is not None
    assert result.settings.photo_every_weeks == weeks


@pytest.mark.parametrize(("chosen", "saved"), [("6", 6), ("0", 0), (" 2 ", 2), ("8", 8)])
def test_the_chosen_interval_is_applied_to_the_settings(chosen, saved):
    form = replace(form_from(PLAN, Settings(), TODAY), photo_every_weeks=chosen)
    result = parse_setup(form, Settings(), TODAY, [PLAN])
    assert result.ok and result.settings is not None
    assert result.settings.photo_every_weeks == saved
    assert result.settings.zones == Settings().zones  # nothing else moved


@pytest.mark.parametrize("typed", ["1", "9", "-2", "", "four", "4.5", "100"])
def test_an_interval_out_of_range_is_refused_with_what_to_choose(typed):
    form = replace(form_from(PLAN, Settings(), TODAY), photo_every_weeks=typed)
    result = parse_setup(form, Settings(), TODAY, [PLAN])
    assert not result.ok and result.settings is None and result.plan is None
    assert result.errors == {"photo_every_weeks": "photo check-ins: every 2 to 8 weeks, or off"}
