"""Year: the plan's last twelve months as a heat map, adherence per month, the best streaks.

Opened from the calendar (``y``) or the command palette; ``enter`` opens the day under the
cursor, ``escape`` goes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from scalp_tui.domain.calendar import CalendarDay, DayState, calendar_days
from scalp_tui.domain.matching import Review, review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.year import (
    MonthAdherence,
    Streak,
    best_streaks,
    current_streak,
    day_states,
    month_adherence,
)
from scalp_tui.ui.base import DataScreen
from scalp_tui.ui.format import long_day, seen_from
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.labelled_lines import LabelledLines, Line
from scalp_tui.ui.widgets.year_map import YearMap, legend


def streak_line(streak: Streak, now: bool, today: dt.date) -> Line:
    """``7 kept  Sun 4 Oct – Sun 8 Nov``, the dates as every screen writes them (the year
    when it is not this year's); the run still going on ends ``now``."""
    words = seen_from(today)
    first, last = streak.first, streak.last
    if now:
        dates: tuple[str, ...] = (f"{words(first)} –", "now")
    elif first == last:
        dates = (words(last),)
    else:
        dates = (f"{words(first)} –", words(last))
    return Line(f"{streak.length} kept", dates)


def day_words(info: CalendarDay) -> str:
    """``Wednesday 11 November 2026: missed (twice weekly)``: one line at 64 columns."""
    words = info.state.value
    if info.planned is not None and info.phase is not None:
        words += f" ({info.phase.value})"
    return f"{long_day(info.date)}: {words}"


class YearScreen(DataScreen[None]):
    #: A view of the calendar: `c` comes back to the months.
    CALENDAR_VIEW = True
    CSS_PATH = "year.tcss"
    BINDINGS = [
        Binding("enter", "open_day", "Open day", id="year.open_day"),
        Binding("t", "today", "Today", id="year.today"),
        Binding("escape", "close", "Back", id="year.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []
        self.sessions: list[SessionRecord] = []
        self.today = dt.date(2000, 1, 1)
        self._review: Review | None = None
        self._states: dict[dt.date, DayState] = {}
        self._months: dict[dt.date, MonthAdherence] = {}

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        yield Static(id="year-day")
        yield YearMap(self.today, self.lookup, self.month_percent, id="year-map")
        with Horizontal(id="year-lower"):
            yield Static(legend(), id="year-legend")
            with Vertical(id="year-streaks"):
                yield Static("Best streaks", id="year-streaks-title")
                yield LabelledLines(id="streaks")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Year"
        self.query_one(YearMap).focus()
        self.show()
        self.watch_the_day()

    def reread(self) -> None:
        self.reload()

    # -- data ---------------------------------------------------------------------------
    def load(self) -> None:
        repo = self.scalp.repository
        self.today = self.read_now()
        self.plans, self.sessions = repo.plans(), repo.sessions()
        self._review = review(self.plans, self.sessions, self.today)
        self._states = {}
        starts = [p.start for p in self.plans] + [s.date for s in self.sessions]
        first = min(starts, default=self.today)
        self._months = {
            m.month: m for m in month_adherence(self._review, min(first, self.today), self.today)
        }

    def reload(self) -> None:
        self.load()
        grid = self.query_one(YearMap)
        if grid.today != self.today:  # past midnight: a cursor on today follows it
            if grid.cursor == grid.today:
                grid.set_reactive(YearMap.cursor, self.today)
            grid.today = self.today
        grid.refresh()
        self.show()

    def lookup(self, days: Sequence[dt.date]) -> Mapping[dt.date, DayState]:
        """Each day's state, worked out once per day shown."""
        missing = [d for d in days if d not in self._states]
        if missing:
            assert self._review is not None
            last = max(missing)
            if self._review.outcomes and self._review.outcomes[-1].date <= last:
                self._review = review(self.plans, self.sessions, self.today, until=last)
            self._states.update(day_states(missing, self._review, self.sessions, self.plans))
        return self._states

    def month_percent(self, month: dt.date) -> int | None:
        adherence = self._months.get(month)
        return None if adherence is None else adherence.percent

    # -- display ------------------------------------------------------------------------
    def show(self) -> None:
        assert self._review is not None
        best = best_streaks(self._review)
        now = current_streak(self._review)
        lines = [streak_line(s, s == now, self.today) for s in best]
        self.query_one("#streaks", LabelledLines).show(
            lines, "" if lines else "None yet: a streak is planned dates kept in a row."
        )
        self.show_day(self.query_one(YearMap).cursor)

    def show_day(self, day: dt.date) -> None:
        assert self._review is not None
        if self._review.outcomes and self._review.outcomes[-1].date <= day:
            self._review = review(self.plans, self.sessions, self.today, until=day)
        info = calendar_days([day], self._review, self.sessions, self.plans)[day]
        self.query_one("#year-day", Static).update(day_words(info))

    # -- events -------------------------------------------------------------------------
    @on(YearMap.CursorMoved)
    def cursor_moved(self, event: YearMap.CursorMoved) -> None:
        if self.is_mounted:
            self.show_day(event.day)

    @on(YearMap.DayChosen)
    def day_chosen(self, event: YearMap.DayChosen) -> None:
        from scalp_tui.ui.screens.day import DayScreen

        self.app.push_screen(DayScreen(event.day), self.day_closed)

    def day_closed(self, logged: bool | None) -> None:
        if logged:
            self.reload()

    def action_open_day(self) -> None:
        self.query_one(YearMap).action_open_day()

    def action_today(self) -> None:
        self.query_one(YearMap).go_to(self.today)

    def action_close(self) -> None:
        self.dismiss(None)
