"""The settings form saves what the user changed and nothing more (issue 21 cases 1, 2, 10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from textual.widgets import Input

from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.validation import NAME_MAX
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.screens.welcome import WelcomeScreen
from tests.pilots import SIZE, go, opened

SET_UP_ON = dt.datetime(2026, 12, 9, 19, 0, tzinfo=dt.UTC)  # a Wednesday
FUTURE = make_plan(dt.date(2026, 12, 30), 0.5, Preset.RAMP, (2, 6))  # Wed, Sun


def fresh(repo: Repository) -> Repository:
    return open_repository(repo.path)


def future_plan(repo: Repository) -> Repository:
    repo.save_settings(replace(Settings(), disclaimer_seen=True, zones=("left, side", "crown")))
    repo.save_plan(FUTURE)
    return repo


async def test_saving_settings_of_a_plan_not_started_keeps_that_plan(repo):
    """Seen: a plan from 2026-12-30 set up on 2026-12-09, ctrl+p Settings, serum renamed,
    ctrl+s: plans 2026-12-09 and 2026-12-30; the form showed Wed/Sat, Wed/Sun were saved;
    the zone "left, side" came back as two zones."""
    future_plan(repo)
    async with opened(repo, at=SET_UP_ON, size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#start", Input).value == "2026-12-30"
        form = app.screen.read_form()
        assert form.weekdays == (2, 6)
        app.screen.query_one("#serum_name", Input).value = "aloe gel"
        await go(pilot, "ctrl+s", CalendarScreen)
    on_disk = fresh(repo)
    assert on_disk.plans() == [FUTURE]
    assert on_disk.settings().serum_name == "aloe gel"
    assert on_disk.settings().zones == ("left, side", "crown")


async def test_moving_a_plan_not_started_moves_it(repo):
    future_plan(repo)
    async with opened(repo, at=SET_UP_ON, size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        app.screen.query_one("#start", Input).value = "2026-12-27"
        await go(pilot, "ctrl+s", CalendarScreen)
    assert [p.start for p in fresh(repo).plans()] == [dt.date(2026, 12, 27)]


@pytest.mark.parametrize("field", ["zones", "serum_name"])
async def test_an_overlong_name_in_settings_is_said_inline_and_nothing_is_written(repo, field):
    """Case 10: a zone or serum name over 100 characters: InvalidValue traceback, exit 1."""
    future_plan(repo)
    before = repo.path.read_bytes()
    async with opened(repo, at=SET_UP_ON, size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        app.screen.query_one(f"#{field}", Input).value = "y" * (NAME_MAX + 5)
        await go(pilot, "ctrl+s", SetupScreen)
        error = str(app.screen.query_one(f"#error-{field}").render())
        assert f"at most {NAME_MAX} characters" in error
    assert repo.path.read_bytes() == before


async def test_an_overlong_zone_at_first_run_is_said_inline(repo):
    async with opened(repo, at=SET_UP_ON, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await go(pilot, "enter", SetupScreen)
        app.screen.query_one("#zones", Input).value = "top, " + "z" * (NAME_MAX + 1)
        await go(pilot, "ctrl+s", SetupScreen)
        assert "at most" in str(app.screen.query_one("#error-zones").render())
    assert fresh(repo).plans() == []
