"""Opening the app for a pilot test: one way, at an explicit size, on a database and a fixed date.

    async def test_something(open_app):
        async with open_app(size=(80, 24)) as (app, pilot):
            await pilot.press("h")

``open_app`` (a fixture, tests/conftest.py) opens the app on the test's database (``repo``) and
its fixed clock (``clock``, SAMPLE_NOW unless the test moves it). ``opened`` is the same for a
test that brings its own database or moment::

    async with opened(other_repo, at=dt.datetime(2027, 1, 8, 9, 30, tzinfo=dt.UTC)) as (app, _):
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import build_app
from scalp_tui.sample import SAMPLE_NOW
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp

#: The size the pilot tests use unless a test is about another one.
SIZE = (100, 32)

#: What ``async with`` gives: the app, and the pilot that drives it.
Opened = tuple[ScalpApp, Pilot[None]]


@asynccontextmanager
async def opened(
    repository: Repository,
    clock: FakeClock | None = None,
    *,
    size: tuple[int, int] = SIZE,
    at: dt.datetime = SAMPLE_NOW,
    notifications: bool = False,
) -> AsyncIterator[Opened]:
    """The app on ``repository``, its clock ``clock`` (or a fixed one at ``at``), running
    headless at ``size`` with its first screen mounted; ``notifications``: toasts are drawn
    (Textual's tests leave them out)."""
    app = build_app(repository, clock or FakeClock(at))
    async with app.run_test(size=size, notifications=notifications) as pilot:
        yield app, pilot


def palette_offers(app: App[Any], title: str) -> bool:
    """The command palette has finished searching for what was typed and highlights the command
    ``title``, so that enter runs it (the search runs in a worker and fills the list in batches;
    until it ends, the list may still be an earlier one's)."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    searching = any(w.node is palette and not w.is_finished for w in app.workers)
    commands = palette.query_one(CommandList)
    index = commands.highlighted
    if searching or index is None:
        return False
    return str(commands.get_option_at_index(index).prompt).startswith(title)


class OpenApp(Protocol):
    """The ``open_app`` fixture: ``opened`` on the test's database and clock."""

    def __call__(
        self, *, size: tuple[int, int] = SIZE, notifications: bool = False
    ) -> AbstractAsyncContextManager[Opened]: ...
