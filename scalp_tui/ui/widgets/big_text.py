"""A short text in big letters, as big as the width allows: the zone of a pass, read from two
metres.

The letters are figlet fonts that ship with pyfiglet, drawn in block characters (they read
from further away than the line-drawing fonts): the largest font whose rendering fits the
width, the text split after a "/" or at spaces when that lets a larger font fit; the plain
text in bold, wrapped, when no font fits or a font lacks one of the text's characters (figlet
leaves out a character its font does not have, which would misspell the text).

pyfiglet is imported on the first big text, so the app's start does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from rich.cells import cell_len, chop_cells
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from scalp_tui.domain.text import display_text

#: From large to small: ansi_regular is five rows of full blocks (about 8 cells a letter),
#: smblock four rows of quarter blocks (about 3 cells a letter), future three rows of heavy
#: lines (about 2.5 cells a letter).
FONTS: tuple[str, ...] = ("ansi_regular", "smblock", "future")
#: At most this many lines of big letters; a longer text takes a smaller font.
MAX_LINES = 3
#: Pieces of text a line may break between: after a "/", or at spaces.
_PIECE = re.compile(r"[^\s/]*/|[^\s/]+")


@dataclass(frozen=True)
class BigLayout:
    """What a text looks like at a width: its rows, and the font (None: the plain text)."""

    rows: tuple[str, ...]
    font: str | None
    #: How the text was split into lines before drawing each in the font.
    lines: tuple[str, ...]

    @property
    def width(self) -> int:
        return _width(self.rows)


@cache
def _renderer(font: str) -> tuple[Callable[[str], str], frozenset[int]]:
    """The font's rendering function and the characters it has (loaded once a font)."""
    import pyfiglet  # imported here: only a session's pass shows big letters

    figlet = pyfiglet.Figlet(font=font, width=1_000_000)  # we fit it ourselves: never wrap
    known = frozenset(figlet.Font.chars)

    def render(text: str) -> str:
        return str(figlet.renderText(text))

    return render, known


def figlet_rows(text: str, font: str) -> tuple[str, ...] | None:
    """``text`` drawn in ``font``: its rows with the blank rows above and below removed, each
    padded to the same width (so centring keeps the letters whole); None when the font lacks a
    character of ``text``."""
    render, known = _renderer(font)
    if any(ord(ch) not in known for ch in text):
        return None
    rows = [row.rstrip() for row in render(text).split("\n")]
    while rows and not rows[-1]:
        rows.pop()
    while rows and not rows[0]:
        rows.pop(0)
    width = _width(tuple(rows))
    return tuple(row + " " * (width - cell_len(row)) for row in rows)


def _width(rows: tuple[str, ...]) -> int:
    return max((cell_len(row) for row in rows), default=0)


def pieces(text: str) -> list[tuple[str, str]]:
    """The pieces a line may break between, each with what joins it to the previous one.

    >>> pieces("front/hairline")
    [('', 'front/'), ('', 'hairline')]
    >>> pieces("left side")
    [('', 'left'), (' ', 'side')]
    """
    found: list[tuple[str, str]] = []
    end = 0
    for match in _PIECE.finditer(text):
        joint = "" if not found or text[end : match.start()] == "" else " "
        found.append((joint, match.group()))
        end = match.end()
    return found


def _fit_font(text: str, font: str, width: int, max_rows: int | None) -> BigLayout | None:
    """The fewest lines of ``text`` in ``font`` whose rows fit ``width`` (greedy: each line
    takes as many pieces as fit), or None when a piece alone is too wide or the whole is taller
    than ``max_rows``."""
    lines: list[str] = []
    blocks: list[tuple[str, ...]] = []
    for joint, piece in pieces(text):
        if lines:
            longer = lines[-1] + joint + piece
            rows = figlet_rows(longer, font)
            if rows is None:
                return None
            if _width(rows) <= width:
                lines[-1], blocks[-1] = longer, rows
                continue
        rows = figlet_rows(piece, font)
        if rows is None or _width(rows) > width:
            return None
        lines.append(piece)
        blocks.append(rows)
    if len(lines) > MAX_LINES:
        return None
    drawn: list[str] = []
    for block in blocks:
        if drawn:
            drawn.append("")  # a blank row between lines of big letters
        drawn.extend(block)
    if max_rows is not None and len(drawn) > max_rows:
        return None
    return BigLayout(tuple(drawn), font, tuple(lines))


def wrap_plain(text: str, width: int) -> tuple[str, ...]:
    """``text`` wrapped between words to lines of at most ``width`` cells; a word wider than a
    line is cut.

    >>> wrap_plain("left side of the head", 10)
    ('left side', 'of the', 'head')
    """
    lines: list[str] = []
    for word in text.split():
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
            continue
        lines.extend(chop_cells(word, width) if cell_len(word) > width else [word])
    return tuple(lines)


@lru_cache(maxsize=64)
def big_layout(text: str, width: int, max_rows: int | None = None) -> BigLayout:
    """``text`` (the user's: shown with no control character) as big as fits ``width`` cells
    and ``max_rows`` rows: the largest of FONTS, on as few lines as that font allows, else the
    plain text wrapped."""
    shown = " ".join(display_text(text).split())
    if not shown or width < 1:
        return BigLayout((), None, ())
    for font in FONTS:
        fitted = _fit_font(shown, font, width, max_rows)
        if fitted is not None:
            return fitted
    plain = wrap_plain(shown, width)
    return BigLayout(plain, None, plain)


class BigText(Widget):
    """``text`` in big letters that fit the widget's width; as many rows high as they take.

    ``max_rows`` (None: no limit) caps the height the big letters may take: a taller rendering
    gives way to a smaller font. The plain text (the fallback) is never cut.
    """

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    BigText > .big-text--plain { text-style: bold; }
    """

    COMPONENT_CLASSES = {"big-text--plain"}

    text: reactive[str] = reactive("", layout=True)
    max_rows: reactive[int | None] = reactive(None, layout=True)

    def __init__(
        self,
        text: str = "",
        *,
        max_rows: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigText.text, text)
        self.set_reactive(BigText.max_rows, max_rows)

    @property
    def layout_now(self) -> BigLayout:
        """The rendering at the widget's present width."""
        return big_layout(self.text, self.content_size.width, self.max_rows)

    def render(self) -> Text:
        shown = self.layout_now
        style = self.get_component_rich_style("big-text--plain") if shown.font is None else ""
        return Text("\n".join(shown.rows), style=style, no_wrap=True, overflow="crop", end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return big_layout(self.text, container.width, self.max_rows).width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(big_layout(self.text, width, self.max_rows).rows)
