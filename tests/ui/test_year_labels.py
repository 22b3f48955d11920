"""The year map's month names stay on their line when a month begins in the last columns (a
user's pass: on 2027-01-01 at 100x30, "Jan'27" wrapped onto a line of its own and pushed the
percentages off the map)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.ui.screens.year import YearScreen
from tests.pilots import go, opened, screen_lines


@pytest.mark.parametrize("size", [(100, 30), (64, 20)])
async def test_a_month_beginning_in_the_last_column_keeps_the_map_whole(repo, size):
    repo.save_settings(replace(Settings(), disclaimer_seen=True))
    repo.save_plan(make_plan(dt.date(2026, 12, 6), 0.5, Preset.RAMP))
    new_year = dt.datetime(2027, 1, 1, 10, 0, tzinfo=dt.UTC)
    async with opened(repo, at=new_year, size=size) as (app, pilot):
        await pilot.pause()
        await go(pilot, "y", YearScreen)
        lines = [line.rstrip() for line in screen_lines(app)]
        months = next(i for i, line in enumerate(lines) if "Dec" in line and "Nov" in line)
        assert lines[months].endswith("Jan")  # the new year's month, in the room left
        assert lines[months + 1].lstrip().startswith("Mo ")  # no line of its own
        assert lines[months + 8].lstrip().startswith("%")  # the percentages under Sunday
