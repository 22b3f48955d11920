"""Helpers for tests that drive a guided session."""

from __future__ import annotations

from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.session import GuidedSession, StepKind


def roll_to_finish(run: GuidedSession, seconds: float = 2.0) -> None:
    """Step to the finish, rolling each step ``seconds`` of the run's FakeClock (a pass left
    within a second counts as skipped, not rolled)."""
    clock = run.clock
    assert isinstance(clock, FakeClock)
    while run.step.kind is not StepKind.FINISH:
        clock.advance(seconds)
        run.next()
