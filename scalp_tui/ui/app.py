"""The Textual application."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from scalp_tui.domain.clock import Clock
from scalp_tui.store.repository import Repository


class ScalpApp(App[None]):
    TITLE = "scalp-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, repository: Repository, clock: Clock) -> None:
        super().__init__()
        self.repository = repository
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"Data file: {self.repository.path}\n\nKeys: q quit, ctrl+p command palette",
            id="welcome",
        )
        yield Footer()
