"""The head seen from above, face up, with the zone of the pass lit and its direction drawn.

Front is at the top ("front" is written in the outline there, "back" at the bottom), so the
left side is on the viewer's left, as in the mirror's view from above. The five default zones
have a place on the map: the front/hairline band at the top, the top in the middle, the crown
behind it, the two sides along the flanks. A zone the user added has none: the map then lights
nothing, and the big text carries its name.

Every state has its own glyphs, so the map reads without colour (NO_COLOR, monochrome
terminals) and from across a room: an unlit zone is dotted ``·``, the lit zone solid ``█``, the
zone to move to next (``upcoming``) shaded ``▒``. The direction is an arrow across the lit
zone: a heavy line ending in the direction's arrow glyph (``┃┃↓``, ``━━→``, ``╲╲↘``).

With room to spare the map is drawn at twice the size (``scale``): every zone cell becomes two
by two cells, the outline's lines are stretched to meet again, and "front" and "back" stay
words.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from itertools import groupby
from operator import itemgetter
from types import MappingProxyType

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from scalp_tui.domain.directions import (
    ARROWS,
    BACK_TO_FRONT,
    DIAGONAL_FRONT_LEFT,
    DIAGONAL_FRONT_RIGHT,
    FRONT_TO_BACK,
    LEFT_TO_RIGHT,
    RIGHT_TO_LEFT,
    find_direction,
)

#: The drawing: outline characters as drawn, a zone's cells as its letter, a space as blank.
_TEMPLATE = (
    "     ╭────front───╮     ",
    "   ╭─╯ FFFFFFFFFF ╰─╮   ",
    "  ╭╯ FFFFFFFFFFFFFF ╰╮  ",
    " ╭╯ L              R ╰╮ ",
    " │ LLL TTTTTTTTTT RRR │ ",
    " │ LLL TTTTTTTTTT RRR │ ",
    " │ LLL            RRR │ ",
    " │ LLL CCCCCCCCCC RRR │ ",
    " ╰╮ LL CCCCCCCCCC RR ╭╯ ",
    "  ╰─╮  CCCCCCCCCC  ╭─╯  ",
    "    ╰─────back─────╯    ",
)
MAP_WIDTH = len(_TEMPLATE[0])
MAP_HEIGHT = len(_TEMPLATE)
#: The scales the map is drawn at: as drawn, and twice as wide and (about) twice as high.
SCALES = (1, 2)
#: The zones on the map, by name, each with its letter in the drawing.
_LETTERS = {"front/hairline": "F", "top": "T", "crown": "C", "left side": "L", "right side": "R"}
#: The words written in the outline, kept whole when the map is drawn larger.
_WORDS = ("front", "back")
#: Which way each outline character's lines leave it: up, down, left, right.
_LINKS: Mapping[str, str] = MappingProxyType(
    {"─": "lr", "│": "ud", "╭": "dr", "╮": "dl", "╰": "ur", "╯": "ul"}
)


def _doubled(template: tuple[str, ...]) -> tuple[str, ...]:
    """``template`` at twice the size: a zone's cell (or a blank) becomes two by two cells; an
    outline character keeps its place in the left or the right of its two columns (the one
    its vertical line already has, else the side its horizontal line leaves from, so the
    drawing stays symmetric), with a line drawn on to the next character, and a row of
    vertical lines below it; the words are written again, centred on their line. The empty
    row that would follow the last is left out."""
    width = len(template[0])
    rows: list[str] = []
    column: dict[int, int] = {}  # where the vertical line leaving a character downwards is
    for line in template:
        for word in _WORDS:
            line = line.replace(word, "─" * len(word))
        top = [" "] * (2 * width)
        below = [" "] * (2 * width)
        down: dict[int, int] = {}
        for x, ch in enumerate(line):
            links = _LINKS.get(ch)
            if links is None:  # a zone's letter or a blank: two by two of it
                top[2 * x] = top[2 * x + 1] = below[2 * x] = below[2 * x + 1] = ch
                continue
            if ch == "─":
                top[2 * x] = top[2 * x + 1] = ch
                continue
            # under the line it continues, else (╭ ╮) on the side its line leaves from
            side = column[x] - 2 * x if "u" in links else 0 if "r" in links else 1
            top[2 * x + side] = ch
            other = 2 * x + 1 - side
            if ("r" in links and side == 0) or ("l" in links and side == 1):
                top[other] = "─"
            if "d" in links:
                below[2 * x + side] = "│"
                down[x] = 2 * x + side
        column = down
        rows.append("".join(top))
        rows.append("".join(below))
    if not rows[-1].strip():
        rows.pop()
    for word in _WORDS:  # back in the line they were written in
        for y, source in enumerate(template):
            if word not in source:
                continue
            row = rows[2 * y]
            start = min(i for i, ch in enumerate(row) if ch in "╭╰")
            end = max(i for i, ch in enumerate(row) if ch in "╮╯")
            at = start + 1 + (end - start - 1 - len(word)) // 2
            rows[2 * y] = row[:at] + word + row[at + len(word) :]
    return tuple(rows)


@cache
def template(scale: int = 1) -> tuple[str, ...]:
    """The drawing at ``scale`` (one of SCALES)."""
    if scale not in SCALES:
        raise ValueError(f"no map at scale {scale}")
    return _TEMPLATE if scale == 1 else _doubled(_TEMPLATE)


def map_size(scale: int = 1) -> tuple[int, int]:
    """(width, height) of the map at ``scale``: 24 by 11, or 48 by 21."""
    drawing = template(scale)
    return len(drawing[0]), len(drawing)


@cache
def zone_cells(scale: int = 1) -> Mapping[str, frozenset[tuple[int, int]]]:
    """The cells (column, row) of each zone on the map at ``scale``."""
    drawing = template(scale)
    return MappingProxyType(
        {
            name: frozenset(
                (x, y) for y, row in enumerate(drawing) for x, ch in enumerate(row) if ch == letter
            )
            for name, letter in _LETTERS.items()
        }
    )


#: The cells (column, row) of each zone on the map as drawn.
ZONE_CELLS = zone_cells(1)
_ZONE_LETTERS = frozenset(_LETTERS.values())

#: Fill of a zone: not lit, lit (the pass now), next (the pass to move to).
UNLIT, LIT, NEXT = "·", "█", "▒"
#: The line of each direction's arrow, and the step (columns, rows) from one cell to the next.
_SHAFTS: Mapping[str, tuple[str, int, int]] = MappingProxyType(
    {
        FRONT_TO_BACK: ("┃", 0, 1),
        BACK_TO_FRONT: ("┃", 0, -1),
        LEFT_TO_RIGHT: ("━", 1, 0),
        RIGHT_TO_LEFT: ("━", -1, 0),
        DIAGONAL_FRONT_LEFT: ("╲", 1, 1),
        DIAGONAL_FRONT_RIGHT: ("╱", -1, 1),
    }
)

#: What a cell of the drawing shows, each with its component class ``head-map--<role>``.
ROLES = ("outline", "unlit", "lit", "next", "arrow", "next-arrow")
#: A cell of the drawing: its character and its role.
Cell = tuple[str, str]


def find_zone(zone: str | None) -> str | None:
    """The map's name for ``zone`` (any case, outer spaces aside), or None: not on the map.

    >>> find_zone("Crown"), find_zone("behind the ears")
    ('crown', None)
    """
    if zone is None:
        return None
    wanted = zone.strip().casefold()
    return wanted if wanted in ZONE_CELLS else None


def arrow_cells(cells: frozenset[tuple[int, int]], direction: str) -> list[tuple[int, int]]:
    """The cells of an arrow across a zone, in the order it is drawn, the head last.

    The line goes through the middle of the zone's box, from one edge of the zone to the other.
    """
    _, dx, dy = _SHAFTS[direction]
    xs = sorted({x for x, _ in cells})
    ys = sorted({y for _, y in cells})
    middle = (xs[(len(xs) - 1) // 2], ys[(len(ys) - 1) // 2])
    if middle not in cells:  # not for the five zones, but a line needs a cell to start from
        middle = min(cells, key=lambda c: (abs(c[0] - middle[0]) + abs(c[1] - middle[1]), c))
    backward = []
    x, y = middle[0] - dx, middle[1] - dy
    while (x, y) in cells:
        backward.append((x, y))
        x, y = x - dx, y - dy
    forward = [middle]
    x, y = middle[0] + dx, middle[1] + dy
    while (x, y) in cells:
        forward.append((x, y))
        x, y = x + dx, y + dy
    return backward[::-1] + forward


def draw(
    zone: str | None, direction: str | None, upcoming: bool = False, scale: int = 1
) -> list[list[Cell]]:
    """The map at ``scale``, row by row, cell by cell: ``zone`` lit (or shaded as next when
    ``upcoming``) with the arrow of ``direction`` across it; nothing lit for a zone not on the
    map, and no arrow for a direction not in the vocabulary. At scale 2 the arrow's line is two
    cells thick, as the zones are."""
    lit = find_zone(zone)
    lit_letter = _LETTERS[lit] if lit is not None else None
    rows: list[list[Cell]] = []
    for line in template(scale):
        row: list[Cell] = []
        for ch in line:
            if ch not in _ZONE_LETTERS:
                row.append((ch, "outline"))
            elif ch != lit_letter:
                row.append((UNLIT, "unlit"))
            else:
                row.append((NEXT, "next") if upcoming else (LIT, "lit"))
        rows.append(row)
    known = find_direction(direction) if direction is not None else None
    if lit is not None and known is not None:
        shaft, dx, _ = _SHAFTS[known]
        cells = zone_cells(scale)[lit]
        path = arrow_cells(cells, known)
        beside = (0, 1) if dx and shaft == "━" else (1, 0)  # the second line of a thick arrow
        role = "next-arrow" if upcoming else "arrow"
        for i, (x, y) in enumerate(path):
            glyph = ARROWS[known] if i == len(path) - 1 else shaft
            rows[y][x] = (glyph, role)
            twin = (x + beside[0], y + beside[1])
            if scale > 1 and twin in cells:
                rows[twin[1]][twin[0]] = (glyph, role)
    return rows


class HeadMap(Widget):
    """The head from above (front at the top), ``zone`` lit with ``direction``'s arrow across
    it; with ``upcoming``, the zone is shown as the next one (the "move to" step). MAP_WIDTH by
    MAP_HEIGHT cells (24 by 11), or twice that (48 by 21) at ``scale`` 2."""

    DEFAULT_CSS = """
    HeadMap {
        width: auto;
        height: auto;
    }
    HeadMap > .head-map--outline { color: $foreground; }
    HeadMap > .head-map--unlit { color: $text-muted; }
    HeadMap > .head-map--lit { color: $accent; text-style: bold; }
    HeadMap > .head-map--next { color: $text-primary; text-style: bold; }
    HeadMap > .head-map--arrow { color: $accent; text-style: bold reverse; }
    HeadMap > .head-map--next-arrow { color: $text-primary; text-style: bold reverse; }
    """

    COMPONENT_CLASSES = {
        "head-map--outline",
        "head-map--unlit",
        "head-map--lit",
        "head-map--next",
        "head-map--arrow",
        "head-map--next-arrow",
    }

    zone: reactive[str | None] = reactive(None)
    direction: reactive[str | None] = reactive(None)
    upcoming: reactive[bool] = reactive(False)
    scale: reactive[int] = reactive(1, layout=True)

    def __init__(
        self,
        zone: str | None = None,
        direction: str | None = None,
        upcoming: bool = False,
        *,
        scale: int = 1,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(HeadMap.zone, zone)
        self.set_reactive(HeadMap.direction, direction)
        self.set_reactive(HeadMap.upcoming, upcoming)
        self.set_reactive(HeadMap.scale, scale)

    def validate_scale(self, scale: int) -> int:
        return scale if scale in SCALES else 1

    def render(self) -> Text:
        styles = {role: self.get_component_rich_style(f"head-map--{role}") for role in ROLES}
        text = Text(no_wrap=True, overflow="crop", end="")
        for y, row in enumerate(draw(self.zone, self.direction, self.upcoming, self.scale)):
            if y:
                text.append("\n")
            for role, cells in groupby(row, key=itemgetter(1)):
                text.append("".join(ch for ch, _ in cells), styles[role])
        return text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return map_size(self.scale)[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return map_size(self.scale)[1]
