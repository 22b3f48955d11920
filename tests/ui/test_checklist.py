"""Pilot tests of the checklist: ticking, the calendar's warning, the roller."""

from __future__ import annotations

import io
import json

from textual.widgets import SelectionList, Static

from scalp_tui.actions import log_session
from scalp_tui.cli import main
from scalp_tui.domain.checklist import ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.ui.screens.checklist import ChecklistScreen
from tests.conftest import NOW, TODAY

SIZE = (100, 32)


def status_json(db_path) -> dict[str, object]:
    out = io.StringIO()
    main(["--db", str(db_path), "status", "--json"], clock=FakeClock(NOW), stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


async def test_ticking_the_four_items_clears_cleaning_outstanding(
    app_factory, seeded_repo, db_path
):
    record = log_session(seeded_repo, TODAY, TODAY)
    assert status_json(db_path)["cleaning_outstanding"] is True
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        checklist = app.screen.query_one(SelectionList)
        assert "open" in str(checklist.border_title)
        # serum first (optional), then alcohol, dry, case: space ticks, down moves
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        assert status_json(db_path)["cleaning_outstanding"] is True  # case still open
        await pilot.press("down", "space")
        await pilot.pause()
        assert "cleaning done" in str(checklist.border_title)
    [saved] = [c for c in seeded_repo.checklists() if c.session_id == record.id]
    assert set(saved.ticks) == set(ChecklistItem)
    assert all(at == NOW for at in saved.ticks.values())
    assert status_json(db_path)["cleaning_outstanding"] is False


async def test_unticking_reopens_and_one_open_item_shows_on_the_calendar(app_factory, seeded_repo):
    log_session(seeded_repo, TODAY, TODAY)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen.query_one("#review")
        shown = "\n".join(s.text for s in review.render_lines(review.region.reset_offset))
        assert "open for Mon 23 Nov" in shown
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "space", "space")  # tick then untick the alcohol
        await pilot.pause()
    [checklist] = seeded_repo.checklists()
    assert checklist.ticks == {}


async def test_replacing_the_roller_restarts_the_count(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert "9 uses" in str(app.screen.query_one("#roller", Static).render())
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "0 uses since Mon 23 Nov" in str(app.screen.query_one("#roller", Static).render())
    assert seeded_repo.settings().roller_started == TODAY
