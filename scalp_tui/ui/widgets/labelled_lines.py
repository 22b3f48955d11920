"""Labelled lines: a column of labels, each value wrapped under its own column.

What a two-column ``rich.table.Table`` shows, drawn as one Text for the width the widget has.
A Table measures and lays out its columns on every render, and Textual renders a panel several
times while it lays out a screen; on the calendar that was ~10 ms of every start.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


@dataclass(frozen=True)
class Line:
    """One labelled line; an emphasised value is bold."""

    label: str
    value: str
    emphasis: bool = False


def layout(lines: Sequence[Line], note: str, width: int) -> list[tuple[str, str, str]]:
    """(label cell, value text, style of the value) for each row shown at ``width``."""
    label_width = max((len(line.label) for line in lines), default=0)
    value_width = max(width - label_width - 1, 8)
    rows: list[tuple[str, str, str]] = []
    for line in lines:
        parts = textwrap.wrap(line.value, value_width) or [""]
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
