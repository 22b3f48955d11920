"""Snapshots of every screen at 80x24 and 120x40, with a fixed date and a fixed database.

Regenerate after an intended change with: .venv/bin/python -m pytest tests/snapshots
--snapshot-update (then look at the SVGs)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from scalp_tui.factory import build_app
from tests.fixed import seed_plan_and_history

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def steady(pilot: Pilot[None]) -> None:
    """Freeze what moves: cursor blink, toasts."""
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


def runner(*keys: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await steady(pilot)
        if keys:
            await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_welcome_first_run(snap_compare, repo, clock, size):
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner())


@pytest.mark.parametrize("size", SIZES)
def test_setup_first_run(snap_compare, repo, clock, size):
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_calendar(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner())


@pytest.mark.parametrize("size", SIZES)
def test_day_dialog(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("up", "right", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_session_safety_check(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner("s"))


@pytest.mark.parametrize("size", SIZES)
def test_session_pass(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("s", "y", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_session_move(snap_compare, repo, clock, size):
    """The "move to" step between two passes: the next zone drawn as next."""
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("s", "y", "n", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_session_end(snap_compare, repo, clock, size):
    """The finish step of a session rolled (each pass 3 s of the fake clock: a pass tapped
    through within a second is skipped, and the step then says so)."""
    seed_plan_and_history(repo)
    app = build_app(repo, clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("s", "y")
        for _ in range(11):  # wet hair, 5 passes, 4 moves, the serum
            clock.advance(3)
            await pilot.press("n")
        await pilot.press("2")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_checklist(snap_compare, repo, clock, size):
    from scalp_tui.actions import log_session

    seed_plan_and_history(repo)
    log_session(repo, clock.today(), clock.today())
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("l", "space"))


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner("h"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner("f1"))
