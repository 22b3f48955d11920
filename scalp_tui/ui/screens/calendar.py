"""Calendar (home): the months of the plan side by side, and the weekly review.

``y`` opens the year (a heat map) and ``a`` the agenda over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from scalp_tui.domain.calendar import CalendarDay, DayState, calendar_days
from scalp_tui.domain.check_ins import check_in_dates
from scalp_tui.domain.dates import seen_from
from scalp_tui.domain.matching import Review, review
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan, needle_warning, plan_on
from scalp_tui.domain.status import Status, compute_status
from scalp_tui.domain.wording import plural, status_words
from scalp_tui.ui.base import DataScreen
from scalp_tui.ui.format import long_day
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.labelled_lines import LabelledLines, Line
from scalp_tui.ui.widgets.month_grid import LEGEND, MONTH_GAP, MONTH_STEP, MonthGrid

#: The legend, then the calendar's other views, said as the key bar says keys (narrow, the
#: legend alone: a day of four lines would push the keys under the key bar at 64x20).
LEGEND_AND_VIEWS = (
    LEGEND
    + Content("\n\n")
    + Content.from_markup(
        "[bold $footer-key-foreground]y[/] year  [bold $footer-key-foreground]a[/] agenda"
    )
)


class ReviewBox(VerticalScroll, can_focus=False):
    """The review panel's frame. Lines that the terminal is too short for scroll with the
    mouse wheel, and the bottom border says there is more: there is no scrollbar (its column
    would change how the lines wrap)."""

    MORE = "▼ more"

    def on_resize(self) -> None:
        self._say_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._say_more()

    def _say_more(self) -> None:
        self.border_subtitle = self.MORE if self.scroll_y < self.max_scroll_y else ""


#: From this width the grid shows each week's phase beside it; below, the review panel gets the
#: room (at 64 columns, the smallest the app runs in, its values have 19).
WIDE_FROM = 80
#: The review panel beside the months is at least this wide (as at 64 columns).
REVIEW_BESIDE = 33
#: From this width the months fill the top of the screen, three or more of them, and the
#: review panel goes below them.
BELOW_FROM = 110


@dataclass(frozen=True)
class Arrangement:
    """How the calendar uses a width: months side by side, the phase column, the review
    beside or below."""

    months: int
    phases: bool
    below: bool


def arrange(width: int) -> Arrangement:
    """As many whole months as fit, the review panel beside them (one month at 80 columns,
    two from 94) or, from 110 columns, below them (three at 110, four at 120, six at 200).

    >>> [arrange(w).months for w in (64, 80, 94, 110, 120, 200)]
    [1, 1, 2, 3, 4, 6]
    """
    if width >= BELOW_FROM:
        return Arrangement(max(3, (width - 2 + MONTH_GAP) // MONTH_STEP), False, True)
    # The grid's padding (2) and the review panel's margin (1) beside it.
    months = max(1, (width - 3 - REVIEW_BESIDE + MONTH_GAP) // MONTH_STEP)
    return Arrangement(months, months == 1 and width >= WIDE_FROM, False)


class CalendarScreen(DataScreen[None]):
    BINDINGS = [
        Binding("enter", "open_day", "Open day", id="calendar.open_day"),
        Binding("t", "today", "Today", id="calendar.today"),
        # Not in the key bar, which at 80 columns has room for the app's keys only: the
        # calendar says them under its legend, help and the palette list them.
        Binding("y", "year", "Year", show=False, id="calendar.year"),
        Binding("a", "agenda", "Agenda", show=False, id="calendar.agenda"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []
        self.sessions: list[SessionRecord] = []
        self.status: Status | None = None
        self._review: Review | None = None
        self.photo_every_weeks = 0  # photo check-ins: every so many weeks (0: off)

    def compose(self) -> ComposeResult:
        self.load()
        assert self.status is not None
        shape = arrange(self.app.size.width)
        self._arrange_classes(shape)
        yield Header()
        # A grid (app.tcss): the months, the review panel, the day and the legend; the
        # review beside the months or below them, by the screen's classes alone.
        with Container(id="calendar-body"):
            grid = MonthGrid(self.status.today, self.lookup, id="grid")
            grid.set_reactive(MonthGrid.phases, shape.phases)
            grid.set_reactive(MonthGrid.months, shape.months)
            yield grid
            with ReviewBox(id="review-box"):
                yield LabelledLines(id="review")
            with Vertical(id="calendar-side"):
                yield Static(id="day-detail")
                yield Static(self._legend(shape), id="legend")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_review()
        self.show_day(self.query_one(MonthGrid).cursor)
        self.watch_the_day()

    def on_screen_resume(self) -> None:
        # A resize while another screen was shown reached only that screen. (Then
        # DataScreen's own handler catches up with the data.)
        self.fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        """As many months as fit; narrow: one, without its phase column, the review panel
        with the room; wide: the review panel below the months."""
        shape = arrange(width)
        self._arrange_classes(shape)
        grid = self.query_one(MonthGrid)
        grid.phases = shape.phases
        grid.months = shape.months
        legend = self._legend(shape)
        shown = self.query_one("#legend", Static)
        if shown.content is not legend:
            shown.update(legend)

    def _arrange_classes(self, shape: Arrangement) -> None:
        self.set_class(self._narrow(shape), "-narrow")
        self.set_class(shape.below, "-below")

    @staticmethod
    def _narrow(shape: Arrangement) -> bool:
        return not shape.phases and shape.months == 1

    def _legend(self, shape: Arrangement) -> str | Content:
        return LEGEND if self._narrow(shape) else LEGEND_AND_VIEWS

    # -- data ---------------------------------------------------------------------------
    def load(self) -> None:
        repo = self.scalp.repository
        today = self.read_now()
        self.plans = repo.plans()
        self.sessions = repo.sessions()
        settings = repo.settings()
        self.photo_every_weeks = settings.photo_every_weeks
        self.status = compute_status(
            today, self.plans, self.sessions, repo.checklists(), settings, photos=repo.photos()
        )
        self._review = self.status.review

    def reread(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()
        assert self.status is not None
        grid = self.query_one(MonthGrid)
        if grid.today != self.status.today:  # past midnight: a cursor on today follows it
            if grid.cursor == grid.today:
                grid.set_reactive(MonthGrid.cursor, self.status.today)
            grid.today = self.status.today
        grid.refresh()
        self.show_review()
        self.show_day(grid.cursor)

    def lookup(self, days: Sequence[dt.date]) -> Mapping[dt.date, CalendarDay]:
        assert self._review is not None
        last = max(days)
        last_planned = self._review.outcomes[-1].date if self._review.outcomes else last
        if self.plans and last_planned <= last:  # the user paged past the horizon
            self._review = review(self.plans, self.sessions, self.scalp.clock.today(), until=last)
        first = min(days)
        shown = [s for s in self.sessions if first <= s.date <= last]  # not ten years of them
        check_ins = check_in_dates(self.plans, self.photo_every_weeks, first, last)
        return calendar_days(days, self._review, shown, self.plans, set(check_ins))

    # -- display ------------------------------------------------------------------------
    def show_review(self) -> None:
        panel = self.query_one("#review", LabelledLines)
        self.query_one("#review-box").border_title = "This week"
        status = self.status
        assert status is not None
        if not self.plans:
            panel.show([], "No plan yet: open Settings from the command palette (ctrl+p).")
            return
        panel.show(*review_lines(status, self.plans))

    def show_day(self, day: dt.date) -> None:
        info = self.lookup([day])[day]
        parts = []
        if info.planned is not None:
            phase = f" ({info.phase.value})" if info.phase else ""
            parts.append(info.state.value + phase)
        elif info.state is not DayState.SESSION:
            parts.append(info.state.value)  # nothing planned, extra session
        if info.counts_for is not None:
            today = self.status.today if self.status else day
            parts.append(f"counted for {seen_from(today)(info.counts_for)}")
        if info.sessions:
            parts.append(plural(len(info.sessions), "session"))
        # One fact a line: none is wider than the narrow column, so none wraps.
        self.query_one("#day-detail", Static).update("\n".join([long_day(day), *parts]))

    # -- events -------------------------------------------------------------------------
    @on(MonthGrid.CursorMoved)
    def cursor_moved(self, event: MonthGrid.CursorMoved) -> None:
        if self.is_mounted:
            self.show_day(event.day)

    @on(MonthGrid.DayChosen)
    def day_chosen(self, event: MonthGrid.DayChosen) -> None:
        from scalp_tui.ui.screens.day import DayScreen

        self.app.push_screen(DayScreen(event.day), lambda _changed: self.reload())

    def action_open_day(self) -> None:
        self.query_one(MonthGrid).action_open_day()

    def action_today(self) -> None:
        self.query_one(MonthGrid).go_to(self.scalp.clock.today())

    def action_year(self) -> None:
        from scalp_tui.ui.screens.year import YearScreen

        self.app.push_screen(YearScreen())

    def action_agenda(self) -> None:
        from scalp_tui.ui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())


def review_lines(status: Status, plans: Sequence[Plan]) -> tuple[list[Line], str]:
    """The weekly review in the words ``status`` uses too (``status_words``); and the needle
    warning, if any."""
    plan = plan_on(plans, status.today) or plans[0]
    lines = [Line(s.label, s.chunks, emphasis=s.attention) for s in status_words(status)]
    return lines, needle_warning(plan, status.today) or ""
