"""The settings form sets the photo check-in interval, and the database holds it (issue 23)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Select

from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.setup import SetupScreen, photo_choices
from tests.fixed import seed_plan_and_history
from tests.pilots import go, opened
from tests.waiting import wait_for


async def choose(pilot: Pilot[None], label: str) -> None:
    """Open the photo check-ins' list with the keyboard and pick ``label`` in it."""
    screen = pilot.app.screen
    select = screen.query_one("#photo_every_weeks", Select)
    select.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded, "the list of intervals open")
    index = [name for name, _ in photo_choices()].index(label)
    await pilot.press("home", *["down"] * index, "enter")
    await wait_for(pilot, lambda: not select.expanded, "the list closed")


async def save_choosing(repo: Repository, label: str) -> int:
    """Open Settings, choose ``label``, save with ctrl+s; the interval the file then holds."""
    async with opened(repo) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await choose(pilot, label)
        await go(pilot, "ctrl+s", CalendarScreen)
    return open_repository(repo.path).settings().photo_every_weeks


async def test_photo_check_ins_are_set_in_settings(repo):
    seed_plan_and_history(repo)
    assert repo.settings().photo_every_weeks == 4
    assert await save_choosing(repo, "every 6 weeks") == 6
    assert await save_choosing(repo, "off") == 0


async def test_the_form_shows_the_stored_interval(repo):
    seed_plan_and_history(repo)
    assert await save_choosing(repo, "every 2 weeks") == 2
    async with opened(repo) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        shown = app.screen.query_one("#photo_every_weeks", Select)
        assert shown.value == "2"
        assert "every 2 weeks" in str(shown.query_one("SelectCurrent Static").render())
