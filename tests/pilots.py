"""The pilot tests' toolbox: opening the app, reading what it shows, moving between screens,
hearing what it says.

    async def test_something(open_app):
        async with open_app(size=(80, 24)) as (app, pilot):
            history = await go(pilot, "h", HistoryScreen)
            assert "Tue 24 Nov" in screen_text(app)

``open_app`` (a fixture, tests/conftest.py) opens the app on the test's database (``repo``) and
its fixed clock (``clock``, SAMPLE_NOW unless the test moves it). ``opened`` is the same for a
test that brings its own database or moment::

    async with opened(other_repo, at=dt.datetime(2027, 1, 8, 9, 30, tzinfo=dt.UTC)) as (app, _):

What the app says in toasts is heard through Textual's ``message_hook`` (``Said``)::

    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        ...
    assert said.messages == ["Saved."]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol, TypeVar

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import build_app
from scalp_tui.sample import SAMPLE_NOW
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp
from tests.waiting import wait_for

#: The size the pilot tests use unless a test is about another one.
SIZE = (100, 32)

#: What ``async with`` gives: the app, and the pilot that drives it.
Opened = tuple[ScalpApp, Pilot[None]]

#: A hook Textual calls with every message any part of the app receives (``run_test``).
MessageHook = Callable[[Message], None]

ScreenT = TypeVar("ScreenT", bound=Screen[Any])


@asynccontextmanager
async def opened(
    repository: Repository,
    clock: FakeClock | None = None,
    *,
    size: tuple[int, int] = SIZE,
    at: dt.datetime = SAMPLE_NOW,
    notifications: bool = False,
    message_hook: MessageHook | None = None,
) -> AsyncIterator[Opened]:
    """The app on ``repository``, its clock ``clock`` (or a fixed one at ``at``), running
    headless at ``size`` with its first screen mounted; ``notifications``: toasts are drawn
    (Textual's tests leave them out); ``message_hook``: called with every message (``Said``)."""
    app = build_app(repository, clock or FakeClock(at))
    async with app.run_test(
        size=size, notifications=notifications, message_hook=message_hook
    ) as pilot:
        yield app, pilot


async def go(pilot: Pilot[Any], key: str, screen_type: type[ScreenT]) -> ScreenT:
    """Press ``key`` and wait until the app shows a screen of ``screen_type``; that screen."""
    await pilot.press(key)
    await pilot.pause()
    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, screen_type),
        f"{key!r} to show a {screen_type.__name__} (it shows a {type(app.screen).__name__})",
    )
    screen = app.screen
    assert isinstance(screen, screen_type)
    return screen


def screen_strips(app: App[Any]) -> list[Strip]:
    """The screen's lines as they go to the terminal, with their styles."""
    return app.screen._compositor.render_strips()


def screen_lines(app: App[Any]) -> list[str]:
    """The text of every line of the screen as it goes to the terminal."""
    return [strip.text for strip in screen_strips(app)]


def screen_text(app: App[Any]) -> str:
    """The whole screen's text, a line per row."""
    return "\n".join(screen_lines(app))


def widget_lines(widget: Widget) -> list[str]:
    """The text of each line of ``widget`` as drawn, its border included."""
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


def review_text(app: App[Any]) -> str:
    """The calendar's review panel's words as shown, borders and wrapping taken out: one space
    between words, so "Label value" reads as it does on one line."""
    lines = widget_lines(app.screen.query_one("#review"))
    return " ".join(word for line in lines for word in line.split() if word.strip("│╭╮╰╯─"))


def text_of(app: App[Any], selector: str) -> str:
    """What the ``Static`` at ``selector`` on the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def timer_intervals(node: MessagePump, callback: Callable[[], object]) -> list[float]:
    """The intervals of ``node``'s timers that call ``callback``: a test checks that a
    periodic check is scheduled, then calls the check itself instead of waiting for it."""
    return [timer._interval for timer in node._timers if timer._callback == callback]


class Said:
    """The notifications (toasts) the app posted, heard through Textual's ``message_hook``:
    pass it as ``message_hook=`` to ``opened`` or ``open_app``."""

    def __init__(self) -> None:
        self.notifications: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notifications.append(message.notification)

    @property
    def messages(self) -> list[str]:
        """Each notification's message, in the order posted."""
        return [notification.message for notification in self.notifications]

    @property
    def titled(self) -> list[str]:
        """Each notification as "title: message"."""
        return [f"{n.title}: {n.message}" for n in self.notifications]

    def clear(self) -> None:
        """Forget what was said so far."""
        self.notifications.clear()


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
        self,
        *,
        size: tuple[int, int] = SIZE,
        notifications: bool = False,
        message_hook: MessageHook | None = None,
    ) -> AbstractAsyncContextManager[Opened]: ...
