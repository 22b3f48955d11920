"""Labelled lines: a column of labels, each value wrapped under its own column.

What a two-column ``rich.table.Table`` shows, drawn as one Text for the width the widget has.
A Table measures and lays out its columns on every render, and Textual renders a panel several
times while it lays out a screen; on the calendar that was ~10 ms of every start.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


@dataclass(frozen=True)
class Line:
    """One labelled line; an emphasised value is bold.

    A value given as a tuple is a run of chunks ("Wed 25 Nov,", "in 2 days"): wrapping puts
    whole chunks on a line, and breaks inside one only when it is wider than the column.
    A value given as a string wraps between words.
    """

    label: str
    value: str | tuple[str, ...]
    emphasis: bool = False

    @property
    def chunks(self) -> tuple[str, ...]:
        return self.value if isinstance(self.value, tuple) else tuple(self.value.split())


def wrap_chunks(chunks: Sequence[str], width: int) -> list[str]:
    """Chunks joined by spaces into lines of at most ``width`` cells, a chunk kept whole
    unless it is wider than a line.

    >>> wrap_chunks(["Wed 25 Nov,", "Sun 29 Nov"], 19)
    ['Wed 25 Nov,', 'Sun 29 Nov']
    """
    lines: list[str] = []
    current = ""
    for chunk in chunks:
        if current and cell_len(current) + 1 + cell_len(chunk) <= width:
            current += " " + chunk
            continue
        if current:
            lines.append(current)
        pieces = textwrap.wrap(chunk, width) if cell_len(chunk) > width else [chunk]
        lines.extend(pieces[:-1])
        current = pieces[-1] if pieces else ""
    if current or not lines:
        lines.append(current)
    return lines


def layout(lines: Sequence[Line], note: str, width: int) -> list[tuple[str, str, str]]:
    """(label cell, value text, style of the value) for each row shown at ``width``."""
    label_width = max((cell_len(line.label) for line in lines), default=0)
    value_width = max(width - label_width - 1, 8)
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        parts = wrap_chunks(line.chunks, value_width)
        style = "bold" if line.emphasis else ""
        rows.append((line.label.ljust(label_width) + " ", parts[0], style))
        rows.extend((" " * (label_width + 1), part, style) for part in parts[1:])
    if note:
        if rows:
            rows.append(("", "", ""))
        style = "italic" if lines else ""
        rows.extend(("", part, style) for part in textwrap.wrap(note, max(width, 8)))
    return rows


class LabelledLines(Widget):
    """``show(lines, note)``: the lines, then the note (italic under lines) wrapped to width."""

    DEFAULT_CSS = "LabelledLines { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[Line, ...] = ()
        self._note = ""

    def show(self, lines: Sequence[Line], note: str = "") -> None:
        self._lines, self._note = tuple(lines), note
        self.refresh(layout=True)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        for i, (label, value, style) in enumerate(
            layout(self._lines, self._note, self.content_size.width)
        ):
            if i:
                text.append("\n")
            text.append(label, "bold")
            text.append(value, style)
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(layout(self._lines, self._note, width))
