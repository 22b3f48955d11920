"""A bidirectional override in the user's text never reaches the terminal (issue 21, case 17).

U+202E (RIGHT-TO-LEFT OVERRIDE) turns the rest of a line backwards on a terminal that
applies it: a zone named with one showed its letters reversed in the session's big text, and
a serum's name on the checklist cards. The screens show it as its escape, ``\\u202e``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual.app import App

from scalp_tui.actions import log_session
from scalp_tui.domain.steps import StepKind
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.widgets.big_text import BigText
from tests.fixed import TODAY
from tests.pilots import SIZE, go, screen_lines

#: Unicode's Bidi_Control characters.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def text_without_bidi(app: App[object]) -> str:
    """What goes to the terminal, line by line; not one bidirectional control in it."""
    lines = screen_lines(app)
    for line in lines:
        assert not set(line) & set(BIDI), f"a bidi control reaches the terminal: {line!r}"
    return "\n".join(lines)


async def test_an_override_in_a_zone_name_is_shown_escaped_in_the_big_text(open_app, seeded_repo):
    seeded_repo.save_settings(replace(seeded_repo.settings(), zones=("crown\u202enot", "sides")))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        await pilot.pause()
        assert app.session_screen.run is not None
        assert app.session_screen.run.step.kind is StepKind.PASS
        big = app.screen.query_one(BigText)
        assert big.text == "CROWN\u202eNOT"  # kept as stored, drawn escaped:
        assert all(not set(row) & set(BIDI) for row in big.layout_now.rows)
        text_without_bidi(app)


async def test_an_override_in_the_serum_name_is_shown_escaped_on_the_checklist(
    open_app, seeded_repo
):
    seeded_repo.save_settings(replace(seeded_repo.settings(), serum_name="serum\u202e\u2066"))
    log_session(seeded_repo, TODAY, TODAY, now=dt.datetime.combine(TODAY, dt.time(9), dt.UTC))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "l", ChecklistScreen)
        assert "Apply serum\\u202e\\u2066 (optional)" in text_without_bidi(app)
