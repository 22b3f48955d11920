"""Wait for a condition with a deadline (as harlequin's tests do), never a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

DEADLINE_S = 10.0
STEP_S = 0.02


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], object], what: str = "", deadline: float = DEADLINE_S
) -> None:
    """Let the app run until ``condition()`` is true; fail after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up after {deadline:g} s waiting for {what or condition}")
        await pilot.pause(STEP_S)


def wait_until(
    condition: Callable[[], object], what: str = "", deadline: float = DEADLINE_S
) -> None:
    """The same outside an app: poll ``condition()`` until true or the deadline."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up after {deadline:g} s waiting for {what or condition}")
        time.sleep(STEP_S)
