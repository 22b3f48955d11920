"""The pass view's widgets (issue 14, "a picture, not a sentence"): the head map with the zone lit
and the direction's arrow, the zone's name in big letters, and the countdown in big digits. All
must read without colour and from across a room, so the tests look at the glyphs on screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget

from scalp_tui.domain.directions import DIRECTIONS
from scalp_tui.ui.widgets.big_clock import SEGMENTS, BigClock, clock_layout, clock_rows
from scalp_tui.ui.widgets.big_text import BigText, figlet_rows
from scalp_tui.ui.widgets.head_map import (
    MAP_HEIGHT,
    MAP_WIDTH,
    SCALES,
    ZONE_CELLS,
    HeadMap,
    map_size,
    template,
    zone_cells,
)
from tests.pilots import screen_lines

ROOT = Path(__file__).resolve().parents[2]
ZONES = ("front/hairline", "top", "crown", "left side", "right side")
#: Each direction's glyph and the way it points on screen: (right, down); front is at the top.
ARROW_WAYS = {
    "front to back": ("↓", (0, 1)),
    "back to front": ("↑", (0, -1)),
    "left to right": ("→", (1, 0)),
    "right to left": ("←", (-1, 0)),
    "diagonal, front-left to back-right": ("↘", (1, 1)),
    "diagonal, front-right to back-left": ("↙", (-1, 1)),
}
ARROW_GLYPHS = {glyph for glyph, _ in ARROW_WAYS.values()}


class Holder(App[None]):
    """One widget at the top left of an otherwise empty screen."""

    CSS = "Screen { layout: vertical; }"

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


def cell_map(app: App[Any], widget: Widget) -> dict[tuple[int, int], str]:
    """The character on screen at each (column, row) of the widget's content."""
    region = widget.content_region
    lines = screen_lines(app)
    return {
        (x, y): lines[region.y + y][region.x + x]
        for y in range(region.height)
        for x in range(region.width)
    }


# The head map


def test_the_zones_lie_where_they_are_on_a_head_seen_from_above_face_up():
    def rows(zone: str) -> set[int]:
        return {y for _, y in ZONE_CELLS[zone]}

    def columns(zone: str) -> set[int]:
        return {x for x, _ in ZONE_CELLS[zone]}

    assert max(rows("front/hairline")) < min(rows("top"))
    assert max(rows("top")) < min(rows("crown"))
    assert max(columns("left side")) < min(columns("top")) <= max(columns("top"))
    assert max(columns("top")) < min(columns("right side"))
    for zone in ZONES:
        assert ZONE_CELLS[zone]
        for other in ZONES:
            assert other == zone or not ZONE_CELLS[zone] & ZONE_CELLS[other]


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("zone", ZONES)
async def test_the_lit_zone_is_drawn_in_other_glyphs_than_the_rest(monkeypatch, zone, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    head = HeadMap(zone=zone.upper())  # any case
    app = Holder(head)
    assert app.no_color is no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert head.size == (MAP_WIDTH, MAP_HEIGHT) == (24, 11)
        cells = cell_map(app, head)
        lines = screen_lines(app)
        assert "front" in lines[0] and "back" in lines[MAP_HEIGHT - 1]
        for other in ZONES:
            shown = {cells[cell] for cell in ZONE_CELLS[other]}
            assert shown == ({"█"} if other == zone else {"·"}), other
        head.upcoming = True  # the "move to" step: the same zone as next, in another fill
        await pilot.pause()
        cells = cell_map(app, head)
        assert {cells[cell] for cell in ZONE_CELLS[zone]} == {"▒"}
        assert "█" not in "".join(screen_lines(app))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("direction", DIRECTIONS)
async def test_the_direction_is_an_arrow_across_the_lit_zone(zone, direction):
    glyph, (right, down) = ARROW_WAYS[direction]
    head = HeadMap(zone=zone, direction=direction)
    app = Holder(head)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cells = cell_map(app, head)
        heads = [cell for cell, ch in cells.items() if ch in ARROW_GLYPHS]
        assert heads and {cells[cell] for cell in heads} == {glyph}
        assert len(heads) == 1 and heads[0] in ZONE_CELLS[zone]
        # the line ends in the head: every other cell of it lies behind, against the way it points
        line = [cell for cell in ZONE_CELLS[zone] if cells[cell] in "┃━╲╱"]
        assert line
        hx, hy = heads[0]
        for x, y in line:
            assert (hx - x) * right + (hy - y) * down > 0
        # the rest of the zone is still lit, the other zones not
        rest = ZONE_CELLS[zone] - {*line, *heads}
        assert {cells[cell] for cell in rest} == {"█"}
        head.upcoming = True
        await pilot.pause()
        cells = cell_map(app, head)
        assert cells[heads[0]] == glyph
        assert {cells[cell] for cell in rest} == {"▒"}


@pytest.mark.parametrize("zone", ["nape", "behind the ears", "", "crown area", None])
async def test_a_zone_not_on_the_map_lights_nothing(zone):
    head = HeadMap(zone=zone, direction="front to back")
    app = Holder(head)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cells = cell_map(app, head)
        for name in ZONES:
            assert {cells[cell] for cell in ZONE_CELLS[name]} == {"·"}
        drawn = "".join(cells.values())
        assert not {"█", "▒", *ARROW_GLYPHS} & set(drawn)
        head.zone = "Crown"  # a reactive: the map follows
        await pilot.pause()
        cells = cell_map(app, head)
        assert {cells[cell] for cell in ZONE_CELLS["crown"]} >= {"█", "↓"}


async def test_a_direction_not_in_the_vocabulary_draws_no_arrow():
    head = HeadMap(zone="top", direction="in circles")
    app = Holder(head)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cells = cell_map(app, head)
        assert {cells[cell] for cell in ZONE_CELLS["top"]} == {"█"}
        head.direction = "Back to front"
        await pilot.pause()
        cells = cell_map(app, head)
        assert "↑" in {cells[cell] for cell in ZONE_CELLS["top"]}


# Big text


class Sized(App[None]):
    """A BigText in a column ``width`` cells wide, on an 80x24 screen."""

    def __init__(self, text: str, width: int, max_rows: int | None = None) -> None:
        super().__init__()
        self.big = BigText(text, max_rows=max_rows)
        self.column_width = width

    def compose(self) -> ComposeResult:
        yield self.big

    def on_mount(self) -> None:
        self.big.styles.width = self.column_width


async def shown_rows(app: Sized) -> list[str]:
    """The widget's rows as the screen shows them, trailing blanks removed."""
    region = app.big.region
    lines = screen_lines(app)
    return [lines[y][region.x : region.right].rstrip() for y in range(region.y, region.bottom)]


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize(
    "text",
    ["CROWN", "FRONT/HAIRLINE", "LEFT SIDE", "RIGHT SIDE", "TOP", "Behind the left ear"],
)
async def test_big_text_fits_the_width_and_shows_every_row_whole(text, width):
    app = Sized(text, width)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.big.layout_now
        assert shown.font is not None  # big letters, not the fallback, at 40 columns and up
        assert app.big.region.width == width
        assert all(len(row) <= width for row in shown.rows)
        assert app.big.region.height == len(shown.rows)  # height auto: no row cut off
        assert await shown_rows(app) == [row.rstrip() for row in shown.rows]
        # the lines it was split into hold the whole text
        assert "".join(shown.lines).replace(" ", "") == text.replace(" ", "")


async def test_a_narrower_column_takes_a_smaller_font_or_more_lines():
    fonts = {}
    for text, width in [
        ("CROWN", 80),
        ("CROWN", 40),
        ("CROWN", 10),
        ("LEFT SIDE", 80),
        ("LEFT SIDE", 40),
    ]:
        app = Sized(text, width)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = app.big.layout_now
            fonts[text, width] = (shown.font, shown.lines, len(shown.rows))
            if shown.font is None:  # the fallback: the plain text, bold
                assert await shown_rows(app) == [text]
                assert app.big.render().style
                assert "bold" in str(app.big.render().style)
    assert fonts["CROWN", 80] == ("ansi_regular", ("CROWN",), 5)
    assert fonts["CROWN", 40] == ("smblock", ("CROWN",), 4)  # ansi_regular's is 44 wide
    assert fonts["CROWN", 10] == (None, ("CROWN",), 1)  # smblock's is 15 wide
    assert fonts["LEFT SIDE", 80] == ("ansi_regular", ("LEFT SIDE",), 5)
    # two lines in the large font rather than one in a smaller
    assert fonts["LEFT SIDE", 40] == ("ansi_regular", ("LEFT", "SIDE"), 11)


async def test_front_hairline_splits_after_the_slash():
    app = Sized("FRONT/HAIRLINE", 80)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        two_lines = app.big.layout_now
        assert (two_lines.font, two_lines.lines) == ("ansi_regular", ("FRONT/", "HAIRLINE"))
        assert app.big.region.height == 11  # five rows a line, a blank row between
        app.big.max_rows = 5  # the height it may take: a smaller font on one line
        await pilot.pause()
        one_line = app.big.layout_now
        assert (one_line.font, one_line.lines) == ("smblock", ("FRONT/HAIRLINE",))
        assert app.big.region.height == 4
        app.big.text = "TOP"  # a reactive: the height follows
        await pilot.pause()
        assert app.big.layout_now.font == "ansi_regular"
        assert app.big.region.height == 5


@pytest.mark.parametrize(
    ("width", "font", "lines"),
    [
        (80, "smblock", ("nape\\x1b[2J\\x07",)),  # big letters, on one line
        (12, None, ("nape\\x1b[2J\\", "x07")),  # plain text, broken where the width ends
    ],
)
async def test_control_characters_are_shown_escaped(width, font, lines):
    app = Sized("nape\x1b[2J\x07", width)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.big.layout_now
        assert (shown.font, shown.lines) == (font, lines)
        assert "".join(shown.lines) == "nape\\x1b[2J\\x07"
        everything = "".join(screen_lines(app)) + app.big.render().plain
        assert "\x1b" not in everything and "\x07" not in everything
        if font is None:  # plain text: the rows on screen are the lines
            assert await shown_rows(app) == list(lines)


async def test_markup_and_backslashes_are_shown_as_typed():
    narrow = Sized("[b]x[/b] \\[i]", 14)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert narrow.big.layout_now.font is None
        assert await shown_rows(narrow) == ["[b]x[/b] \\[i]"]
    wide = Sized("[b]x[/b] \\[i]", 80)
    async with wide.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = wide.big.layout_now
        assert shown.font == "smblock"  # ansi_regular has no backslash: it would be left out
        rows = figlet_rows("[b]x[/b] \\[i]", shown.font)
        assert rows is not None and shown.rows == rows
        # figlet's own drawing, character for character
        import pyfiglet

        drawing = pyfiglet.Figlet(font="smblock", width=1000).renderText("[b]x[/b] \\[i]")
        expected = [row.rstrip() for row in drawing.split("\n") if row.strip()]
        assert await shown_rows(wide) == expected


def test_pyfiglet_is_imported_only_when_big_letters_are_drawn():
    probe = (
        "import sys\n"
        "import scalp_tui.ui.widgets.big_text as b\n"
        "print('pyfiglet' in sys.modules)\n"
        "b.big_layout('CROWN', 80)\n"
        "print('pyfiglet' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]


# The head map, twice as large

#: Where each outline character's lines go: (right, down) steps.
LINKS = {
    "─": {(1, 0), (-1, 0)},
    "│": {(0, 1), (0, -1)},
    "╭": {(1, 0), (0, 1)},
    "╮": {(-1, 0), (0, 1)},
    "╰": {(1, 0), (0, -1)},
    "╯": {(-1, 0), (0, -1)},
}


@pytest.mark.parametrize("scale", SCALES)
def test_every_line_of_the_outline_meets_the_next_one(scale):
    drawing = template(scale)
    width, height = map_size(scale)
    assert all(len(row) == width for row in drawing) and len(drawing) == height
    assert "front" in drawing[0] and "back" in drawing[-1]

    def at(x: int, y: int) -> str:
        return drawing[y][x] if 0 <= y < height and 0 <= x < width else " "

    for y, row in enumerate(drawing):
        for x, ch in enumerate(row):
            for dx, dy in LINKS.get(ch, ()):
                other = at(x + dx, y + dy)
                if dy == 0 and other.isalpha() and other.islower():
                    continue  # the line runs into "front" or "back"
                assert (-dx, -dy) in LINKS.get(other, ()), (scale, x, y, ch, other)
    # symmetric, left to right, but for the words
    mirror = str.maketrans("╭╮╰╯LR", "╮╭╯╰RL")
    for row in drawing:
        if "front" not in row and "back" not in row:
            assert row == row[::-1].translate(mirror)


def test_the_large_map_is_the_small_one_twice_over():
    assert map_size(1) == (MAP_WIDTH, MAP_HEIGHT) == (24, 11)
    assert map_size(2) == (48, 21)
    for zone in ZONES:
        doubled = {
            (2 * x + i, 2 * y + j) for x, y in ZONE_CELLS[zone] for i in (0, 1) for j in (0, 1)
        }
        assert zone_cells(2)[zone] == doubled


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("direction", DIRECTIONS)
async def test_the_large_map_lights_the_zone_and_draws_a_thick_arrow(zone, direction):
    glyph, (right, down) = ARROW_WAYS[direction]
    head = HeadMap(zone=zone, direction=direction, scale=2)
    app = Holder(head)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert head.size == (48, 21)
        cells = cell_map(app, head)
        own = zone_cells(2)[zone]
        heads = [cell for cell, ch in cells.items() if ch in ARROW_GLYPHS]
        assert {cells[cell] for cell in heads} == {glyph} and set(heads) <= own
        assert 1 <= len(heads) <= 2  # two cells thick, as the zone is
        line = [cell for cell in own if cells[cell] in "┃━╲╱"]
        assert len(line) >= 2
        for hx, hy in heads:
            assert any((hx - x) * right + (hy - y) * down > 0 for x, y in line)
        rest = own - {*line, *heads}
        assert {cells[cell] for cell in rest} == {"█"}
        for other in ZONES:
            if other != zone:
                assert {cells[cell] for cell in zone_cells(2)[other]} == {"·"}
        head.scale = 1  # a reactive: the map follows, and its size
        await pilot.pause()
        assert head.size == (24, 11)


# The countdown in big digits


@pytest.mark.parametrize("rows", range(3, 16))
def test_every_digit_is_as_wide_as_the_others_at_every_height(rows):
    widths = {len(clock_rows(f"{d}:{d}{d}", rows)[0]) for d in SEGMENTS}
    assert len(widths) == 1  # the countdown never shifts as it runs
    drawn = clock_rows("0:30", rows)
    assert len(drawn) == rows
    assert len({len(row) for row in drawn}) == 1


#: Each character of the big digits as the two half rows it draws: (top, bottom).
HALVES = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


@pytest.mark.parametrize("rows", [4, 5, 7, 11, 15])
def test_the_segments_draw_each_digit(rows):
    """Read back as seven segments: each lit where the digit has it, dark where it has not."""
    for digit, segments in SEGMENTS.items():
        drawn = clock_rows(digit, rows)
        grid = [[HALVES[ch][half] for ch in row] for row in drawn for half in (0, 1)]
        last, centre = len(drawn[0]) - 1, len(drawn[0]) // 2
        upper, lower = rows // 2, rows + rows // 2 - 1  # half rows between the bars
        seen = {
            "a": grid[0][centre],
            "g": grid[rows][centre],
            "d": grid[-1][centre],
            "f": grid[upper][0],
            "b": grid[upper][last],
            "e": grid[lower][0],
            "c": grid[lower][last],
        }
        assert {name for name, lit in seen.items() if lit} == set(segments), digit
        assert not grid[upper][centre] and not grid[lower][centre], digit


def test_the_countdown_takes_the_largest_size_that_fits():
    assert len(clock_layout("0:30", 200, 40)) == 15  # at most fifteen rows
    assert len(clock_layout("0:30", 26, 40)) == 5  # as wide as five rows of it are
    assert len(clock_layout("0:30", 80, 4)) == 4
    assert clock_layout("0:30", 80, 3) == clock_rows("0:30", 3)  # Textual's small digits
    assert clock_layout("0:30", 80, 2) == ("0:30",)
    assert clock_layout("0:30", 5, 20) == ("0:30",)
    assert clock_rows("paused", 7) == ("paused",)


class Clocked(App[None]):
    """A BigClock filling a screen."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.clock = BigClock(text)

    def compose(self) -> ComposeResult:
        yield self.clock


@pytest.mark.parametrize(
    ("size", "rows"), [((80, 24), 15), ((40, 12), 9), ((64, 4), 4), ((30, 3), 3)]
)
async def test_the_big_clock_fills_its_room_in_the_middle(size, rows):
    app = Clocked("1:05")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        drawn = app.clock.rows_now
        assert len(drawn) == rows
        lines = screen_lines(app)
        shown = [i for i, line in enumerate(lines) if line.strip()]
        assert len(shown) == rows  # every row, whole
        assert [lines[i].strip() for i in shown] == [row.strip() for row in drawn]
        if size[1] >= 5:  # a blank row at least above it
            assert shown[0] >= 1
        assert abs(shown[0] - (size[1] - shown[-1] - 1)) <= 1  # in the middle
        left = lines[shown[0]].find(drawn[0])
        assert abs(left - (size[0] - left - len(drawn[0]))) <= 1
        app.clock.text = "0:59"  # a reactive: the digits follow
        await pilot.pause()
        assert "".join(screen_lines(app)) != "".join(lines)
