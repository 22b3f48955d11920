"""The fixes of scalp_tui.ui.textual_fixes, each shown failing without it on Textual 8.2.8."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.console import RenderableType
from textual.app import App
from textual.css import stylesheet
from textual.dom import DOMNode
from textual.screen import Screen

from scalp_tui.ui.screens.calendar import CalendarScreen

SIZE = (100, 32)


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The file or class name of every stylesheet source parsed from its text."""
    seen: list[str] = []
    original = stylesheet.parse  # type: ignore[attr-defined]

    def counted(scope: str, css: str, read_from: tuple[str, str], *args: Any, **kwargs: Any) -> Any:
        path, name = read_from
        seen.append(name or Path(path).name)
        return original(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counted)
    return seen


async def test_the_app_stylesheet_is_parsed_once(app_factory, seeded_repo, parses):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in "slhc":  # every top-level screen, each adding a stylesheet of its own
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert parses.count("app.tcss") == 1
    assert parses.count("session.tcss") == 1
    assert parses.count("App.DEFAULT_CSS") == 1


async def test_a_new_theme_still_restyles_every_screen(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dark = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.styles.background
        assert light != dark
        await pilot.press("s")  # a screen first built under the new theme
        await pilot.pause()
        assert app.screen.styles.background == light
        app.theme = "textual-dark"
        await pilot.pause()
        assert app.screen.styles.background == dark


async def test_the_first_frame_is_painted_when_the_app_is_ready(
    app_factory, seeded_repo, monkeypatch
):
    """Not one refresh tick later, after the frame Textual drops in its start-up batch."""
    events: list[str] = []
    display, tick = App._display, Screen._on_timer_update

    def spy_display(
        self: App[None], screen: Screen[object], renderable: RenderableType | None
    ) -> None:
        if renderable is not None:
            kind = type(renderable).__name__
            events.append(f"{kind} batched" if self._batch_count else kind)
        display(self, screen, renderable)

    def spy_tick(self: Screen[object]) -> None:
        events.append("tick")
        tick(self)

    monkeypatch.setattr(App, "_display", spy_display)
    monkeypatch.setattr(Screen, "_on_timer_update", spy_tick)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert "LayoutUpdate batched" in events  # the frame Textual drops
    first_full = events.index("LayoutUpdate")  # a whole screen, sent to the terminal
    assert "tick" not in events[:first_full]


async def test_a_screen_is_not_restyled_whole_when_first_shown(
    app_factory, seeded_repo, monkeypatch
):
    """Mounting styled every widget; Textual restyled them all again on the first ScreenResume
    (scalp_tui.ui.base.ScalpScreen). Later showings restyle as Textual does."""
    restyled: list[str] = []
    original = App.update_styles

    def spy(self: App[None], node: DOMNode, **kwargs: Any) -> None:
        restyled.append(type(node).__name__)
        original(self, node, **kwargs)

    monkeypatch.setattr(App, "update_styles", spy)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "CalendarScreen" not in restyled
        await pilot.press("h")  # another screen, then back: the calendar is restyled on return
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "CalendarScreen" in restyled
