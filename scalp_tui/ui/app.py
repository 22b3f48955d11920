"""The Textual application: modes for the top-level screens, first-run setup, commands."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from scalp_tui.domain.clock import Clock
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.calendar import CalendarScreen


class ScalpApp(App[None]):
    TITLE = "scalp-tui"
    CSS_PATH = "app.tcss"
    MODES = {"calendar": CalendarScreen}
    DEFAULT_MODE = "calendar"
    BINDINGS = [
        Binding("c", "app.switch_mode('calendar')", "Calendar", id="app.calendar"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, repository: Repository, clock: Clock) -> None:
        super().__init__()
        self.repository = repository
        self.clock = clock

    def on_mount(self) -> None:
        if not self.repository.plans():
            self.open_settings(first_run=True)

    def open_settings(self, first_run: bool = False) -> None:
        from scalp_tui.ui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(first_run), self._settings_closed)

    def _settings_closed(self, saved: bool | None) -> None:
        if saved and isinstance(self.screen, CalendarScreen):
            self.screen.reload()

    def action_go_today(self) -> None:
        self.switch_mode("calendar")
        if isinstance(self.screen, CalendarScreen):
            self.screen.action_today()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield SystemCommand("Calendar", "The month of your plan", self.action_calendar)
        yield SystemCommand("Go to today", "The calendar, on today", self.action_go_today)
        yield SystemCommand(
            "Settings", "Plan start, preset, needle, weekdays, zones, timer", self.open_settings
        )
        yield from super().get_system_commands(screen)

    def action_calendar(self) -> None:
        self.switch_mode("calendar")
