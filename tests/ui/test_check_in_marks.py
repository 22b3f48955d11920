"""Photo check-ins on the calendar (issue 23): the day number underlined, which reads without
colour, and said in the legend."""

from __future__ import annotations

from scalp_tui.ui.widgets.month_grid import MonthGrid
from tests.pilots import SIZE, screen_text


def underlined(text, day: str, glyph: str) -> bool:
    """Whether the day number ``day`` of the cell ``day + glyph`` is underlined, whole."""
    start = text.plain.index(day + glyph)
    word = day
    return any(
        span.start <= start and span.end >= start + len(word) and "underline" in str(span.style)
        for span in text.spans
    )


async def test_a_check_in_day_is_underlined_and_the_legend_says_so(open_app, seeded_repo):
    """The sample plan starts Sun 4 Oct: check-ins every 4 weeks fall on 1 Nov and 29 Nov."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        drawn = grid.render()
        lines = drawn.split("\n")
        week = next(line for line in lines if " 1✓" in line.plain)
        assert underlined(week, "1", "✓")
        nov_29 = next(line for line in lines if "29○" in line.plain)
        assert underlined(nov_29, "29", "○")
        not_one = next(line for line in lines if "22↶" in line.plain)
        assert not underlined(not_one, "22", "↶")
        assert "photo check-in" in screen_text(app)
