"""First run: what scalp-tui does, and (once) that it is not medical advice."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Header, Static

from scalp_tui.domain.disclaimer import NOT_MEDICAL_ADVICE
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.widgets.footer import KeyFooter

WELCOME = """\
[b]Welcome to scalp-tui[/b]

A companion for at-home scalp microneedling with a derma-roller:\
"""
#: Each its own paragraph beside its bullet: wrapped to the width the terminal has, every line
#: under the first one's words (they were wrapped by hand for 80 columns, and raggedly at 64).
BULLETS = (
    "a calendar of the ramp: once a week for a month, twice a week for a month, then once a "
    "month for upkeep;",
    "a guided session timer with a prompt for every zone and direction;",
    "the checklist for cleaning the roller after every session.",
)
STAYS_HERE = "Everything stays in one file on this computer; nothing goes online."

#: One paragraph: the terminal wraps it to whatever width it has.
DISCLAIMER = "[b]Not medical advice.[/b]" + NOT_MEDICAL_ADVICE.removeprefix("Not medical advice.")


class Bullets(Widget):
    """Bulleted paragraphs, each wrapped under its own first word, as one widget: the
    welcome is a first frame, and a bullet and a paragraph in a row of their own each (nine
    widgets) cost it about a tenth of the bare app's start."""

    def __init__(self, items: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items

    def lines(self, width: int) -> list[str]:
        room = max(1, width - len(MARK))
        lines: list[str] = []
        for item in self.items:
            wrapped = textwrap.wrap(item, room) or [""]
            lines.append(MARK + wrapped[0])
            lines += [" " * len(MARK) + rest for rest in wrapped[1:]]
        return lines

    def render(self) -> str:
        return "\n".join(self.lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))


MARK = "• "


class WelcomeScreen(ScalpScreen[None]):
    BINDINGS = [Binding("enter", "app.setup", "Set up my plan", id="welcome.setup")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome-text")
        yield Bullets(BULLETS, id="welcome-bullets")
        yield Static(STAYS_HERE, id="welcome-stays")
        yield Static(DISCLAIMER, id="disclaimer")
        yield Static("Press [b]enter[/b] to set up your plan.", id="welcome-next")
        yield KeyFooter()
