"""Shown over everything while the terminal is too small to use the app."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

MIN_WIDTH = 64
MIN_HEIGHT = 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """Covers ``behind`` (the screen it was shown over) and passes it the keys it binds: a
    pass still pauses with space behind the message."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: auto; max-width: 100%; padding: 0 1; text-align: center; }
    """

    def __init__(self, behind: Screen[object]) -> None:
        super().__init__()
        self.behind = behind

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    async def on_key(self, event: events.Key) -> None:
        active = self.behind.active_bindings.get(event.key)
        if active is not None and active.enabled and active.node is self.behind:
            event.stop()
            await self.app.run_action(active.binding.action, self.behind)

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            f"Please enlarge the terminal to at least {MIN_WIDTH}x{MIN_HEIGHT} "
            f"(it is {width}x{height} now).\nYour session and data are safe; q quits."
        )
