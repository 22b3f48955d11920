"""Start-up: the first screen, the calendar mode it belongs to, and the garbage collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.history import HistoryScreen
from scalp_tui.ui.screens.welcome import WelcomeScreen
from tests.pilots import SIZE, go


@pytest.fixture
def collector_off() -> Iterator[None]:
    """As the CLI starts the app: the collector off until the first frame."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_the_collector_is_back_on_once_the_first_frame_is_painted(
    open_app, seeded_repo, collector_off
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert gc.isenabled()


async def test_c_returns_to_the_first_calendar_not_a_second_one(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        first = app.screen
        assert isinstance(first, CalendarScreen) and app.current_mode == "calendar"
        await go(pilot, "h", HistoryScreen)
        await pilot.press("c")
        await pilot.pause()
        shown: object = app.screen
        assert shown is first
        assert app.current_mode == "calendar"


async def test_a_first_run_starts_on_the_welcome_screen_in_the_calendar_mode(open_app):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.current_mode == "calendar"
        assert len(app.screen_stack) == 1
