"""The key bar every screen shows, drawn as one line of text.

Textual's Footer (8.2.8) is a scrolling container with a widget per key, rebuilt whenever a
screen's bindings *may* have changed (a screen appearing, focus moving, a modal closing). On the
calendar that was ten widgets to compose, style and lay out before the first frame, and three
rebuilds; at 80 columns the session's keys ran past the edge, with Help and Quit out of sight.

KeyFooter draws the same keys, styled as Footer's, as one Text, redrawn only when the keys
change. A key is still clicked like a Footer key (it presses the key). When the terminal is too
narrow for every key, it shows the first ones that fit, and always Help, Quit and the command
palette (on the right, as in Footer), which lists every command.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from scalp_tui.domain.text import display_text

if TYPE_CHECKING:
    from textual.screen import Screen

#: Binding ids shown even when the bar is too narrow for every key.
ESSENTIAL = frozenset({"app.help", "app.quit"})
GROUP_MARK = "▏"


@dataclass(frozen=True)
class Key:
    """One key in the bar."""

    key: str  # the key a click presses
    display: str  # how the bar writes it
    description: str
    enabled: bool = True
    essential: bool = False

    @property
    def width(self) -> int:
        description = cell_len(self.description) + 1 if self.description else 0
        return cell_len(self.display) + description


def shown_keys(screen: Screen[object]) -> tuple[tuple[Key, ...], Key | None]:
    """The keys a bar on ``screen`` shows now, in order, and the command palette's key."""
    app = screen.app
    keys: list[Key] = []
    palette = None
    actions: set[str] = set()  # as Footer: one key per action, the first shown
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        palette_key = binding.key == app.COMMAND_PALETTE_BINDING
        if not (binding.show or palette_key) or binding.action in actions:
            continue
        actions.add(binding.action)
        key = Key(
            binding.key,
            app.get_key_display(binding),
            binding.description,
            enabled,
            binding.id in ESSENTIAL,
        )
        if not palette_key:
            keys.append(key)
        elif app.ENABLE_COMMAND_PALETTE:
            palette = key
    return tuple(keys), palette


def fit(keys: Sequence[Key], width: int) -> list[Key]:
    """The keys shown in ``width`` cells, one space apart: all of them if they fit, else the
    essential ones and the others, in order, up to the first that does not fit."""

    def cells(shown: Sequence[Key]) -> int:
        return sum(key.width for key in shown) + max(len(shown) - 1, 0)

    if cells(keys) <= width:
        return list(keys)
    room = width - cells([key for key in keys if key.essential])
    chosen: set[Key] = set()
    for key in keys:
        if key.essential:
            continue
        if key.width + 1 > room:
            break
        chosen.add(key)
        room -= key.width + 1
    return [key for key in keys if key.essential or key in chosen]


class KeyFooter(Widget):
    """The bar of keys at the bottom of a screen; ``keys`` are the descriptions it shows."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
        "key-footer--banner",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
        & > .key-footer--separator {
            color: $foreground 20%;
        }
        & > .key-footer--banner {
            color: $text-warning;
            background: $warning-muted;
            text-style: bold;
        }
    }
    """

    def __init__(self, session_banner: bool = True) -> None:
        """``session_banner``: show the app's ``session_line`` (a session paused elsewhere)
        above the keys; the session's own screen does not."""
        super().__init__()
        self._with_banner = session_banner
        self._banner: str | None = None
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._cells: list[tuple[int, int, Key]] = []  # where render drew each key
        self._hover: Key | None = None

    @property
    def keys(self) -> list[str]:
        """The descriptions of the keys shown at the bar's width (the palette's last)."""
        shown = [key.description for key in self._fitted()[0]]
        return shown + ([self._palette.description] if self._palette else [])

    def on_mount(self) -> None:
        self._keys, self._palette = shown_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        if self._with_banner and hasattr(self.app, "session_line"):
            self.watch(self.app, "session_line", self._banner_changed)

    def _banner_changed(self, line: str | None) -> None:
        if line != self._banner:
            self._banner = line
            self.refresh(layout=True)

    @property
    def banner(self) -> str | None:
        return self._banner

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Footer: not while the app is unfocused, nor for another screen's bindings.
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = shown_keys(screen)
        if shown != (self._keys, self._palette):
            self._keys, self._palette = shown
            self.refresh()

    # -- the mouse, as on Footer's keys: a click presses the key -------------------------
    def key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._cells if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        if self._banner and event.y == 0:  # "...; s to resume"
            self.app.simulate_key("s")
            return
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()

    # -- drawing --------------------------------------------------------------------------
    def _fitted(self) -> tuple[list[Key], int]:
        """The keys that fit beside the palette's, and the cells the palette's takes."""
        palette = self._palette
        palette_cells = palette.width + 2 if palette else 0  # a space, the separator
        return fit(self._keys, self.size.width - palette_cells), palette_cells

    def _append(self, text: Text, key: Key) -> None:
        start = text.cell_len
        extra = Style(dim=not key.enabled)
        if key == self._hover:
            extra += self.get_component_rich_style("key-footer--hover")
        text.append(key.display, self.get_component_rich_style("key-footer--key") + extra)
        if key.description:
            style = self.get_component_rich_style("key-footer--description") + extra
            text.append(f" {key.description}", style)
        self._cells.append((start, text.cell_len, key))

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        self._cells = []
        keys, palette_cells = self._fitted()
        for i, key in enumerate(keys):
            if i:
                text.append(" ")
            self._append(text, key)
        if self._palette is not None:
            text.append(" " * max(self.size.width - text.cell_len - palette_cells, 0))
            separator = self.get_component_rich_style("key-footer--separator")
            text.append(f" {GROUP_MARK}", separator)
            self._append(text, self._palette)
        if not self._banner:
            return text
        line = display_text(self._banner).ljust(self.size.width)
        banner = Text(line, no_wrap=True, overflow="ellipsis")
        banner.stylize(self.get_component_rich_style("key-footer--banner"))
        return Text("\n", no_wrap=True, overflow="crop", end="").join([banner, text])
