"""'Cleaned the roller' from the command palette: asks, then closes every open card (one roller,
one cleaning: PRODUCT.md section 4)."""

from __future__ import annotations

from scalp_tui.actions import log_session
from scalp_tui.domain.checklist import open_checklists
from scalp_tui.factory import open_repository
from scalp_tui.ui.widgets.dialogs import Choice
from tests.fixed import TODAY
from tests.pilots import SIZE, palette_offers
from tests.waiting import wait_for


async def test_cleaned_the_roller_from_the_palette_closes_every_open_card(open_app, seeded_repo):
    for _ in range(2):
        log_session(seeded_repo, TODAY, TODAY)
    assert len(open_checklists(seeded_repo.checklists())) == 2
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("ctrl+p", *"cleaned the roller")
        await wait_for(pilot, lambda: palette_offers(app, "Cleaned the roller"), "the match")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Choice), "the question")
        await pilot.press("y")
        await pilot.pause()
    assert open_checklists(open_repository(seeded_repo.path).checklists()) == []
