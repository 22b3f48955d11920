"""What every scalp-tui screen shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from scalp_tui.ui.app import ScalpApp

ResultType = TypeVar("ResultType")


class ScalpScreen(Screen[ResultType]):
    @property
    def scalp(self) -> ScalpApp:
        return self.app  # type: ignore[return-value]
