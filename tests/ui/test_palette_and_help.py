"""The command palette's own commands, the export dialog, and the help screen."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown

from scalp_tui.domain.settings import Settings
from scalp_tui.domain.validation import InvalidValue
from scalp_tui.factory import open_repository
from scalp_tui.sample import SAMPLE_NOW
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.export import ExportDialog
from scalp_tui.ui.screens.help import HelpScreen
from scalp_tui.ui.screens.history import HistoryScreen
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.messages import InlineError
from tests.pilots import SIZE, go, opened, palette_offers, review_text
from tests.waiting import wait_for


async def test_backup_from_the_command_palette(open_app, seeded_repo, tmp_path):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Back up")
        await wait_for(pilot, lambda: palette_offers(app, "Back up (JSON)"), "the palette's match")
        await go(pilot, "enter", ExportDialog)
        path = app.screen.query_one("#export-path", Input)
        path.value = str(tmp_path)  # a folder: refused inline
        await pilot.press("enter")
        await pilot.pause()
        assert "is a folder" in str(app.screen.query_one("#export-error", InlineError).render())
        path.value = str(tmp_path / "mine.json")
        await go(pilot, "enter", CalendarScreen)
    backup = json.loads((tmp_path / "mine.json").read_text())
    assert backup["format"] == "scalp-tui-backup" and len(backup["sessions"]) == 11


async def test_palette_lists_the_apps_commands(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Start or resume session",
            "Go to today",
            "Calendar",
            "Checklist",
            "History",
            "Settings",
            "Export calendar (ICS)",
            "Export sessions (CSV)",
            "Back up (JSON)",
            "Replaced the roller today",
            "Help",
        ):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"History")
        await wait_for(pilot, lambda: palette_offers(app, "History"), "the palette's match")
        await go(pilot, "enter", HistoryScreen)


async def test_help_shows_keys_this_users_dates_and_safety(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "f1", HelpScreen)
        source = app.screen.query_one(Markdown).source
        # Dates as every screen writes them (they were "Sunday 04 October 2026", "01 Nov").
        assert "Plan from **Sunday 4 October 2026**" in source
        twice = "Sun 1 Nov, Wed 4 Nov, Sun 8 Nov, Wed 11 Nov, Sun 15 Nov, Wed 18 Nov, Sun 22 Nov"
        assert twice + ", Wed 25 Nov." in source
        assert "upkeep from Sun 29 Nov, on day 29" in source
        assert "`space` | pause / resume" in source
        assert "consult a" in source and "dermatologist" in source
        await pilot.press("escape")
        await go(pilot, "question_mark", HelpScreen)


async def run_command(app: ScalpApp, pilot: Pilot[None], title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*title)
    await wait_for(pilot, lambda: palette_offers(app, title), "the palette's match")
    await pilot.press("enter")
    await pilot.pause()


async def test_replaced_the_roller_from_the_palette_asks_and_the_review_says_so_at_once(
    open_app, seeded_repo
):
    """It asked nothing, and the review kept saying "replace it" until another screen."""
    seeded_repo.update_settings(lambda now: replace(now, roller_replace_after=9))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert "Roller 9 of 9 uses: replace it" in review_text(app)
        await run_command(app, pilot, "Replaced the roller today")
        assert isinstance(app.screen, Choice)  # as the checklist's r: asked first
        await pilot.press("n")
        await pilot.pause()
        assert seeded_repo.settings().roller_started == dt.datetime(2026, 10, 10, 8, tzinfo=dt.UTC)
        await run_command(app, pilot, "Replaced the roller today")
        await go(pilot, "y", CalendarScreen)
        assert "Roller 0 of 9 uses" in review_text(app)
        assert "replace it" not in review_text(app)
    assert seeded_repo.settings().roller_started == SAMPLE_NOW


async def test_a_theme_chosen_in_the_palette_is_there_at_the_next_launch(seeded_repo, db_path):
    """It was forgotten at exit."""
    async with opened(seeded_repo, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert app.theme == "textual-dark"
        await run_command(app, pilot, "Theme")  # Textual's "Change theme": a list of themes
        await pilot.press(*"nord")
        await wait_for(pilot, lambda: palette_offers(app, "nord"), "the palette to offer nord")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "nord", "the theme to change")
        await wait_for(pilot, lambda: seeded_repo.settings().theme == "nord", "the theme saved")
    async with opened(open_repository(db_path), size=SIZE) as (app, pilot):
        await pilot.pause()
        assert app.theme == "nord"


async def test_a_saved_theme_this_textual_does_not_have_is_left_out(seeded_repo):
    seeded_repo.update_settings(lambda now: replace(now, theme="gone-since"))
    async with opened(seeded_repo, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert app.theme == "textual-dark"
    assert seeded_repo.settings().theme == "gone-since"  # nothing written at start


def test_a_theme_name_is_checked_where_it_is_made():
    with pytest.raises(InvalidValue, match="theme"):
        Settings(theme="[bold]x\n")
    assert Settings(theme="catppuccin-latte").theme == "catppuccin-latte"
