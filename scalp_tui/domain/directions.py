"""The directions a pass is rolled in: a fixed vocabulary, each with its arrow.

Front is the top of the head map (the head seen from above, face up), so "front to back" points
down and "left to right" points right. The domain stores the names; the screen draws the arrows:
``ARROWS`` gives a direction's arrow glyph, ``big_arrow`` a drawing of it in block characters,
five rows high, that reads from two metres.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

FRONT_TO_BACK = "front to back"
BACK_TO_FRONT = "back to front"
LEFT_TO_RIGHT = "left to right"
RIGHT_TO_LEFT = "right to left"
DIAGONAL_FRONT_LEFT = "diagonal, front-left to back-right"
DIAGONAL_FRONT_RIGHT = "diagonal, front-right to back-left"

#: Every direction, in the order a list of them is offered, with its arrow glyph.
ARROWS: Mapping[str, str] = MappingProxyType(
    {
        FRONT_TO_BACK: "↓",
        BACK_TO_FRONT: "↑",
        LEFT_TO_RIGHT: "→",
        RIGHT_TO_LEFT: "←",
        DIAGONAL_FRONT_LEFT: "↘",
        DIAGONAL_FRONT_RIGHT: "↙",
    }
)
#: The names alone, in the same order.
DIRECTIONS: tuple[str, ...] = tuple(ARROWS)

#: A big arrow is drawn on a square grid of this many pixels a side; a character cell holds
#: two pixels, one above the other (``▀``, ``▄``, ``█``), and is about twice as tall as it is
#: wide, so each pixel is about square: BIG_ARROW_SIZE columns by BIG_ARROW_SIZE // 2 rows.
BIG_ARROW_SIZE = 10
BIG_ARROW_WIDTH = BIG_ARROW_SIZE
BIG_ARROW_HEIGHT = BIG_ARROW_SIZE // 2

Pixels = frozenset[tuple[int, int]]


def _pixels(rows: tuple[str, ...]) -> Pixels:
    return frozenset((x, y) for y, row in enumerate(rows) for x, ch in enumerate(row) if ch == "#")


# The two arrows drawn by hand; the other four are these turned or mirrored.
_DOWN = _pixels(
    (
        "...####...",
        "...####...",
        "...####...",
        "...####...",
        "...####...",
        "##########",
        ".########.",
        "..######..",
        "...####...",
        "....##....",
    )
)
_DOWN_RIGHT = _pixels(
    (
        "##........",
        "###.......",
        ".###......",
        "..###....#",
        "...###..##",
        "....######",
        ".....#####",
        ".....#####",
        "....######",
        "...#######",
    )
)


def _transpose(pixels: Pixels) -> Pixels:
    return frozenset((y, x) for x, y in pixels)


def _flip_vertical(pixels: Pixels) -> Pixels:
    return frozenset((x, BIG_ARROW_SIZE - 1 - y) for x, y in pixels)


def _flip_horizontal(pixels: Pixels) -> Pixels:
    return frozenset((BIG_ARROW_SIZE - 1 - x, y) for x, y in pixels)


def _draw(pixels: Pixels) -> tuple[str, ...]:
    """Two pixel rows to a line of half and full blocks."""
    cells = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    return tuple(
        "".join(cells[(x, y) in pixels, (x, y + 1) in pixels] for x in range(BIG_ARROW_SIZE))
        for y in range(0, BIG_ARROW_SIZE, 2)
    )


_RIGHT = _transpose(_DOWN)

#: Each direction's big arrow: BIG_ARROW_HEIGHT lines of BIG_ARROW_WIDTH cells each.
BIG_ARROWS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        FRONT_TO_BACK: _draw(_DOWN),
        BACK_TO_FRONT: _draw(_flip_vertical(_DOWN)),
        LEFT_TO_RIGHT: _draw(_RIGHT),
        RIGHT_TO_LEFT: _draw(_flip_horizontal(_RIGHT)),
        DIAGONAL_FRONT_LEFT: _draw(_DOWN_RIGHT),
        DIAGONAL_FRONT_RIGHT: _draw(_flip_horizontal(_DOWN_RIGHT)),
    }
)


def find_direction(name: str) -> str | None:
    """The vocabulary's spelling of ``name`` (case and outer spaces aside), or None.

    >>> find_direction(" Front to Back ")
    'front to back'
    >>> find_direction("in circles") is None
    True
    """
    wanted = name.strip().casefold()
    return next((known for known in DIRECTIONS if known == wanted), None)


def arrow(name: str) -> str | None:
    """The arrow glyph of direction ``name`` (any case), or None for a name not in the list.

    >>> arrow("Left to right")
    '→'
    """
    known = find_direction(name)
    return None if known is None else ARROWS[known]


def arrows(names: tuple[str, ...], sep: str = "") -> str | None:
    """The arrows of the directions a session rolled, in order; None if one is not in the list
    (a session from an older file: say how many instead).

    >>> arrows(("front to back", "back to front"))
    '↓↑'
    >>> arrows(("in circles",)) is None
    True
    >>> arrows(("front to back", "left to right"), sep=" ")
    '↓ →'
    """
    glyphs = [arrow(name) for name in names]
    return sep.join(g for g in glyphs if g) if all(glyphs) else None


def big_arrow(name: str) -> tuple[str, ...] | None:
    """The big arrow of direction ``name`` (any case), or None for a name not in the list.

    >>> big_arrow("front to back")
    ('   ████   ', '   ████   ', '▄▄▄████▄▄▄', ' ▀██████▀ ', '   ▀██▀   ')
    """
    known = find_direction(name)
    return None if known is None else BIG_ARROWS[known]
