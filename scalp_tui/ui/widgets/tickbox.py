"""A checkbox whose state reads without colour.

Textual's Checkbox (8.2.8) draws ``▐X▌`` ticked or not: only the colour of the X differs, so
with NO_COLOR, on a monochrome terminal or at a glance every box reads as ticked. TickBox
draws ``▐X▌`` when ticked and ``▐ ▌`` when not, through ``BUTTON_INNER``, the character
Textual's toggle buttons document for the inside of the button.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox with an X when ticked and a blank when not."""

    GLYPH_ON = "X"
    GLYPH_OFF = " "

    def render(self) -> Content:
        # Read by ToggleButton._button when it draws the button; one cell either way, so the
        # widget's width does not change with its value.
        self.BUTTON_INNER = self.GLYPH_ON if self.value else self.GLYPH_OFF
        return super().render()
