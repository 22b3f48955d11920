"""A widget with a day under a cursor: arrows move it, page up/down a month, enter opens the day.
The calendar's months and the year's map are both one (each binds the keys its drawing reads
as left/right and up/down)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class DayCursor(Widget, can_focus=True):
    """``cursor`` is the day shown under the cursor; its owner hears ``CursorMoved`` and
    ``DayChosen``."""

    cursor: reactive[dt.date] = reactive(dt.date(2000, 1, 1), always_update=True)

    class CursorMoved(Message):
        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    class DayChosen(Message):
        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.set_reactive(DayCursor.cursor, today)

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
