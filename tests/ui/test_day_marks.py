"""How a day's state reads on the months and the year: an overdue date has its own mark, in
the legends, and NO_COLOR leaves no state dimmer than a plain day (issue 21, cases 20, 23)."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.color import Color
from rich.segment import Segment
from textual.app import App

from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.widgets.month_grid import MonthGrid
from scalp_tui.ui.widgets.year_map import YearMap
from tests.pilots import SIZE, go, opened, review_text, screen_strips, screen_text, text_of

#: Thu 26 Nov 2026: the sample's Wed 25 Nov is not done and still counts until Sat 28 Nov;
#: Sun 29 Nov is to come.
THURSDAY = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


async def test_an_overdue_date_is_not_drawn_as_one_to_come(seeded_repo):
    """It was ○ and in the planned colour, as Sun 29 Nov; the legend had no word for it."""
    async with opened(seeded_repo, at=THURSDAY, size=SIZE) as (app, pilot):
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid).render().plain
        assert " 25!" in grid and " 29○" in grid
        assert "! overdue" in screen_text(app) and "○ planned" in screen_text(app)
        # The review and the day say it in the same word.
        assert "Overdue Wed 25 Nov, still counts until Sat 28 Nov" in review_text(app)
        await pilot.press("left")
        assert "overdue (twice weekly)" in screen_text(app)
        await go(pilot, "enter", DayScreen)
        summary = text_of(app, "#day-summary")
        assert summary.startswith("Planned (twice weekly): overdue, still counts until Sat 28 Nov")
        await pilot.press("escape", "y")  # the year
        await pilot.pause()
        year = app.screen.query_one(YearMap)
        year.go_to(dt.date(2026, 11, 25))
        await pilot.pause()
        assert "overdue" in text_of(app, "#year-day")
        assert "! overdue" in screen_text(app)
        lines = year.render().plain.splitlines()
        we = next(line for line in lines if line.startswith("We"))
        assert we.rstrip().endswith("✓ ✗ ✓ !")  # Wednesdays: 4 ✓, 11 ✗, 18 ✓, 25 Nov !


def cell_style(app: App[None], row: int, text: str) -> tuple[int, bool]:
    """The brightness (0-255) and boldness of the text ``text`` on screen row ``row``."""
    strip = screen_strips(app)[row]
    segment: Segment = next(s for s in strip if text in s.text)
    assert segment.style is not None and segment.style.color is not None
    color: Color = segment.style.color
    red, green, blue = color.get_truecolor()
    return (red + green + blue) // 3, bool(segment.style.bold)


@pytest.mark.parametrize("cell", [" 25○", " 11✗", " 18✓"])
async def test_no_state_is_dimmer_than_a_plain_day_under_no_color(seeded_repo, monkeypatch, cell):
    """Under NO_COLOR the blue of a planned day was greyed darker than a plain day's text."""
    monkeypatch.setenv("NO_COLOR", "1")
    async with opened(seeded_repo, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert app.no_color
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if cell in line)
        plain_row = next(i for i, line in enumerate(lines) if "  2   3 " in line)
        brightness, _ = cell_style(app, row, cell)
        plain_brightness, _ = cell_style(app, plain_row, "  2   3 ")
        assert brightness >= plain_brightness
