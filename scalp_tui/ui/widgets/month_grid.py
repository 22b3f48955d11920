"""A month of the plan: one cell a day, a symbol for its state, the phase of each week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from dateutil.relativedelta import relativedelta
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from scalp_tui.domain.calendar import CalendarDay, DayState, month_weeks
from scalp_tui.domain.regimen import Phase

#: Every state has a symbol, so the grid reads without colour (NO_COLOR, monochrome terminals).
SYMBOLS: dict[DayState, str] = {
    DayState.NONE: " ",
    DayState.PLANNED: "○",
    DayState.DONE: "✓",
    DayState.EARLY: "✓",
    DayState.LATE: "↷",
    DayState.MISSED: "✗",
    DayState.EXTRA: "+",
    DayState.SESSION: "•",
}
#: Three lines no wider than the grid without its phase column.
LEGEND = "○ planned  ✓ done  ✗ missed\n↷ done late  + extra\n• counted for another day"
PHASE_SHORT = {Phase.WEEKLY: "1×/wk", Phase.TWICE_WEEKLY: "2×/wk", Phase.UPKEEP: "1×/mo"}
CELL = 4
WEEKDAY_HEADER = "".join(f" {name} " for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))

DAYS_WIDTH = CELL * 7
GRID_WIDTH = DAYS_WIDTH + 1 + len("1×/wk→2×/wk")  # with the phase of each week

DayLookup = Callable[[Sequence[dt.date]], Mapping[dt.date, CalendarDay]]


class MonthGrid(Widget, can_focus=True):
    """Arrows move a day or a week, page up/down a month; ``open_day`` says which day to open.

    The screen binds the key that opens a day: a key shown in the Footer belongs to the
    screen, so the Footer's keys do not change when focus arrives here.
    """

    DEFAULT_CSS = """
    MonthGrid {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    MonthGrid > .month-grid--title { text-style: bold; }
    MonthGrid > .month-grid--header { color: $text-muted; }
    MonthGrid > .month-grid--outside { color: $text-disabled; }
    MonthGrid > .month-grid--today { text-style: bold underline; }
    MonthGrid > .month-grid--cursor { text-style: reverse; }
    MonthGrid:focus > .month-grid--cursor { background: $accent; color: $text; text-style: bold; }
    MonthGrid > .month-grid--done { color: $success; }
    MonthGrid > .month-grid--late { color: $warning; }
    MonthGrid > .month-grid--missed { color: $error; }
    MonthGrid > .month-grid--planned { color: $primary; text-style: bold; }
    MonthGrid > .month-grid--extra { color: $secondary; }
    MonthGrid > .month-grid--phase { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "month-grid--title",
        "month-grid--header",
        "month-grid--outside",
        "month-grid--today",
        "month-grid--cursor",
        "month-grid--done",
        "month-grid--late",
        "month-grid--missed",
        "month-grid--planned",
        "month-grid--extra",
        "month-grid--phase",
    }
    BINDINGS = [
        Binding("left", "move(-1)", "Day", show=False, id="calendar.day_back"),
        Binding("right", "move(1)", "Day", show=False, id="calendar.day_forward"),
        Binding("up", "move(-7)", "Week", show=False, id="calendar.week_back"),
        Binding("down", "move(7)", "Week", show=False, id="calendar.week_forward"),
        Binding("pageup", "month(-1)", "Month back", show=False, id="calendar.month_back"),
        Binding("pagedown", "month(1)", "Month on", show=False, id="calendar.month_forward"),
    ]

    cursor: reactive[dt.date] = reactive(dt.date(2000, 1, 1), always_update=True)
    #: The phase of each week beside it; a narrow screen leaves it to the review panel.
    phases: reactive[bool] = reactive(True, layout=True)

    class CursorMoved(Message):
        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    class DayChosen(Message):
        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, today: dt.date, lookup: DayLookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.lookup = lookup
        self.set_reactive(MonthGrid.cursor, today)

    def watch_cursor(self, day: dt.date) -> None:
        self.post_message(self.CursorMoved(day))

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + dt.timedelta(days=days)

    def action_month(self, months: int) -> None:
        self.cursor = self.cursor + relativedelta(months=months)

    def action_open_day(self) -> None:
        self.post_message(self.DayChosen(self.cursor))

    def go_to(self, day: dt.date) -> None:
        self.cursor = day

    def render(self) -> Text:
        weeks = month_weeks(self.cursor.year, self.cursor.month)
        days = self.lookup([d for week in weeks for d in week])
        style = self.get_component_rich_style
        text = Text(no_wrap=True, end="")
        text.append(f" {self.cursor:%B %Y}".ljust(DAYS_WIDTH), style("month-grid--title"))
        text.append(" phase\n" if self.phases else "\n", style("month-grid--header"))
        text.append(WEEKDAY_HEADER + "\n", style("month-grid--header"))
        for week in weeks + [[]] * (6 - len(weeks)):
            for day in week:
                info = days.get(day)
                state = info.state if info else DayState.NONE
                cell = Text(f"{day.day:>3}{SYMBOLS[state]}")
                cell.stylize(self._state_style(state))
                if day.month != self.cursor.month:
                    cell.stylize(style("month-grid--outside"))
                if day == self.today:
                    cell.stylize(style("month-grid--today"))
                if day == self.cursor:
                    cell.stylize(style("month-grid--cursor"))
                text.append_text(cell)
            if week and self.phases:
                text.append(" " + self._week_phase(week, days), style("month-grid--phase"))
            text.append("\n")
        text.rstrip()
        return text

    def _state_style(self, state: DayState) -> Style | str:
        name = {
            DayState.DONE: "done",
            DayState.EARLY: "done",
            DayState.LATE: "late",
            DayState.MISSED: "missed",
            DayState.PLANNED: "planned",
            DayState.EXTRA: "extra",
            DayState.SESSION: "done",
        }.get(state)
        return self.get_component_rich_style(f"month-grid--{name}") if name else ""

    @staticmethod
    def _week_phase(week: Sequence[dt.date], days: Mapping[dt.date, CalendarDay]) -> str:
        phases: list[Phase] = []
        for day in week:
            info = days.get(day)
            if info and info.phase and info.phase not in phases:
                phases.append(info.phase)
        return "→".join(PHASE_SHORT[p] for p in phases)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return GRID_WIDTH if self.phases else DAYS_WIDTH

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2 + 6  # title, weekday names, always six week rows: the layout never jumps
