"""The countdown of a timed step, as big as the room it is given: the number glanced at most,
from two metres, while the eyes are on a mirror.

The digits are seven segments of block characters, drawn at any height from four rows up (a
cell is about twice as high as it is wide, so a segment is laid out on a grid of half rows:
``▀`` and ``▄`` draw half a cell); every digit is as wide as the others, so the countdown does
not shift as it runs. In three rows: Textual's bold three-by-three digits; in less, the text.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.widget import Widget

#: The segments of each digit: a top, b top right, c bottom right, d bottom, e bottom left,
#: f top left, g middle.
SEGMENTS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abdeg",
    "3": "abcdg",
    "4": "bcfg",
    "5": "acdfg",
    "6": "acdefg",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
}
#: The biggest digits drawn, in rows: a larger room leaves blank rows around them.
MAX_ROWS = 15
#: The smallest height the segments are drawn at; below it, Textual's small digits.
MIN_SEGMENT_ROWS = 4
#: Two half rows (top, bottom) as one character.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _stroke(rows: int) -> int:
    """How thick a segment is, in half rows across and in columns down (about a seventh of the
    digit's height, and even, so that the middle segment sits in the middle)."""
    return 2 * max(1, round(rows / 7))


def _glyph(ch: str, rows: int) -> list[list[bool]]:
    """``ch`` (a digit or ":") as a grid of half rows (``2 * rows`` of them) by columns."""
    halves = 2 * rows
    thick = _stroke(rows)
    if ch == ":":
        grid = [[False] * thick for _ in range(halves)]
        for centre in (round(halves * 0.3), round(halves * 0.7)):
            for y in range(centre - thick // 2, centre - thick // 2 + thick):
                grid[y] = [True] * thick
        return grid
    width = rows + 1
    grid = [[False] * width for _ in range(halves)]
    middle = rows - thick // 2  # the first half row of the middle segment

    def fill(top: int, bottom: int, left: int, right: int) -> None:
        for y in range(top, bottom):
            for x in range(left, right):
                grid[y][x] = True

    spans = {
        "a": (0, thick, 0, width),
        "g": (middle, middle + thick, 0, width),
        "d": (halves - thick, halves, 0, width),
        "f": (0, middle + thick, 0, thick),
        "b": (0, middle + thick, width - thick, width),
        "e": (middle, halves, 0, thick),
        "c": (middle, halves, width - thick, width),
    }
    for segment in SEGMENTS[ch]:
        fill(*spans[segment])
    return grid


def _small(text: str) -> tuple[str, ...]:
    """``text`` in Textual's bold three-row digits."""
    rows = ["", "", ""]
    for ch in text:
        at = DIGITS.index(ch) * 3
        glyph = DIGITS3X3_BOLD[at : at + 3]
        width = max(cell_len(line) for line in glyph)
        for y in range(3):
            rows[y] += glyph[y].ljust(width)
    return tuple(rows)


@lru_cache(maxsize=64)
def clock_rows(text: str, rows: int) -> tuple[str, ...]:
    """``text`` (digits and ":", as ``0:30``) drawn ``rows`` high: seven segments from
    MIN_SEGMENT_ROWS rows, Textual's small digits at 3, the text itself below; every row as
    wide as the others."""
    if not text or any(ch not in SEGMENTS and ch != ":" for ch in text):
        return (text,)
    if rows < 3:
        return (text,)
    if rows < MIN_SEGMENT_ROWS:
        return _small(text)
    gap = [[False] * _stroke(rows) for _ in range(2 * rows)]
    grid: list[list[bool]] = [[] for _ in range(2 * rows)]
    for i, ch in enumerate(text):
        pieces = [gap, _glyph(ch, rows)] if i else [_glyph(ch, rows)]
        for piece in pieces:
            for y, line in enumerate(piece):
                grid[y].extend(line)
    return tuple(
        "".join(_HALVES[top, bottom] for top, bottom in zip(grid[y], grid[y + 1], strict=True))
        for y in range(0, 2 * rows, 2)
    )


@lru_cache(maxsize=64)
def clock_layout(text: str, width: int, height: int) -> tuple[str, ...]:
    """``text`` as big as fits ``width`` by ``height`` cells (at most MAX_ROWS high): the
    rows, or the text itself when not even the small digits fit."""
    for rows in range(min(height, MAX_ROWS), 2, -1):
        drawn = clock_rows(text, rows)
        if cell_len(drawn[0]) <= width:
            return drawn
    return (text,)


class BigClock(Widget):
    """``text`` (a countdown, ``0:30``) as big as the widget's size allows, in the middle of
    it. The widget takes the room it is given (``1fr`` high by default); with five rows or
    more, the digits leave a blank row above them."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        min-height: 3;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    text: reactive[str] = reactive("")

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigClock.text, text)

    @property
    def rows_now(self) -> tuple[str, ...]:
        """The rows of the digits at the widget's present size."""
        width, height = self.content_size
        room = height - 1 if height >= 5 else height  # a blank row between it and what is above
        return clock_layout(self.text, width, room)

    def render(self) -> Text:
        width, height = self.content_size
        drawn = self.rows_now
        above = (height - len(drawn) + 1) // 2
        lines = [""] * above + [row.center(width) for row in drawn]  # every row as wide
        return Text("\n".join(lines), no_wrap=True, overflow="crop", end="")
