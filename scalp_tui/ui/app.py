"""The Textual application: modes for the top-level screens, first-run setup, commands.

Start-up builds only the screen it shows first (the calendar, or the setup form on first run);
every other screen is imported and built when the user first opens it.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.keys import KEY_DISPLAY_ALIASES
from textual.reactive import reactive
from textual.screen import Screen

from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui import modes, textual_fixes
from scalp_tui.ui.base import key_for, not_saved
from scalp_tui.ui.session_messages import SessionChanged, SessionEnded

if TYPE_CHECKING:
    from textual.theme import Theme

    from scalp_tui.domain.clock import Clock
    from scalp_tui.session_control import Question, SessionControl
    from scalp_tui.store.repository import Repository
    from scalp_tui.ui.screens.session import SessionScreen

#: Keys shown as they are named: f1-f24.
PLAIN_KEY = re.compile(r"f[0-9]{1,2}")


def _calendar_screen() -> Screen[None]:
    from scalp_tui.ui.screens.calendar import CalendarScreen

    return CalendarScreen()


textual_fixes.apply()


class ScalpApp(App[None]):
    #: "Session paused: CROWN, 0:13 left; s to resume" while a session is unfinished; the
    #: key bar of every screen shows it.
    session_line: reactive[str | None] = reactive(None)

    TITLE = "scalp-tui"
    CSS_PATH = "app.tcss"
    # "calendar", the default mode, starts from ``get_default_screen`` and is added to the
    # modes once the app is mounted (see ``on_mount``); "session" is installed when first
    # needed (one instance survives mode changes).
    MODES = {
        "session": "session",
        "checklist": modes.checklist_screen,
        "history": modes.history_screen,
        "photos": modes.photos_screen,
    }
    DEFAULT_MODE = "calendar"
    BINDINGS = [
        Binding("c", "calendar", "Calendar", id="app.calendar"),
        Binding("s", "session", "Session", id="app.session"),
        Binding("l", "app.switch_mode('checklist')", "Checklist", id="app.checklist"),
        Binding("h", "app.switch_mode('history')", "History", id="app.history"),
        Binding("p", "app.switch_mode('photos')", "Photos", id="app.photos"),
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
        self._session_control: SessionControl | None = None

    def get_default_screen(self) -> Screen[None]:
        """The first screen of the "calendar" mode (Textual's hook for a mode not in MODES).

        A mode's base screen built from MODES makes Textual parse every stylesheet a second
        time before the first frame (``_init_mode`` calls ``refresh_css`` for a screen it
        has not styled yet); the default screen is styled with the app's first parse.
        """
        return self._home_screen()

    def _home_screen(self) -> Screen[None]:
        """The base of the "calendar" mode: the welcome screen until there is a plan."""
        if self.first_run:
            from scalp_tui.ui.screens.welcome import WelcomeScreen

            return WelcomeScreen()
        return _calendar_screen()

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
        # The calendar's stack exists now (built from get_default_screen): registering the
        # mode lets switch_mode("calendar") return to it.
        self.add_mode("calendar", self._home_screen)
        self.use_saved_theme()
        for notice in self.repository.notices:
            self.notify(notice, title="Database mended", markup=False, timeout=15)
        if not self.first_run and self.repository.active_session() is not None:
            self.show_session_line()
            self.offer_resume()
        self.check_size(self.size.width, self.size.height)

    def use_saved_theme(self) -> None:
        """The theme last chosen in the command palette (one this Textual no longer has is
        left out); from now on a theme chosen is remembered."""
        saved = self.repository.settings().theme
        if saved and saved != self.theme and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self, theme: Theme) -> None:
        if theme.name == self.repository.settings().theme:
            return
        from scalp_tui.actions import remember_theme

        try:
            remember_theme(self.repository, theme.name)
        except WRITE_ERRORS as exc:
            self.notify(f"The theme is not remembered: {exc}", severity="error", markup=False)

    def on_ready(self) -> None:
        """The first frame is painted: garbage is collected as usual from here on (the CLI
        starts the app with the collector off; elsewhere this changes nothing)."""
        gc.enable()

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
                self.push_screen(TooSmallScreen(screen))
        elif isinstance(screen, TooSmallScreen):
            self.pop_screen()

    # -- screens ------------------------------------------------------------------------
    def action_setup(self) -> None:
        """First run: from the welcome screen to the setup form."""
        from scalp_tui.ui.screens.setup import SetupScreen

        if self.first_run and not isinstance(self.screen, SetupScreen):
            self.push_screen(SetupScreen(first_run=True), self.first_setup_done)

    def first_setup_done(self, saved: bool | None) -> None:
        if self.first_run and saved:
            self.first_run = False
            # Over the welcome screen, which stays below it unseen (Textual cannot replace
            # the base screen of a mode).
            self.push_screen(_calendar_screen())
            self.refresh_bindings()

    def open_settings(self) -> None:
        """The setup form over the screen shown; that screen re-reads what it shows when
        it is shown again."""
        from scalp_tui.ui.screens.setup import SetupScreen

        if self.first_run or isinstance(self.screen, SetupScreen):
            return
        self.push_screen(SetupScreen(first_run=False))

    # -- the session: the control owns it, its screen shows it --------------------------
    @property
    def session_control(self) -> SessionControl:
        """The session this process runs (made when first needed: not at start-up)."""
        if self._session_control is None:
            from scalp_tui.session_control import SessionControl

            self._session_control = SessionControl(self.repository, self.clock, bell=self.bell)
        return self._session_control

    @property
    def session_running(self) -> bool:
        """A session is past its safety check here, not yet recorded."""
        return self._session_control is not None and self._session_control.running

    @property
    def session_screen(self) -> SessionScreen:
        """The one session screen, installed for the "session" mode when first needed."""
        if self._session_screen is None:
            from scalp_tui.ui.screens.session import SessionScreen

            self._session_screen = SessionScreen(self.session_control)
            self.install_screen(self._session_screen, "session")
        return self._session_screen

    @on(SessionChanged)
    def show_session_line(self) -> None:
        """Every screen's line for an unfinished session, as the control says where it
        stands, with the key that resumes it."""
        banner = self.session_control.banner()
        if banner is None:
            self.session_line = None
        elif banner.resumable:
            key = key_for(self, (type(self),), "session")
            self.session_line = f"{banner.text}; {key} to resume"
        else:
            self.session_line = banner.text

    @on(SessionEnded)
    def session_ended(self, message: SessionEnded) -> None:
        """The session is recorded: the cleaning checklist, then perhaps the confidence offer."""
        if message.cleaning:
            self.switch_mode("checklist")
        else:
            self.action_calendar()
        if message.record.completed:
            self.offer_confidence()

    def ask(self, question: Question, then: Callable[[str | None], None]) -> None:
        from scalp_tui.ui.widgets.dialogs import ask

        self.push_screen(ask(question), then)

    def action_session(self) -> None:
        """Go back to the session under way; else offer a saved one; else start one (asking
        first when today already has a session)."""
        if self.session_running:
            self.show_session()
        elif self.repository.active_session() is not None:
            self.offer_resume()
        else:
            self.confirm_another_today(self.show_session)

    def show_session(self) -> None:
        self.session_screen  # noqa: B018 - installs the screen the mode refers to
        self.switch_mode("session")

    def confirm_another_today(self, then: Callable[[], None]) -> None:
        question = self.session_control.same_day_question()
        if question is None:
            then()
        else:
            self.ask(question, lambda answer: then() if answer == "y" else None)

    def offer_resume(self) -> None:
        from scalp_tui.session_control import RUNNING_ELSEWHERE

        control = self.session_control
        question = control.resume_question()
        if question is None:
            return
        if control.lock.held_elsewhere():
            self.notify(RUNNING_ELSEWHERE, title="Session running elsewhere", timeout=10)
            return

        def answered(answer: str | None) -> None:
            if answer in ("r", "a") and not control.take_saved():  # another window took it
                self.notify(RUNNING_ELSEWHERE, title="Session running elsewhere", timeout=10)
                return
            if answer == "r":
                self.show_session()  # the screen resumes what this process now holds
            elif answer == "a":
                try:
                    control.abort_saved()
                except WRITE_ERRORS as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
                self.show_session_line()
                self.notify("The interrupted session is recorded as aborted.")

        self.ask(question, answered)

    def offer_confidence(self) -> None:
        """After the third completed session: roll both directions from now on?"""
        control = self.session_control
        question = control.confidence_question()
        if question is None:
            return

        def answered(answer: str | None) -> None:
            if answer != "y":
                return
            try:
                control.become_confident()
            except WRITE_ERRORS as exc:
                not_saved(self, exc)
                return
            self.notify("From the next session: both directions, light pressure.")

        self.ask(question, answered)

    async def action_go_today(self) -> None:
        self.action_calendar()
        await self.run_action("screen.today")

    def action_replace_roller(self) -> None:
        """Asks first, as the checklist's ``r``; the screen below reads the new count when
        the question closes (``on_screen_resume``)."""
        from scalp_tui.ui.screens.checklist import new_roller_question

        self.push_screen(new_roller_question(), self.replace_roller)

    def replace_roller(self, answer: str | None) -> None:
        from scalp_tui.actions import replace_roller

        if answer != "y":
            return
        try:
            replace_roller(self.repository, self.clock.now())
        except WRITE_ERRORS as exc:
            not_saved(self, exc)
            return
        self.notify("Roller use count starts again today.", title="New roller")

    async def action_quit(self) -> None:
        """Quit; while a session runs, ask first (it is saved and offered again next time)."""
        from scalp_tui.ui.widgets.dialogs import confirm

        if not self.session_running:
            self.exit()
            return
        # The session screen pauses and saves its session as soon as anything covers it.
        self.push_screen(
            confirm(
                "Quit during a session?",
                "It is saved where it is; the next launch offers to resume it.",
                yes="Quit",
                no="Stay",
            ),
            lambda answer: self.exit() if answer == "y" else None,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No screens before the first plan; hide the key of the screen already shown."""
        target = action if action in ("session", "calendar") else None
        if action == "switch_mode" and parameters:
            target = str(parameters[0])
        if target is None:
            return True
        if self.first_run:
            return False
        if target == "calendar" and getattr(self.screen, "CALENDAR_VIEW", False):
            return True  # the year or the agenda: c goes back to the months
        return target != self.current_mode

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        from scalp_tui.ui.palette import app_commands

        yield from app_commands(self)
        yield SystemCommand("Help", "Keys, your regimen, safety notes", self.action_help)
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        from scalp_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_calendar(self) -> None:
        """The months of the calendar, from any mode, and from its own views (the year, the
        agenda) even when one was left open under another mode."""
        if self.current_mode != "calendar":
            self.switch_mode("calendar")
        while getattr(self.screen, "CALENDAR_VIEW", False):
            self.pop_screen()

    def action_checklist(self) -> None:
        self.switch_mode("checklist")

    def action_history(self) -> None:
        self.switch_mode("history")
