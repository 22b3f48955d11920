"""Words that fit the screen whole (issue 21, case 22, and the build's "every screen fits 64x20
without cutting a word"): the welcome's bullets, the checklist's items, a question's answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scalp_tui.actions import log_session
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.fixed import TODAY
from tests.pilots import go, opened, screen_lines


@pytest.mark.parametrize("size", [(64, 20), (80, 24)])
async def test_the_welcomes_bullets_wrap_under_their_own_words(repo: Repository, size):
    """They were wrapped by hand for 80 columns: at 64, "a week for a" under the bullet."""
    async with opened(repo, size=size) as (app, pilot):
        await pilot.pause()
        lines = screen_lines(app)
        for start in ("• a calendar of the ramp", "• a guided session timer", "• the checklist"):
            row = next(i for i, line in enumerate(lines) if start in line)
            words_at = lines[row].index(start) + 2
            follow = lines[row + 1]
            if not follow.lstrip().startswith(("•", "Everything")):  # it wrapped
                assert len(follow) - len(follow.lstrip()) == words_at, follow


@pytest.mark.parametrize("size", [(64, 20), (80, 24)])
async def test_a_checklist_item_is_never_cut(repo: Repository, size):
    """At 80 columns the serum's item was cut to "(optiona…" once ticked."""
    from scalp_tui.sample import seed_sample

    seed_sample(repo)
    serum = "rosemary and peppermint soothing serum"
    repo.update_settings(lambda now: replace(now, serum_name=serum))
    log_session(repo, TODAY, TODAY)
    async with opened(repo, size=size) as (app, pilot):
        await pilot.pause()
        await go(pilot, "l", ChecklistScreen)
        await pilot.press("space")  # the serum's item, ticked: its time follows its words
        await pilot.pause()
        text = " ".join(" ".join(screen_lines(app)).replace("│", " ").split())
        assert "…" not in text
        assert f"Apply {serum} (optional) ticked 09:30" in text


async def test_a_questions_long_answers_are_never_cut(repo: Repository):
    """Side by side, "No: record it as aborted (a" ran past the dialog's edge."""
    async with opened(repo, size=(64, 20)) as (app, pilot):
        await pilot.pause()
        answers = [("d", "Yes: record it as done"), ("a", "No: record it as aborted")]
        app.push_screen(Choice("Every pass was skipped", "Did you roll?", answers, cancel="a"))
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Yes: record it as done (d)" in text and "No: record it as aborted (a)" in text
        short = [("y", "Yes"), ("n", "No")]
        app.push_screen(Choice("Sure?", "A question.", short, cancel="n"))
        await pilot.pause()
        row = next(line for line in screen_lines(app) if "Yes (y)" in line)
        assert "No (n)" in row  # short ones side by side
