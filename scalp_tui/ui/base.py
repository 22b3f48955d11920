"""What every scalp-tui screen shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from scalp_tui.ui.app import ScalpApp

ResultType = TypeVar("ResultType")


class ScalpScreen(Screen[ResultType]):
    _resumed = False

    @property
    def scalp(self) -> ScalpApp:
        return self.app  # type: ignore[return-value]

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual (8.2.8) restyles every widget of a screen each time it is shown. The first
        # time comes right after mounting, which styled them all: ~6 ms of the calendar's start
        # for nothing. Later times restyle as Textual does.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)
