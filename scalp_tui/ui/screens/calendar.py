"""Calendar (home): the month grid of the plan and the weekly review."""

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
from scalp_tui.domain.regimen import Plan, needle_warning, plan_on
from scalp_tui.domain.status import Status, compute_status
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.format import long_day, relative_days, short_day
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.labelled_lines import LabelledLines, Line
from scalp_tui.ui.widgets.month_grid import LEGEND, MonthGrid


class CalendarScreen(ScalpScreen[None]):
    BINDINGS = [
        Binding("enter", "open_day", "Open day", id="calendar.open_day"),
        Binding("t", "today", "Today", id="calendar.today"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []
        self.sessions: list[SessionRecord] = []
        self.status: Status | None = None
        self._review: Review | None = None
        self._revision: object = None

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with Horizontal(id="calendar-body"):
            with Vertical(id="calendar-main"):
                yield MonthGrid(self.scalp.clock.today(), self.lookup, id="grid")
                yield Static(id="day-detail")
                yield Static(LEGEND, id="legend")
            yield LabelledLines(id="review")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_review()
        self.show_day(self.query_one(MonthGrid).cursor)

    def on_screen_resume(self) -> None:
        # Back from another screen; the CLI or another window may have written too.
        if self.is_mounted and self.scalp.repository.revision() is not self._revision:
            self.reload()

    # -- data ---------------------------------------------------------------------------
    def load(self) -> None:
        repo = self.scalp.repository
        self._revision = repo.revision()
        self.plans = repo.plans()
        self.sessions = repo.sessions()
        self.status = compute_status(
            self.scalp.clock.today(), self.plans, self.sessions, repo.checklists(), repo.settings()
        )
        self._review = self.status.review

    def reload(self) -> None:
        self.load()
        grid = self.query_one(MonthGrid)
        grid.refresh()
        self.show_review()
        self.show_day(grid.cursor)

    def lookup(self, days: Sequence[dt.date]) -> Mapping[dt.date, CalendarDay]:
        assert self._review is not None
        last = max(days)
        last_planned = self._review.outcomes[-1].date if self._review.outcomes else last
        if self.plans and last_planned <= last:  # the user paged past the horizon
            self._review = review(self.plans, self.sessions, self.scalp.clock.today(), until=last)
        return calendar_days(days, self._review, self.sessions, self.plans)

    # -- display ------------------------------------------------------------------------
    def show_review(self) -> None:
        panel = self.query_one("#review", LabelledLines)
        panel.border_title = "This week"
        status = self.status
        assert status is not None
        if not self.plans:
            panel.show([], "No plan yet: open Settings from the command palette (ctrl+p).")
            return
        panel.show(*review_lines(status, self.plans))

    def show_day(self, day: dt.date) -> None:
        info = self.lookup([day])[day]
        parts = [long_day(day)]
        if info.planned is not None:
            phase = info.phase.value if info.phase else ""
            parts.append(f"{info.state.value} ({phase})")
        elif info.state is DayState.EXTRA:
            parts.append("extra session")
        if info.counts_for is not None:
            parts.append(f"counted for {short_day(info.counts_for)}")
        if info.sessions:
            n = len(info.sessions)
            parts.append(f"{n} session{'s' if n > 1 else ''}")
        parts.append("enter: open")
        self.query_one("#day-detail", Static).update(" · ".join(parts))

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


def review_lines(status: Status, plans: Sequence[Plan]) -> tuple[list[Line], str]:
    """The weekly review: this week planned vs done, the next 7 days, adherence, streak; and
    the needle warning, if any."""
    today = status.today
    plan = plan_on(plans, today) or plans[0]
    lines = [
        Line("Phase", status.phase.value if status.phase else f"starts {short_day(plan.start)}")
    ]
    nxt = status.next_session
    if nxt:
        lines.append(Line("Next", f"{short_day(nxt.date)}, {relative_days(nxt.date, today)}"))
    if status.review.due_today:
        lines.append(Line("Due", "today", emphasis=True))
    planned, kept = status.this_week()
    lines.append(Line("This week", f"{kept} of {planned} done"))
    upcoming = status.next_days(7)
    lines.append(
        Line("Coming", ", ".join(short_day(o.date) for o in upcoming) or "nothing in 7 days")
    )
    adherence = status.adherence_percent
    counted = status.review.done_count + status.review.missed_count
    lines.append(
        Line(
            "Adherence",
            "n/a yet"
            if adherence is None
            else f"{adherence:g}% ({status.review.done_count} of {counted})",
        )
    )
    lines.append(Line("Streak", str(status.review.streak)))
    overdue = status.review.overdue()
    if overdue:
        shown = ", ".join(short_day(d) for d in overdue[-3:])
        more = f"{len(overdue) - 3} more, " if len(overdue) > 3 else ""
        lines.append(Line("Overdue", more + shown, emphasis=True))
    if status.cleaning_outstanding:
        days = ", ".join(short_day(c.session_date) for c in status.open_cleaning)
        lines.append(Line("Cleaning", f"open for {days}", emphasis=True))
    else:
        lines.append(Line("Cleaning", "all done"))
    roller = f"{status.roller_uses} of {status.roller_replace_after} uses"
    lines.append(Line("Roller", roller + (": replace it" if status.replace_roller else "")))
    return lines, needle_warning(plan) or ""
