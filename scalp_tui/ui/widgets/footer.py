"""The key bar every screen shows: Textual's Footer, rebuilt only when its keys change.

Textual's Footer (8.2.8) rebuilds all its key widgets whenever a screen's bindings *may* have
changed: a screen appearing, focus moving, a modal closing. On the calendar that is three
rebuilds before the first frame, each holding the app's paint lock, and one more on every
focus move in a form. This one compares what it would show with what it shows, and rebuilds
only when they differ.

It is also compact (no padding around each key): eight keys and the palette fit in 80
columns, and each key is styled once instead of twice (Footer's ``compact`` is bound into every
FooterKey, whose own default is compact, so a non-compact footer restyles each key it makes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

#: What one key in the bar looks like: everything Footer.compose reads from a binding.
ShownKey = tuple[str, str, str, str, bool, str, object]


def shown_keys(screen: Screen[object]) -> tuple[ShownKey, ...]:
    """The keys a Footer on ``screen`` shows now, in order."""
    app = screen.app
    return tuple(
        (
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            enabled,
            tooltip,
            binding.group,
        )
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
    )


class KeyFooter(Footer):
    """A compact Footer that rebuilds only when the keys it shows change."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: tuple[ShownKey, ...] | None = None
        # Footer shows nothing until a screen's first bindings signal, then rebuilds; the
        # bindings are known when it is composed, so it shows them from its first frame.
        self._bindings_ready = True

    def compose(self) -> ComposeResult:
        self._shown = shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer.bindings_changed, with the comparison added; the rebuild reads the bindings
        # again when it runs, so a change that lands before it is shown all the same.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        keys = shown_keys(screen)
        if keys != self._shown:
            self._shown = keys
            self.call_after_refresh(self.recompose)
