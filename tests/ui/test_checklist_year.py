"""A cleaning card from last year says its year, as every date on every screen does (issue 21
case 22: the card names were the one date without it)."""

from __future__ import annotations

import datetime as dt

from scalp_tui.actions import log_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.ui.screens.checklist import ChecklistScreen
from tests.pilots import SIZE, go, opened, screen_text


async def test_a_card_from_last_year_names_its_year(repo):
    repo.save_plan(make_plan(dt.date(2026, 12, 6), 0.5, Preset.RAMP))
    new_year = dt.datetime(2027, 1, 1, 10, 0, tzinfo=dt.UTC)
    log_session(repo, dt.date(2026, 12, 31), dt.date(2026, 12, 31))  # its card open
    log_session(repo, new_year.date(), new_year.date())
    async with opened(repo, at=new_year, size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "l", ChecklistScreen)
        shown = screen_text(app)
        assert "Thu 31 Dec 2026, logged" in shown
        assert "Fri 1 Jan, logged" in shown
