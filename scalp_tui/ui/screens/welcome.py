"""First run: what scalp-tui does, and (once) that it is not medical advice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
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


class WelcomeScreen(ScalpScreen[None]):
    BINDINGS = [Binding("enter", "app.setup", "Set up my plan", id="welcome.setup")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome-text")
        for bullet in BULLETS:
            with Horizontal(classes="welcome-bullet"):
                yield Static("•", classes="welcome-bullet-mark")
                yield Static(bullet, classes="welcome-bullet-text")
        yield Static(STAYS_HERE, id="welcome-stays")
        yield Static(DISCLAIMER, id="disclaimer")
        yield Static("Press [b]enter[/b] to set up your plan.", id="welcome-next")
        yield KeyFooter()
