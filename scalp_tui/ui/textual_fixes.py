"""Fixes for the pinned Textual (8.2.8), applied once when the app loads.

Each one names what it fixes and how it was found; remove it when Textual fixes it itself.

* ``OptionList._move_page`` (page up/down in the command palette, a Select's overlay or a
  SelectionList) indexes ``_index_to_line`` without the ``KeyError`` guard that
  ``scroll_to_highlight`` has: a page key that arrives before the list has been laid out (fast
  typing, a paste) raises and ends the app. Seen in the wild too (kagan-sh/kagan-legacy#31).
  Found here by the monkey test.
* The stylesheet's parse cache. ``Stylesheet.set_variables`` empties it even when the
  variables are the ones it already has, and ``Stylesheet.reparse`` parses into a fresh
  stylesheet with a cache of its own, which it then drops. The first screen of a mode refreshes
  the CSS, so start-up parsed the app's whole stylesheet three times (~10 ms). Found by timing
  the first frame. The cache is keyed by the CSS text and emptied when the variables change,
  so keeping it never serves rules parsed with other variables.
* The first frame. Textual lays out and renders the first screen inside its start-up batch,
  which drops the frame it renders; the screen then counts as painted, and the terminal shows
  nothing until the next refresh tick after a second layout. ``paint_first_frame`` paints it
  when the app is ready. Found by timing the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList

if TYPE_CHECKING:
    from textual.app import App

_original_move_page = OptionList._move_page
_original_set_variables = Stylesheet.set_variables


def _move_page(self: OptionList, direction: int) -> None:
    if (self.highlighted or 0) not in self._index_to_line:
        return  # not laid out yet: there is no page to move by
    _original_move_page(self, direction)  # type: ignore[arg-type]


def _set_variables(self: Stylesheet, variables: dict[str, str]) -> None:
    if variables != self._variables:
        _original_set_variables(self, variables)


def _reparse(self: Stylesheet) -> None:
    # Stylesheet.reparse of Textual 8.2.8, with the fresh stylesheet sharing this one's cache.
    stylesheet = Stylesheet(variables=self._variables)
    stylesheet._parse_cache = self._parse_cache
    for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
        stylesheet.add_source(
            css,
            read_from=read_from,
            is_default_css=is_defaults,
            tie_breaker=tie_breaker,
            scope=scope,
        )
    try:
        stylesheet.parse()
    except Exception:
        self._invalid_css.update(stylesheet._invalid_css)
        raise
    self._rules = stylesheet.rules
    self._rules_map = None
    self.source = stylesheet.source
    self._require_parse = False


def paint_first_frame(app: App[Any]) -> None:
    """Send the current screen to the terminal now, whole; call it when the app is ready."""
    screen = app.screen
    if app._batch_count or len(app.screen_stack) != 1 or not screen.is_mounted:
        return  # a dialog or a screen still being built: the next refresh paints it
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    app._display(screen, update)


def apply() -> None:
    OptionList._move_page = _move_page  # type: ignore[method-assign]
    Stylesheet.set_variables = _set_variables  # type: ignore[method-assign]
    Stylesheet.reparse = _reparse  # type: ignore[method-assign]
