"""The day dialog asks before a second session on a day, as the timer does and the CLI warns
(issue 22: the same-day rule once, at every door)."""

from __future__ import annotations

import datetime as dt

from scalp_tui.factory import open_repository
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.pilots import SIZE

WED_18_NOV = dt.date(2026, 11, 18)  # the sample has a session on it


async def test_logging_on_a_day_with_a_session_asks_first(open_app, seeded_repo):
    before = len(seeded_repo.sessions())
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("left", "left", "left", "left", "left", "enter")  # Wed 18 Nov
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == WED_18_NOV
        await pilot.click("#log")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "There was already a session on Wed 18 Nov" in str(
            app.screen.query_one("#choice-message").render()
        )
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)  # nothing logged, the dialog still open
        assert len(open_repository(seeded_repo.path).sessions()) == before
        await pilot.click("#log")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert len(open_repository(seeded_repo.path).sessions()) == before + 1
