"""The key bar: the right keys on every screen, rebuilt only when they change; per-screen CSS."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.geometry import Region, Spacing
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.footer import KeyFooter

SIZE = (100, 32)


def footer_keys(app: App[None]) -> list[str]:
    return [key.description for key in app.screen.query_one(KeyFooter).query(FooterKey)]


@pytest.fixture
def rebuilds(monkeypatch) -> list[str]:
    """One entry per KeyFooter rebuild, naming the screen it was on."""
    seen: list[str] = []
    original = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        seen.append(type(self.screen).__name__)
        await original(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    return seen


async def test_the_calendar_shows_its_keys_from_its_first_frame(app_factory, seeded_repo, rebuilds):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        keys = footer_keys(app)
        assert keys[:2] == ["Open day", "Today"]
        assert {"Session", "Checklist", "History", "Help", "Quit"} <= set(keys)
        assert "Calendar" not in keys  # the screen already shown
        # Composed with its keys, and focus reaching the grid changed none of them.
        assert rebuilds == []
        await pilot.press("enter")  # the screen's key opens the day under the grid's cursor
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)


async def test_a_form_rebuilds_the_keys_only_when_focus_changes_them(
    app_factory, seeded_repo, rebuilds
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        built, keys, changes, moves = len(rebuilds), footer_keys(app), 0, 0
        for _ in range(9):  # start date, four selects, then five text fields
            focused = app.focused
            await pilot.press("tab")
            await pilot.pause()
            moves += app.focused is not focused
            now = footer_keys(app)
            changes += now != keys
            keys = now
        # A focused text field hides the one-letter keys; between two fields of a kind
        # nothing changes, and nothing is rebuilt.
        assert moves == 9
        assert changes == 2
        assert len(rebuilds) - built == changes


async def test_the_session_keys_follow_its_steps(app_factory, seeded_repo, rebuilds):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert {"Yes, all fine", "No: stop"} <= set(footer_keys(app))
        await pilot.press("y")
        await pilot.pause()
        keys = footer_keys(app)
        assert "Next" in keys and "Abort" in keys
        assert "Yes, all fine" not in keys
        assert rebuilds.count("SessionScreen") >= 1  # a change of keys does rebuild


async def test_a_screens_own_css_does_not_reach_the_others(app_factory, seeded_repo):
    """The session screen's style for its note field must not restyle the day dialog's."""

    async def day_note_box(pilot) -> tuple[Spacing, Region]:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)
        note = pilot.app.screen.query_one("#note", Input)
        box = (note.styles.margin, note.region)
        await pilot.press("escape")
        await pilot.pause()
        return box

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = await day_note_box(pilot)
        await pilot.press("s")  # loads the session screen's CSS
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert await day_note_box(pilot) == before
        assert before[0].top == 1  # a blank line between the heading and the field
