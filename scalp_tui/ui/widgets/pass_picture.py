"""A pass, and the move before one, as a picture read from two metres away while the eyes are on
a mirror: the head map with the zone lit, the zone in big letters, a big arrow.

Its look (sizes, the move's colour) is the session screen's stylesheet's: this widget only
fills its parts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from scalp_tui.domain.directions import big_arrow
from scalp_tui.domain.steps import Step, StepKind
from scalp_tui.ui.format import plain
from scalp_tui.ui.widgets.big_text import BigText
from scalp_tui.ui.widgets.head_map import HeadMap

#: From this many rows, a zone's name may take two lines of the biggest letters.
TALL_ROWS = 34
#: From this size (columns, rows) the head map is drawn twice as large.
LARGE_MAP = (112, 36)


def pictured(step: Step) -> bool:
    """Whether ``step`` is shown as a picture: a pass, or the move to one."""
    return step.kind in (StepKind.PASS, StepKind.MOVE) and step.zone is not None


class PassPicture(Horizontal):
    """The head map beside the zone's name and the direction (a move: "MOVE TO" or "TURN"
    over the next zone, and no arrow anywhere: nobody should roll while moving)."""

    def compose(self) -> ComposeResult:
        yield HeadMap(id="head-map")
        with Vertical(id="pass-words"):
            with Vertical(id="move-head"):  # a move only: "MOVE TO" over the zone
                yield BigText("MOVE TO", id="move-big", max_rows=5)
            yield BigText(id="zone-big", max_rows=5)
            with Horizontal(id="direction-row"):
                yield Static(id="big-arrow")
                yield Static(id="direction-words")

    def fit(self, width: int, height: int) -> None:
        """The zone's letters as big as the height allows beside the map; the map twice as
        large with room for it and a countdown of eleven rows or so below."""
        self.query_one("#zone-big", BigText).max_rows = 5 if height < TALL_ROWS else 11
        large = width >= LARGE_MAP[0] and height >= LARGE_MAP[1]
        self.query_one(HeadMap).scale = 2 if large else 1

    def show(self, step: Step, before: Step | None) -> None:
        """Draw ``step`` (a pass or a move; see :func:`pictured`); ``before``: the step before
        it (a move between two directions of one zone says TURN)."""
        moving = step.kind is StepKind.MOVE
        head = self.query_one(HeadMap)
        head.zone, head.upcoming = step.zone, moving
        head.direction = None if moving else step.direction
        self.query_one("#zone-big", BigText).text = (step.zone or "").upper()
        drawing = big_arrow(step.direction or "") if not moving else None
        self.query_one("#big-arrow", Static).update("\n".join(drawing) if drawing else "")
        if moving:  # the "next:" line names the direction to roll
            turning = before is not None and before.zone == step.zone  # the same zone again
            self.query_one("#move-big", BigText).text = "TURN" if turning else "MOVE TO"
            words = Content("Lift the roller; do not roll.")
        else:
            words = Content.assemble(
                plain(f"roll {step.direction}"),
                "\nLight pressure. Lift the roller to return; one way only.",
            )
        self.query_one("#direction-words", Static).update(words)
