"""Photos on the terminal: which of textual-image's renderers draws them, and the small copies
they are drawn from. Imported with the Photos screen only: it loads Pillow and textual-image.

textual-image (0.12) chooses its renderer when ``textual_image.renderable`` is first imported:
if stdout is a terminal it asks the terminal (Sixel? Kitty's graphics protocol?) by writing an
escape sequence and reading the answer from stdin. Once Textual runs, its input thread reads
stdin: the answer would be lost to it or read as keys. So the renderer is chosen here from the
environment, without asking the terminal, and the package is imported with stdout looking
like no terminal (it then asks nothing):

- ``SCALP_TUI_IMAGES`` = ``kitty``, ``sixel`` or ``halfcell`` chooses (the tests say
  ``halfcell``: coloured half blocks, the same on every machine);
- else Kitty's graphics in Kitty (not inside tmux, which does not pass them on);
- else Sixel in the terminals known to draw them (foot, WezTerm, mlterm, contour, Konsole,
  iTerm2), not inside tmux or screen;
- else half-cell blocks, which every terminal draws.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image as PILImage

if TYPE_CHECKING:
    from collections.abc import Iterator

    from textual.widget import Widget

#: The environment variable that chooses the renderer.
RENDERER_VARIABLE = "SCALP_TUI_IMAGES"
RENDERERS = ("kitty", "sixel", "halfcell")
#: The longest side of the copy a panel draws: more than a terminal shows in half blocks, and
#: decoded in a few milliseconds from the stored 2048-pixel JPEG (Pillow's draft mode).
SHOWN_SIDE = 640
SIXEL_TERMINALS = ("foot", "wezterm", "mlterm", "contour", "iterm.app", "konsole")


def renderer_for(env: Mapping[str, str]) -> str:
    """The renderer this terminal gets (see the module's docstring).

    >>> renderer_for({"TERM": "xterm-kitty"}), renderer_for({"TERM": "xterm-kitty", "TMUX": "1"})
    ('kitty', 'halfcell')
    >>> renderer_for({"TERM": "foot"}), renderer_for({"TERM": "foot", RENDERER_VARIABLE: "kitty"})
    ('sixel', 'kitty')
    """
    chosen = env.get(RENDERER_VARIABLE, "").strip().lower()
    if chosen in RENDERERS:
        return chosen
    term = env.get("TERM", "").lower()
    if env.get("TMUX") or term.startswith(("screen", "tmux")):
        return "halfcell"
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID"):
        return "kitty"
    program = env.get("TERM_PROGRAM", "").lower()
    if env.get("KONSOLE_VERSION") or any(
        name in (term, program) or term.startswith(name) for name in SIXEL_TERMINALS
    ):
        return "sixel"
    return "halfcell"


@contextmanager
def _no_terminal_queries() -> Iterator[None]:
    """stdout as textual-image's import sees it: not a terminal, so it asks it nothing."""
    real = sys.__stdout__
    sys.__stdout__ = io.StringIO()  # type: ignore[misc, assignment]
    try:
        yield
    finally:
        sys.__stdout__ = real  # type: ignore[misc]


def image_class(env: Mapping[str, str] | None = None) -> type[Widget]:
    """textual-image's widget for this terminal (``renderer_for``)."""
    if "textual_image.renderable" not in sys.modules:
        with _no_terminal_queries():
            import textual_image.widget  # noqa: F401 - the import that would ask the terminal
    from textual_image.widget import HalfcellImage, SixelImage, TGPImage

    chosen = renderer_for(os.environ if env is None else env)
    classes: dict[str, type[Widget]] = {
        "kitty": TGPImage,
        "sixel": SixelImage,
        "halfcell": HalfcellImage,
    }
    return classes[chosen]


def shown_copy(path: Path) -> PILImage.Image:
    """The picture at ``path`` at most SHOWN_SIDE pixels long, decoded (run in a worker)."""
    with PILImage.open(path) as image:
        image.draft("RGB", (SHOWN_SIDE, SHOWN_SIDE))
        copy = image.convert("RGB")  # the stored copy is upright already
    copy.thumbnail((SHOWN_SIDE, SHOWN_SIDE))
    return copy


def blend(first: PILImage.Image, second: PILImage.Image) -> PILImage.Image:
    """Half of each: the second fitted onto the first's size (run in a worker)."""
    if second.size != first.size:
        second = second.resize(first.size)
    return PILImage.blend(first, second, 0.5)


def set_image(widget: Any, image: PILImage.Image | None) -> None:
    """textual-image's ``image`` property (its widgets are typed as plain widgets here)."""
    widget.image = image
