"""Checkboxes whose state reads without colour (issue 13): Textual's Checkbox draws ``▐X▌``
ticked or not, so with NO_COLOR every box read as ticked."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from scalp_tui.domain.settings import Settings
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.tickbox import TickBox
from tests.pilots import screen_lines


def line_with(app: App[Any], words: str) -> str:
    return next(line for line in screen_lines(app) if words in line)


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("ticked", True, id="on")
        yield TickBox("not ticked", False, id="off")
        yield TickBox("compact ticked", True, compact=True)
        yield TickBox("compact not ticked", False, compact=True)


async def test_a_tickbox_on_and_off_differ_in_glyph_under_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = Boxes()
    assert app.no_color
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "▐X▌ ticked" in line_with(app, " ticked")
        assert "▐ ▌ not ticked" in line_with(app, "not ticked")
        assert "▐X▌ compact ticked" in line_with(app, "compact ticked")
        assert "▐ ▌ compact not ticked" in line_with(app, "compact not ticked")
        box = app.query_one("#off", TickBox)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is True
        assert "▐X▌ not ticked" in line_with(app, "not ticked")


#: The setup form's boxes: the setting each shows, and its label.
SETUP_BOXES = {
    "confident": "Confident: roll every direction",
    "uses_minoxidil": "I use minoxidil",
}


@pytest.mark.parametrize(
    "ticked",
    [(), ("confident",), ("uses_minoxidil",), ("confident", "uses_minoxidil")],
    ids=["none", "confident", "minoxidil", "both"],
)
async def test_the_setup_form_says_which_boxes_are_ticked_under_no_color(
    open_app, repo, monkeypatch, ticked
):
    monkeypatch.setenv("NO_COLOR", "1")
    if ticked:  # else a new database: both boxes off
        with repo.transaction():
            repo.save_settings(
                Settings(confident="confident" in ticked, uses_minoxidil="uses_minoxidil" in ticked)
            )
    async with open_app(size=(100, 50)) as (app, pilot):
        await pilot.pause()
        await pilot.press("enter")  # welcome -> setup
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.no_color
        for name, label in SETUP_BOXES.items():
            glyph = "▐X▌" if name in ticked else "▐ ▌"
            assert f"{glyph} {label}" in line_with(app, label), name
