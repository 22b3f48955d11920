"""A one-line bar chart on a fixed scale: a value's bar is as high as the value, whatever the
others are.

Textual's ``Sparkline`` (8.2.8) scales to its data, from the smallest value to the largest, and
stretches the values over its width: a single 0 draws a full bar, and 1, 2, 1, 3 draws the 1s as
flat as nothing. A chart titled "0-3" has to draw 0 low and 3 full, always.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

#: Eight heights of block; the lowest is drawn for 0, so a 0 shows (a blank is no value).
BARS = "▁▂▃▄▅▆▇█"


def bars(values: Sequence[int], top: int) -> str:
    """One character a value, its height ``value / top`` of a full block (0 the lowest bar).

    >>> bars([0, 1, 2, 3], top=3)
    '▁▃▆█'
    """
    last = len(BARS) - 1
    return "".join(BARS[max(0, min(last, (v * last * 2 + top) // (2 * top)))] for v in values)


class ScaleBars(Widget):
    """The last ``slots`` values, newest at the right, on the scale 0 to ``top``.

    Always ``slots`` cells wide, so the layout around it does not move as values come.
    """

    DEFAULT_CSS = "ScaleBars { width: auto; height: 1; color: $primary; }"

    def __init__(self, top: int, slots: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.top = top
        self.slots = slots
        self._values: tuple[int, ...] = ()

    @property
    def values(self) -> tuple[int, ...]:
        return self._values

    def show(self, values: Sequence[int], top: int | None = None) -> None:
        """Draw ``values`` (the last ``slots`` of them), on 0 to ``top`` if given."""
        self._values = tuple(values[-self.slots :])
        if top is not None:
            self.top = top
        self.refresh()

    def render(self) -> Text:
        return Text(bars(self._values, self.top).rjust(self.slots), no_wrap=True, end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.slots

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1
