"""The Textual application: modes for the top-level screens, first-run setup, commands.

Start-up builds only the screen it shows first (the calendar, or the setup form on first run);
every other screen is imported and built when the user first opens it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.keys import KEY_DISPLAY_ALIASES
from textual.screen import Screen

from scalp_tui.store.errors import DatabaseError
from scalp_tui.ui import textual_fixes

if TYPE_CHECKING:
    from scalp_tui.domain.clock import Clock
    from scalp_tui.store.repository import Repository
    from scalp_tui.ui.screens.calendar import CalendarScreen
    from scalp_tui.ui.screens.session import SessionScreen

#: Keys shown as they are named: f1-f24.
PLAIN_KEY = re.compile(r"f[0-9]{1,2}")

EXPORTS = {
    "ics": "Export calendar (ICS)",
    "csv": "Export sessions (CSV)",
    "json": "Back up (JSON)",
}


def _calendar_screen() -> Screen[None]:
    from scalp_tui.ui.screens.calendar import CalendarScreen

    return CalendarScreen()


textual_fixes.apply()


def _history_screen() -> Screen[None]:
    from scalp_tui.ui.screens.history import HistoryScreen

    return HistoryScreen()


def _checklist_screen() -> Screen[None]:
    from scalp_tui.ui.screens.checklist import ChecklistScreen

    return ChecklistScreen()


class ScalpApp(App[None]):
    TITLE = "scalp-tui"
    CSS_PATH = "app.tcss"
    # "calendar", the default mode, is added per app (its base depends on a plan existing);
    # "session" is installed when first needed (one instance survives mode changes).
    MODES = {"session": "session", "checklist": _checklist_screen, "history": _history_screen}
    DEFAULT_MODE = "calendar"
    BINDINGS = [
        Binding("c", "app.switch_mode('calendar')", "Calendar", id="app.calendar"),
        Binding("s", "session", "Session", id="app.session"),
        Binding("l", "app.switch_mode('checklist')", "Checklist", id="app.checklist"),
        Binding("h", "app.switch_mode('history')", "History", id="app.history"),
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help_key"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, repository: Repository, clock: Clock) -> None:
        super().__init__()
        self.repository = repository
        self.clock = clock
        self.first_run = not repository.plans()
        self._session_screen: SessionScreen | None = None
        self.add_mode("calendar", self._home_screen)

    def _home_screen(self) -> Screen[None]:
        """The base of the "calendar" mode: the welcome screen until there is a plan."""
        if self.first_run:
            from scalp_tui.ui.screens.welcome import WelcomeScreen

            return WelcomeScreen()
        return _calendar_screen()

    def on_ready(self) -> None:
        textual_fixes.paint_first_frame(self)

    def get_key_display(self, binding: Binding) -> str:
        """Textual's display of a key, without asking Unicode's name table for plain keys.

        Textual looks every key's name up in ``unicodedata``'s name table; each lookup reads
        more of it into memory, and the key bar's keys made the app ~0.6 MiB bigger. A letter,
        digit or function key is shown as it is; a named key as Textual names it.
        """
        modifiers, key = binding.parse_key()
        if binding.key_display or modifiers:
            return super().get_key_display(binding)
        if key in KEY_DISPLAY_ALIASES:
            return KEY_DISPLAY_ALIASES[key]
        if (len(key) == 1 and key.isalnum()) or PLAIN_KEY.fullmatch(key):
            return key
        return super().get_key_display(binding)

    def on_mount(self) -> None:
        for notice in self.repository.notices:
            self.notify(notice, title="Database mended", markup=False, timeout=15)
        if not self.first_run and self.repository.active_session() is not None:
            self.offer_resume()
        self.check_size(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover everything with a clear message while the terminal is too small."""
        from scalp_tui.ui.screens.too_small import TooSmallScreen, too_small

        screen = self.screen
        if too_small(width, height):
            if isinstance(screen, TooSmallScreen):
                screen.show_size(width, height)
            else:
                self.push_screen(TooSmallScreen())
        elif isinstance(screen, TooSmallScreen):
            self.pop_screen()

    # -- screens ------------------------------------------------------------------------
    def _calendar_shown(self) -> CalendarScreen | None:
        from scalp_tui.ui.screens.calendar import CalendarScreen

        return self.screen if isinstance(self.screen, CalendarScreen) else None

    def action_setup(self) -> None:
        """First run: from the welcome screen to the setup form."""
        from scalp_tui.ui.screens.setup import SetupScreen

        if self.first_run and not isinstance(self.screen, SetupScreen):
            self.push_screen(SetupScreen(first_run=True))

    def setup_done(self, saved: bool) -> None:
        """Called by the setup screen when it closes."""
        self.pop_screen()
        if self.first_run and saved:
            self.first_run = False
            # Over the welcome screen, which stays below it unseen (Textual cannot replace
            # the base screen of a mode).
            self.push_screen(_calendar_screen())
            self.refresh_bindings()
        elif saved and (calendar := self._calendar_shown()) is not None:
            calendar.reload()

    def open_settings(self) -> None:
        from scalp_tui.ui.screens.setup import SetupScreen

        if self.first_run or isinstance(self.screen, SetupScreen):
            return
        self.push_screen(SetupScreen(first_run=False))

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from scalp_tui.ui.screens.session import SessionScreen

            self._session_screen = SessionScreen()
            self.install_screen(self._session_screen, "session")
        return self._session_screen

    def _session_running(self) -> bool:
        return self._session_screen is not None and self._session_screen.running

    def action_session(self) -> None:
        """Start a session, or go back to the one running; offer to resume a saved one."""
        if not self._session_running() and self.repository.active_session() is not None:
            self.offer_resume()
            return
        self.session_screen  # noqa: B018 - installs the screen the mode refers to
        self.switch_mode("session")

    def offer_resume(self) -> None:
        from scalp_tui.actions import abort_interrupted
        from scalp_tui.domain.session import GuidedSession
        from scalp_tui.ui.screens.session import RUNNING_ELSEWHERE
        from scalp_tui.ui.widgets.dialogs import Choice

        saved = self.repository.active_session()
        if saved is None:
            return
        lock = self.repository.session_lock
        if lock.held_elsewhere():
            self.notify(RUNNING_ELSEWHERE, title="Session running elsewhere", timeout=10)
            return
        when = saved.saved_at.astimezone().strftime("%a %d %b, %H:%M")

        def answered(answer: str | None) -> None:
            if answer in ("r", "a") and not lock.acquire():  # another window took it meanwhile
                self.notify(RUNNING_ELSEWHERE, title="Session running elsewhere", timeout=10)
                return
            if answer == "r":
                self.session_screen.pending = GuidedSession.resume_from(saved, self.clock)
                self.switch_mode("session")
            elif answer == "a":
                try:
                    abort_interrupted(self.repository, saved, self.clock)
                except DatabaseError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
                finally:
                    lock.release()
                self.notify("The interrupted session is recorded as aborted.")
                calendar = self._calendar_shown()
                if calendar is not None:
                    calendar.reload()

        self.push_screen(
            Choice(
                "A session was interrupted",
                f"It stopped at “{saved.step_title()}” ({when}).",
                [("r", "Resume it"), ("a", "Record as aborted")],
                cancel="later",
            ),
            answered,
        )

    def after_session(self) -> None:
        """A completed session: the cleaning checklist, then perhaps the confidence offer."""
        from dataclasses import replace

        from scalp_tui.domain.status import offer_confidence
        from scalp_tui.ui.widgets.dialogs import confirm

        self.switch_mode("checklist")
        settings = self.repository.settings()
        if not offer_confidence(settings, self.repository.sessions()):
            return

        def answered(answer: str | None) -> None:
            if answer != "y":
                return
            try:
                self.repository.update_settings(lambda now: replace(now, confident=True))
            except DatabaseError as exc:
                self.notify(f"Not saved: {exc}", severity="error", markup=False)
                return
            self.notify("From the next session: both directions, light pressure.")

        self.push_screen(
            confirm(
                "Roll in both directions?",
                "You have done three sessions. The article: “once you feel confident, you "
                "can roll in the opposite direction also, applying only light pressure.” "
                "Add the opposite direction to every zone? (Settings can change it back.)",
                yes="Yes, I feel confident",
                no="Not yet",
            ),
            answered,
        )

    def after_aborted_session(self, cleaning: bool) -> None:
        self.switch_mode("checklist" if cleaning else "calendar")

    def action_go_today(self) -> None:
        self.switch_mode("calendar")
        calendar = self._calendar_shown()
        if calendar is not None:
            calendar.action_today()

    def action_replace_roller(self) -> None:
        from scalp_tui.actions import replace_roller

        try:
            replace_roller(self.repository, self.clock.today())
        except DatabaseError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        self.notify("Roller use count starts again today.", title="New roller")

    async def action_quit(self) -> None:
        """Quit; while a session runs, ask first (it is saved and offered again next time)."""
        from scalp_tui.ui.widgets.dialogs import confirm

        if not self._session_running():
            self.exit()
            return
        screen = self.session_screen

        def answered(answer: str | None) -> None:
            if answer == "y":
                if screen.run is not None:
                    screen.run.pause()
                    screen.save()
                self.exit()

        self.push_screen(
            confirm(
                "Quit during a session?",
                "It is saved where it is; the next launch offers to resume it.",
                yes="Quit",
                no="Stay",
            ),
            answered,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No screens before the first plan; hide the key of the screen already shown."""
        target = "session" if action == "session" else None
        if action == "switch_mode" and parameters:
            target = str(parameters[0])
        if target is None:
            return True
        if self.first_run:
            return False
        return target != self.current_mode

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        if not self.first_run:
            yield SystemCommand(
                "Start or resume session", "The guided session timer", self.action_session
            )
            yield SystemCommand("Calendar", "The month of your plan", self.action_calendar)
            yield SystemCommand("Go to today", "The calendar, on today", self.action_go_today)
            yield SystemCommand(
                "Checklist", "Clean the roller after a session", self.action_checklist
            )
            yield SystemCommand("History", "Every session: edit notes, delete", self.action_history)
            yield SystemCommand(
                "Replaced the roller today",
                "Restart the roller's use count",
                self.action_replace_roller,
            )
            yield SystemCommand(
                "Settings", "Plan start, preset, needle, weekdays, zones, timer", self.open_settings
            )
            for kind, title in EXPORTS.items():
                yield SystemCommand(title, "Write a file you choose", partial(self.export, kind))
        yield SystemCommand("Help", "Keys, your regimen, safety notes", self.action_help)
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        from scalp_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def export(self, kind: str) -> None:
        from scalp_tui.ui.screens.export import ExportDialog

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}", title=EXPORTS[kind], markup=False)

        self.push_screen(ExportDialog(kind), written)

    def action_calendar(self) -> None:
        self.switch_mode("calendar")

    def action_checklist(self) -> None:
        self.switch_mode("checklist")

    def action_history(self) -> None:
        self.switch_mode("history")
