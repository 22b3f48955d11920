"""Agenda: the next planned dates and the last sessions, in one scrolling list.

Opened from the calendar (``a``) or the command palette; ``enter`` opens the day of the line
under the cursor, ``escape`` goes back. Notes are the user's text: shown as plain text, never
markup, control characters escaped.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from scalp_tui.domain.calendar import (
    AGENDA_COMING,
    AGENDA_REACH,
    AGENDA_RECENT,
    DayState,
    SessionDone,
    coming,
    outcome_state,
    recent,
)
from scalp_tui.domain.dates import short_day
from scalp_tui.domain.matching import PlannedOutcome, review
from scalp_tui.domain.photos import PhotoCheckIn, photo_check_in
from scalp_tui.domain.records import REDNESS_LABELS
from scalp_tui.domain.wording import relative_days
from scalp_tui.ui.base import DataScreen
from scalp_tui.ui.format import plain
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.year_map import COLOURS, GLYPHS

#: An aborted session's mark: it kept nothing and was no extra session either.
ABORTED = "–"
#: The columns of a line: "Wed 25 Nov 2027" and "in 36 days" (the longest: "in 400 days").
DATE_WIDTH = 15
WHEN_WIDTH = 11


def day_text(day: dt.date, today: dt.date) -> str:
    """``Wed 25 Nov``, ``Sun  6 Dec 2027``: as every screen writes a date (the year when it
    is not this year's), the day aligned, and the same width every day.

    >>> day_text(dt.date(2026, 12, 6), dt.date(2026, 11, 23)) + "|"
    'Sun  6 Dec     |'
    """
    year = "" if day.year == today.year else f" {day.year}"
    return f"{day:%a} {day.day:>2} {day:%b}{year}".ljust(DATE_WIDTH)


def mark(state: DayState | None) -> Content:
    """The state's glyph in its colour (the year map's), bold."""
    if state is None:
        return Content.styled(ABORTED, "bold $text-muted")
    return Content.styled(GLYPHS[state][0], f"bold {COLOURS[state]}")


def photos_line(check_in: PhotoCheckIn, today: dt.date) -> str | None:
    """The photo check-in, in a line: due since when and which angles, or the next date."""
    if check_in.due and check_in.current is not None:
        angles = ", ".join(angle.value for angle in check_in.missing)
        return f"Photos due since {short_day(check_in.current, today)}: {angles}"
    if check_in.next_date is not None:
        return f"Next photo check-in: {short_day(check_in.next_date, today)}"
    return None


def heading(text: str) -> Option:
    return Option(Content.styled(text, "bold"), disabled=True)


def coming_line(planned: PlannedOutcome, today: dt.date) -> Content:
    """``○ Wed 25 Nov 2026  in 2 days     twice weekly``; ``↶`` once kept early."""
    state = outcome_state(planned.outcome)
    when = relative_days(planned.date, today)
    return mark(state) + Content(
        f" {day_text(planned.date, today)}  {when.ljust(WHEN_WIDTH)}  {planned.planned.phase.value}"
    )


#: A session's note, as much as a line holds; a 2,000-character note flooded the list.
NOTE_SHOWN = 60


def session_lines(done: SessionDone, today: dt.date) -> Content:
    """``✓ Fri 20 Nov 2026  done early for Sun 22 Nov``, then the redness and the note (the
    user's text: plain, one line however it was typed) on a line of their own."""
    s = done.session
    first = mark(done.state) + Content(f" {day_text(s.date, today)}  {done.words}".rstrip())
    second: list[Content] = []
    if s.redness is not None:
        second.append(Content("no redness" if s.redness == 0 else REDNESS_LABELS[s.redness]))
    if s.note:  # its start: the whole note is in the day (enter) and in History
        note = s.note if len(s.note) <= NOTE_SHOWN else s.note[: NOTE_SHOWN - 1] + "…"
        second.append(Content("“") + plain(note) + Content("”"))
    if not second:
        return first
    return first + Content("\n  ") + Content(" · ").join(second)


class AgendaScreen(DataScreen[None]):
    #: A view of the calendar: `c` comes back to the months.
    CALENDAR_VIEW = True
    CSS_PATH = "agenda.tcss"
    BINDINGS = [
        # Before the list's own enter, so that the key bar shows what it does.
        Binding("enter", "open_day", "Open day", priority=True, id="agenda.open_day"),
        Binding("escape", "close", "Back", id="agenda.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[str, dt.date] = {}  # option id -> the day it opens
        self.today: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="agenda")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Agenda"
        self.load()
        self.watch_the_day()

    def reread(self) -> None:
        self.load()

    def load(self) -> None:
        repo = self.scalp.repository
        today = self.today = self.read_now()
        plans, sessions = repo.plans(), repo.sessions()
        planned = review(plans, sessions, today, until=today + AGENDA_REACH)
        options: list[Option | None] = [heading(f"Coming: the next {AGENDA_COMING} planned dates")]
        self.days = {}
        for i, outcome in enumerate(coming(planned)):
            key = f"coming-{i}"
            self.days[key] = outcome.date
            options.append(Option(coming_line(outcome, today), id=key))
        if not plans:
            options.append(heading("No plan yet: open Settings from the command palette."))
        options.append(None)  # a rule between the two parts
        options.append(heading(f"Done: the last {AGENDA_RECENT} sessions"))
        for i, done in enumerate(recent(sessions, planned)):
            key = f"done-{i}"
            self.days[key] = done.session.date
            options.append(Option(session_lines(done, today), id=key))
        if not sessions:
            options.append(heading("No sessions yet."))
        said = photos_line(
            photo_check_in(plans, repo.photos(), repo.settings().photo_every_weeks, today), today
        )
        if said:
            options += [None, heading(said)]

        agenda = self.query_one(OptionList)
        highlighted = agenda.highlighted
        agenda.clear_options()
        agenda.add_options(options)
        if highlighted is None or highlighted >= agenda.option_count:
            agenda.action_first()  # the first line that opens a day
        else:
            agenda.highlighted = highlighted
        agenda.focus()

    @on(OptionList.OptionSelected)
    def action_open_day(self) -> None:
        from scalp_tui.ui.screens.day import DayScreen

        agenda = self.query_one(OptionList)
        if agenda.highlighted is None:
            return
        key = agenda.get_option_at_index(agenda.highlighted).id
        if key in self.days:
            self.app.push_screen(DayScreen(self.days[key]), self.day_closed)

    def day_closed(self, logged: bool | None) -> None:
        if logged:
            self.load()

    def action_close(self) -> None:
        self.dismiss(None)
