"""One calendar day: its plan, its sessions, and logging a session done without the timer."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from scalp_tui.actions import log_session, same_day_note
from scalp_tui.domain.calendar import DayState, calendar_days
from scalp_tui.domain.matching import review
from scalp_tui.domain.text import display_text
from scalp_tui.domain.validation import NOTE_MAX
from scalp_tui.domain.wording import late_chunks
from scalp_tui.store.errors import WRITE_ERRORS, DatabaseError
from scalp_tui.ui.format import REDNESS_OPTIONS, long_day, redness_words, seen_from
from scalp_tui.ui.widgets.dialogs import Dialog
from scalp_tui.ui.widgets.messages import InlineError


class DayScreen(Dialog[bool]):
    """Dismisses with True when a session was logged."""

    BINDINGS = [Binding("escape", "close", "Close", id="day.close")]

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        today = self.scalp.clock.today()
        # Scrolls when a day's sessions and notes are more than a small terminal shows.
        with VerticalScroll(id="day-dialog", classes="dialog", can_focus=False):
            yield Static(long_day(self.day), classes="dialog-title")
            yield Static(self.describe(today), id="day-summary")
            if self.day <= today:
                yield Label("Log a session done this day")
                yield Input(
                    placeholder="note (optional)", id="note", compact=True, max_length=NOTE_MAX
                )
                yield Select(
                    REDNESS_OPTIONS,
                    prompt="redness (optional)",
                    id="redness",
                    compact=True,
                )
                yield InlineError(id="day-error")
                with Horizontal(classes="buttons"):
                    yield Button("Log session", id="log", variant="primary", compact=True)
                    yield Button("Close", id="close", compact=True)
            else:
                yield Static(
                    "This day has not come yet: log a session once it is done.", classes="muted"
                )
                with Horizontal(classes="buttons"):
                    yield Button("Close", id="close", compact=True)

    def describe(self, today: dt.date) -> Content:
        """Plain text, never markup: it quotes the notes."""
        repo = self.scalp.repository
        plans, sessions = repo.plans(), repo.sessions()
        info = calendar_days([self.day], review(plans, sessions, today, self.day), sessions, plans)[
            self.day
        ]
        words = seen_from(today)
        lines = []
        if info.planned is not None:
            planned = f"Planned ({info.phase.value})" if info.phase else "Planned"
            if info.state is DayState.OVERDUE:
                # The weekly review's words: "Overdue, still counts until Sat 28 Nov".
                state = " ".join(("overdue,", *late_chunks(info.planned, today, words)))
            elif info.state is DayState.PLANNED:
                state = "due today" if self.day == today else ""
            else:
                state = info.state.value
            lines.append(f"{planned}: {state}" if state else planned)
        else:
            lines.append("No session planned this day.")
        if info.counts_for is not None:
            lines.append(f"A session here counted for {words(info.counts_for)}.")
        on_day = [s for s in sessions if s.date == self.day]
        for s in on_day:
            bits = [s.source.value, s.status.value]
            if s.redness is not None:
                bits.append(redness_words(s.redness))
            if s.note:
                bits.append(f"“{display_text(s.note)}”")
            lines.append("• " + ", ".join(bits))
        if not on_day:
            lines.append("No sessions recorded.")
        return Content("\n".join(lines))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#log")
    @on(Input.Submitted, "#note")
    def submit_log(self) -> None:
        """Log the session; on a day that has one already, ask first (as the timer does)."""
        from scalp_tui.ui.widgets.dialogs import confirm

        repo, today = self.scalp.repository, self.scalp.clock.today()
        try:
            warning = same_day_note(repo, self.day, today)
        except DatabaseError as exc:
            self.query_one("#day-error", InlineError).show(str(exc))
            return
        if warning is None:
            self.write_log()
            return
        question = confirm(
            "Another session that day?", f"{warning} Log another one?", yes="Log it", no="No"
        )
        self.app.push_screen(question, lambda answer: self.write_log() if answer == "y" else None)

    def write_log(self) -> None:
        redness = self.query_one("#redness", Select).value
        note = self.query_one("#note", Input).value
        try:
            record = log_session(
                self.scalp.repository,
                self.day,
                self.scalp.clock.today(),
                note=note,
                redness=redness if isinstance(redness, int) else None,
                now=self.scalp.clock.now(),
            )
        except WRITE_ERRORS as exc:
            self.query_one("#day-error", InlineError).show(str(exc))
            return
        day = seen_from(self.scalp.clock.today())(record.date)
        self.notify(f"Logged a session on {day}.", title="Logged")
        self.dismiss(True)
