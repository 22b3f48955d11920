"""Helpers for tests that drive a guided session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.steps import StepKind

if TYPE_CHECKING:
    from scalp_tui.ui.app import ScalpApp


def roll_to_finish(run: GuidedSession, seconds: float = 2.0) -> None:
    """Step to the finish, rolling each step ``seconds`` of the run's FakeClock (a pass left
    within a second counts as skipped, not rolled)."""
    clock = run.clock
    assert isinstance(clock, FakeClock)
    while run.step.kind is not StepKind.FINISH:
        clock.advance(seconds)
        run.next()


def show_the_finish(app: ScalpApp) -> GuidedSession:
    """The session running in ``app``, rolled to its finish step (``roll_to_finish``) and
    shown there; returns the run."""
    run = app.session_screen.run
    assert run is not None
    roll_to_finish(run)
    app.session_screen.show_step()
    return run
