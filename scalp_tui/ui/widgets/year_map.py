"""The year as a heat map, in the manner of Loop Habit Tracker's history card.

Seven weekday rows, one column per week (newest on the right), as many weeks as the width holds
(a year, 53 weeks, from 110 columns); month names above the columns, each month's adherence
under them. Every state has its own glyph and colour, so the map reads without colour too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size

from scalp_tui.domain.calendar import DayState
from scalp_tui.domain.year import YEAR_WEEKS, Week, month_labels, week_columns
from scalp_tui.ui.widgets.day_cursor import DayCursor

#: Glyph and component class of each state: no two states share either.
GLYPHS: dict[DayState, tuple[str, str]] = {
    DayState.DONE: ("✓", "done"),
    DayState.EARLY: ("↶", "early"),
    DayState.LATE: ("↷", "late"),
    DayState.MISSED: ("✗", "missed"),
    DayState.EXTRA: ("+", "extra"),
    DayState.SESSION: ("•", "session"),
    DayState.PLANNED: ("○", "planned"),
    DayState.OVERDUE: ("!", "overdue"),
    DayState.NONE: ("·", "none"),
}
#: The legend's words for each state, in the legend's order.
LEGEND_WORDS: dict[DayState, str] = {
    DayState.DONE: "done",
    DayState.EARLY: "done early",
    DayState.LATE: "done late",
    DayState.MISSED: "missed",
    DayState.EXTRA: "extra",
    DayState.SESSION: "for another day",
    DayState.PLANNED: "planned",
    DayState.NONE: "nothing due",
    DayState.OVERDUE: "overdue",
}
#: The colour of each state, as the legend marks it up (the map's CSS says the same).
COLOURS: dict[DayState, str] = {
    DayState.DONE: "$success",
    DayState.EARLY: "$success-lighten-3",
    DayState.LATE: "$warning",
    DayState.MISSED: "$error",
    DayState.EXTRA: "$secondary-lighten-2",
    DayState.SESSION: "$success-darken-2",
    DayState.PLANNED: "$primary-lighten-1",
    DayState.OVERDUE: "$text-warning",
    DayState.NONE: "$text-disabled",
}
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
#: "Mo " before the first column.
LABEL_WIDTH = 3
#: A glyph and a space.
COLUMN = 2
#: The weekday column's label of the row of percentages.
PERCENT_LABEL = "%"

StateLookup = Callable[[Sequence[dt.date]], Mapping[dt.date, DayState]]
MonthPercent = Callable[[dt.date], int | None]


def month_name(month: dt.date) -> str:
    """``Nov``; January with its year, ``Jan'27``, where the year turns.

    (January was named by its year alone, as on Loop's card: "Dec 2026 Feb" read as if the
    December before it were in 2026.)

    >>> month_name(dt.date(2026, 11, 1)), month_name(dt.date(2027, 1, 1))
    ('Nov', "Jan'27")
    """
    return f"{month:%b'%y}" if month.month == 1 else f"{month:%b}"


def weeks_for(width: int) -> int:
    """Weeks a map ``width`` cells wide shows: as many as fit, a year at most."""
    return max(1, min(YEAR_WEEKS, (width - LABEL_WIDTH) // COLUMN))


def legend(columns: int = 2) -> Content:
    """Each state's glyph in its colour and its words, ``columns`` entries a line, and last
    what the percentages under the months are (five lines of two: the year fits 64x20)."""
    entries = [
        Content.styled(GLYPHS[state][0], f"bold {COLOURS[state]}") + Content(" " + words)
        for state, words in LEGEND_WORDS.items()
    ]
    entries.append(Content.styled(PERCENT_LABEL, "bold") + Content(" due dates kept"))
    rows = [entries[start : start + columns] for start in range(0, len(entries), columns)]
    # Each column as wide as its longest entry ("↷ done late"), then two spaces.
    widths = [max(len(row[i]) for row in rows if i < len(row)) + 2 for i in range(columns)]
    lines = []
    for row in rows:
        parts = [
            entry if i == len(row) - 1 else entry.pad_right(widths[i] - len(entry))
            for i, entry in enumerate(row)
        ]
        lines.append(Content("").join(parts))
    return Content("\n").join(lines)


class YearMap(DayCursor):
    """Arrows move the cursor a day (up, down) or a week (left, right), page up/down a month;
    the columns follow the cursor. ``open_day`` says which day to open (the screen binds the
    key, as for ``MonthGrid``)."""

    DEFAULT_CSS = """
    YearMap {
        width: 100%;
        height: auto;
        padding: 0 1;
    }
    YearMap > .year-map--label { color: $text-muted; }
    YearMap > .year-map--percent { color: $text; text-style: bold; }
    YearMap > .year-map--today { text-style: bold underline; }
    YearMap > .year-map--cursor { text-style: reverse; }
    YearMap:focus > .year-map--cursor { background: $accent; color: $text; text-style: bold; }
    YearMap > .year-map--done { color: $success; text-style: bold; }
    YearMap > .year-map--early { color: $success-lighten-3; text-style: bold; }
    YearMap > .year-map--late { color: $warning; text-style: bold; }
    YearMap > .year-map--missed { color: $error; text-style: bold; }
    YearMap > .year-map--extra { color: $secondary-lighten-2; text-style: bold; }
    YearMap > .year-map--session { color: $success-darken-2; }
    YearMap > .year-map--planned { color: $primary-lighten-1; text-style: bold; }
    YearMap > .year-map--overdue { color: $text-warning; text-style: bold; }
    YearMap > .year-map--none { color: $text-disabled; }
    /* NO_COLOR: each colour greyed by its brightness made a planned day dimmer than text;
       the glyphs say the state, every day but the empty ones as bright as text. */
    App:nocolor YearMap > .year-map--done,
    App:nocolor YearMap > .year-map--early,
    App:nocolor YearMap > .year-map--late,
    App:nocolor YearMap > .year-map--missed,
    App:nocolor YearMap > .year-map--extra,
    App:nocolor YearMap > .year-map--session,
    App:nocolor YearMap > .year-map--planned,
    App:nocolor YearMap > .year-map--overdue { color: $foreground; }
    """
    COMPONENT_CLASSES = {
        "year-map--label",
        "year-map--percent",
        "year-map--today",
        "year-map--cursor",
        *(f"year-map--{name}" for _glyph, name in GLYPHS.values()),
    }
    BINDINGS = [
        Binding("left", "move(-7)", "Week", show=False, id="year.week_back"),
        Binding("right", "move(7)", "Week", show=False, id="year.week_forward"),
        Binding("up", "move(-1)", "Day", show=False, id="year.day_back"),
        Binding("down", "move(1)", "Day", show=False, id="year.day_forward"),
        Binding("pageup", "month(-1)", "Month back", show=False, id="year.month_back"),
        Binding("pagedown", "month(1)", "Month on", show=False, id="year.month_forward"),
    ]

    def __init__(
        self,
        today: dt.date,
        lookup: StateLookup,
        month_percent: MonthPercent,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(today, id=id)
        self.lookup = lookup
        self.month_percent = month_percent
        #: The Monday of the last column: today's week until the cursor leaves the columns.
        self.last_week = today - dt.timedelta(days=today.weekday())

    def columns(self, width: int) -> list[Week]:
        """The weeks shown at ``width``, the cursor's among them: the last column stays put
        until the cursor leaves the map, which then follows it."""
        weeks = weeks_for(width)
        monday = self.cursor - dt.timedelta(days=self.cursor.weekday())
        if monday > self.last_week:
            self.last_week = monday
        elif monday <= self.last_week - dt.timedelta(weeks=weeks):
            self.last_week = monday + dt.timedelta(weeks=weeks - 1)
        return week_columns(self.last_week, weeks)

    def render(self) -> Text:
        columns = self.columns(self.content_size.width)
        states = self.lookup([day for week in columns for day in week])
        style = self.get_component_rich_style
        label_style = style("year-map--label")
        # The month the map opens in is named only where its whole name fits ("Jan'26").
        labels = month_labels(columns, width=len(month_name(columns[0][0])) if columns else 3)

        text = Text(no_wrap=True, end="")
        head = Text(" " * LABEL_WIDTH)
        percents = Text(PERCENT_LABEL.ljust(LABEL_WIDTH), label_style)
        width = self.content_size.width
        for column, month in labels:
            at = LABEL_WIDTH + column * COLUMN
            # A month that begins in the last columns gets what room is left: "Jan'27" then
            # "Jan" (a label longer than the map wrapped it onto a line of its own, pushing
            # the percentages off the map).
            name = month_name(month)
            if at + len(name) > width:
                name = f"{month:%b}"[: max(0, width - at)]
            head.pad_right(at - head.cell_len)
            head.append(name, label_style)
            percent = self.month_percent(month)
            said = f"{percent}%"
            if percent is not None and at + len(said) <= width:
                percents.pad_right(at - percents.cell_len)
                percents.append(said, style("year-map--percent"))
        text.append_text(head)
        for weekday, name in enumerate(WEEKDAYS):
            text.append("\n")
            text.append(name.ljust(LABEL_WIDTH), label_style)
            for week in columns:
                day = week[weekday]
                glyph, name_ = GLYPHS[states.get(day, DayState.NONE)]
                cell = Text(glyph, style(f"year-map--{name_}"))
                if day == self.today:
                    cell.stylize(style("year-map--today"))
                if day == self.cursor:
                    cell.stylize(style("year-map--cursor"))
                text.append_text(cell)
                text.append(" ")
        text.append("\n")
        text.append_text(percents)
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(WEEKDAYS) + 1  # month names, the weekdays, the percentages
