"""Leaving the settings form with escape asks first when something was changed (issue 21,
case 20): save, discard, or keep editing."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.pilots import SIZE, go


def serum_field(app: ScalpApp) -> Input:
    return app.screen.query_one("#serum_name", Input)


async def open_settings_and_rename_the_serum(app: ScalpApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    app.open_settings()
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    serum_field(app).value = "aloe gel"
    await pilot.pause()


async def test_escape_on_an_unchanged_form_leaves_at_once(open_app, seeded_repo, db_path: Path):
    before = db_path.read_bytes()
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        await go(pilot, "escape", CalendarScreen)
    assert db_path.read_bytes() == before


async def test_escape_after_a_change_asks_and_keep_editing_keeps_the_edit(
    open_app, seeded_repo, db_path: Path
):
    """Escape dropped the edits without a word."""
    before = db_path.read_bytes()
    async with open_app(size=SIZE) as (app, pilot):
        await open_settings_and_rename_the_serum(app, pilot)
        await go(pilot, "escape", Choice)
        assert app.screen.answers == [("s", "Save"), ("d", "Discard"), ("k", "Keep editing")]
        await pilot.press("escape")  # escape again: keep editing
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert serum_field(app).value == "aloe gel"
        await pilot.press("escape", "k")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert db_path.read_bytes() == before


async def test_escape_after_a_change_then_discard_writes_nothing(
    open_app, seeded_repo, db_path: Path
):
    before = db_path.read_bytes()
    async with open_app(size=SIZE) as (app, pilot):
        await open_settings_and_rename_the_serum(app, pilot)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert db_path.read_bytes() == before


async def test_escape_after_a_change_then_save_saves(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await open_settings_and_rename_the_serum(app, pilot)
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert seeded_repo.settings().serum_name == "aloe gel"


async def test_save_from_the_question_with_a_bad_field_stays_on_the_form(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await open_settings_and_rename_the_serum(app, pilot)
        app.screen.query_one("#seconds_per_pass", Input).value = "9999"
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # the field says what is wrong
        assert app.screen.query_one("#error-seconds_per_pass").has_class("-shown")
    assert seeded_repo.settings().serum_name != "aloe gel"
