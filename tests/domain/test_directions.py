"""The direction vocabulary: names in order, an arrow glyph each, big arrows that point where the
glyph points (front is the top of the map)."""

from __future__ import annotations

from collections import Counter

import pytest

from scalp_tui.domain.directions import (
    ARROWS,
    BIG_ARROW_HEIGHT,
    BIG_ARROW_WIDTH,
    BIG_ARROWS,
    DIRECTIONS,
    arrow,
    big_arrow,
    find_direction,
)

#: Which way each glyph points on screen: (right, down).
POINTS = {"↓": (0, 1), "↑": (0, -1), "→": (1, 0), "←": (-1, 0), "↘": (1, 1), "↙": (-1, 1)}


def test_the_vocabulary_in_order_with_its_arrows():
    assert list(ARROWS.items()) == [
        ("front to back", "↓"),
        ("back to front", "↑"),
        ("left to right", "→"),
        ("right to left", "←"),
        ("diagonal, front-left to back-right", "↘"),
        ("diagonal, front-right to back-left", "↙"),
    ]
    assert tuple(ARROWS) == DIRECTIONS
    assert list(BIG_ARROWS) == list(DIRECTIONS)


def test_the_mappings_cannot_be_changed():
    with pytest.raises(TypeError):
        ARROWS["in circles"] = "↻"  # type: ignore[index]
    with pytest.raises(TypeError):
        BIG_ARROWS["in circles"] = ()  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("front to back", "front to back"),
        ("  Back To Front ", "back to front"),
        ("DIAGONAL, FRONT-LEFT TO BACK-RIGHT", "diagonal, front-left to back-right"),
        ("in circles", None),
        ("front  to back", None),
        ("", None),
    ],
)
def test_find_direction_ignores_case_and_outer_spaces_only(name, found):
    assert find_direction(name) == found
    assert arrow(name) == (None if found is None else ARROWS[found])
    assert big_arrow(name) == (None if found is None else BIG_ARROWS[found])


def pixels(rows: tuple[str, ...]) -> set[tuple[int, int]]:
    """The drawing's pixels: a cell holds two, one above the other."""
    top = {"▀": True, "█": True, "▄": False, " ": False}
    bottom = {"▀": False, "█": True, "▄": True, " ": False}
    found = set()
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            if top[ch]:
                found.add((x, 2 * y))
            if bottom[ch]:
                found.add((x, 2 * y + 1))
    return found


@pytest.mark.parametrize("name", DIRECTIONS)
def test_a_big_arrow_is_a_block_of_blocks(name):
    rows = BIG_ARROWS[name]
    assert len(rows) == BIG_ARROW_HEIGHT == 5
    assert {len(row) for row in rows} == {BIG_ARROW_WIDTH} == {10}
    assert set("".join(rows)) <= set(" ▀▄█")
    assert len(pixels(rows)) >= 30  # a shape, not a speck


@pytest.mark.parametrize("name", DIRECTIONS)
def test_a_big_arrow_points_the_way_its_glyph_does(name):
    """Across the way the glyph points, the arrow is widest at its head, in the half it points
    to, and the other half (the shaft) is at most half as wide."""
    right, down = POINTS[ARROWS[name]]
    centre = (BIG_ARROW_WIDTH - 1) / 2 * right + (2 * BIG_ARROW_HEIGHT - 1) / 2 * down
    widths = Counter(x * right + y * down for x, y in pixels(BIG_ARROWS[name]))
    head = max(widths, key=lambda along: widths[along])
    assert head > centre
    assert max(width for along, width in widths.items() if along < centre) <= widths[head] / 2


def test_every_big_arrow_differs():
    assert len(set(BIG_ARROWS.values())) == len(DIRECTIONS)
