"""Months of the plan side by side: one cell a day, a symbol for its state; with one month,
the phase of each week beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from dateutil.relativedelta import relativedelta
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive

from scalp_tui.domain.calendar import CalendarDay, DayState, month_weeks
from scalp_tui.domain.regimen import Phase
from scalp_tui.ui.widgets.day_cursor import DayCursor

#: Every state has a symbol, so the grid reads without colour (NO_COLOR, monochrome terminals).
SYMBOLS: dict[DayState, str] = {
    DayState.NONE: " ",
    DayState.PLANNED: "○",
    DayState.OVERDUE: "!",  # gone by, not done yet: not a date to come
    DayState.DONE: "✓",
    DayState.EARLY: "↶",  # as the year and the agenda draw it
    DayState.LATE: "↷",
    DayState.MISSED: "✗",
    DayState.EXTRA: "+",
    DayState.SESSION: "•",
}
#: Three lines no wider than the grid without its phase column (the year map's words).
#: The day states' glyphs, and a photo check-in's underlined day number (it reads without
#: colour, NO_COLOR included).
LEGEND = Content.assemble(
    "○ planned  ! overdue  ✓ done\n↶ early  ↷ late  ✗ missed\n+ extra  • for another day\n",
    ("28", "underline"),
    " photo check-in",
)
PHASE_SHORT = {Phase.WEEKLY: "1×/wk", Phase.TWICE_WEEKLY: "2×/wk", Phase.UPKEEP: "1×/mo"}
CELL = 4
WEEKDAY_HEADER = "".join(f" {name} " for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))

DAYS_WIDTH = CELL * 7
#: Between two months side by side.
MONTH_GAP = 2
#: Each month after the first widens the grid by this much.
MONTH_STEP = DAYS_WIDTH + MONTH_GAP
GRID_WIDTH = DAYS_WIDTH + 1 + len("1×/wk→2×/wk")  # with the phase of each week

DayLookup = Callable[[Sequence[dt.date]], Mapping[dt.date, CalendarDay]]


class MonthGrid(DayCursor):
    """Arrows move a day or a week, page up/down a month; ``open_day`` says which day to open.

    ``months`` months are drawn as one Text, the cursor's month first: however many are shown,
    the grid is one widget, and one lookup of the days' states a frame. A day of a
    neighbouring month shows (dimmed) only where that month itself is not shown.

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
    MonthGrid > .month-grid--overdue { color: $text-warning; text-style: bold; }
    MonthGrid > .month-grid--extra { color: $secondary; }
    MonthGrid > .month-grid--phase { color: $text-muted; }
    /* NO_COLOR: Textual greys each colour by its brightness, and a blue planned day came out
       dimmer than a plain one. The glyphs say the state; every day is as bright as text. */
    App:nocolor MonthGrid > .month-grid--done,
    App:nocolor MonthGrid > .month-grid--late,
    App:nocolor MonthGrid > .month-grid--missed,
    App:nocolor MonthGrid > .month-grid--planned,
    App:nocolor MonthGrid > .month-grid--overdue,
    App:nocolor MonthGrid > .month-grid--extra { color: $foreground; }
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
        "month-grid--overdue",
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

    #: The phase of each week beside it (one month only); a narrow screen leaves it to the
    #: review panel.
    phases: reactive[bool] = reactive(True, layout=True)
    #: Months side by side: the cursor's first, then the following ones.
    months: reactive[int] = reactive(1, layout=True)

    def __init__(self, today: dt.date, lookup: DayLookup, *, id: str | None = None) -> None:
        super().__init__(today, id=id)
        self.lookup = lookup

    def shown_months(self) -> list[dt.date]:
        """The first day of each month shown: the cursor's, then the following ones."""
        first = self.cursor.replace(day=1)
        return [first + relativedelta(months=i) for i in range(max(1, self.months))]

    def render(self) -> Text:
        months = self.shown_months()
        weeks_of = [month_weeks(m.year, m.month) for m in months]
        days = self.lookup([d for weeks in weeks_of for week in weeks for d in week])
        last = len(months) - 1
        phases = self.phases and not last
        blocks = [
            self._month_lines(
                month,
                weeks,
                days,
                # A neighbouring month's days show only where that month is not shown.
                days_before=i == 0,
                days_after=i == last,
                phases=phases,
            )
            for i, (month, weeks) in enumerate(zip(months, weeks_of, strict=True))
        ]
        text = Text(no_wrap=True, end="")
        gap = " " * MONTH_GAP
        for row in range(len(blocks[0])):
            if row:
                text.append("\n")
            for i, block in enumerate(blocks):
                line = block[row]
                if i < last:  # the months after it start in their own column
                    line.pad_right(DAYS_WIDTH - line.cell_len)
                    line.append(gap)
                text.append_text(line)
        text.rstrip()
        return text

    def _month_lines(
        self,
        month: dt.date,
        weeks: Sequence[Sequence[dt.date]],
        days: Mapping[dt.date, CalendarDay],
        *,
        days_before: bool,
        days_after: bool,
        phases: bool,
    ) -> list[Text]:
        """A month's eight lines: its name, the weekday names, six weeks (the last ones
        empty in a shorter month, so the layout never jumps)."""
        style = self.get_component_rich_style
        title = Text(f" {month:%B %Y}".ljust(DAYS_WIDTH), style("month-grid--title"))
        if phases:
            title.append(" phase", style("month-grid--header"))
        lines = [title, Text(WEEKDAY_HEADER, style("month-grid--header"))]
        for week in [*weeks, *[[]] * (6 - len(weeks))]:
            line = Text()
            for day in week:
                outside = day.month != month.month
                if outside and not (days_before if day < month else days_after):
                    line.append(" " * CELL)
                    continue
                info = days.get(day)
                state = info.state if info else DayState.NONE
                cell = Text(f"{day.day:>3}{SYMBOLS[state]}")
                cell.stylize(self._state_style(state))
                if info is not None and info.check_in:  # photos due that day
                    cell.stylize("underline", 3 - len(str(day.day)), 3)
                if outside:
                    cell.stylize(style("month-grid--outside"))
                if day == self.today:
                    cell.stylize(style("month-grid--today"))
                if day == self.cursor:
                    cell.stylize(style("month-grid--cursor"))
                line.append_text(cell)
            if week and phases:
                line.append(" " + self._week_phase(week, days), style("month-grid--phase"))
            lines.append(line)
        return lines

    def _state_style(self, state: DayState) -> Style | str:
        name = {
            DayState.DONE: "done",
            DayState.EARLY: "done",
            DayState.LATE: "late",
            DayState.MISSED: "missed",
            DayState.PLANNED: "planned",
            DayState.OVERDUE: "overdue",
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
        months = max(1, self.months)
        if months == 1:
            return GRID_WIDTH if self.phases else DAYS_WIDTH
        return months * DAYS_WIDTH + (months - 1) * MONTH_GAP

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2 + 6  # title, weekday names, always six week rows: the layout never jumps
