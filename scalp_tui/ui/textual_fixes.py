"""A guard for a crash in the pinned Textual (8.2.8), applied once when the app loads.

``OptionList._move_page`` (page up/down in the command palette, a Select's overlay or a
SelectionList) indexes ``_index_to_line`` without the ``KeyError`` guard that
``scroll_to_highlight`` has: a page key that arrives before the list has been laid out (fast
typing, a paste) raises and ends the app. Seen in the wild too (kagan-sh/kagan-legacy#31).
Found here by the monkey test. Remove when Textual guards it itself.
"""

from __future__ import annotations

from textual.widgets import OptionList

_original_move_page = OptionList._move_page


def _move_page(self: OptionList, direction: int) -> None:
    if (self.highlighted or 0) not in self._index_to_line:
        return  # not laid out yet: there is no page to move by
    _original_move_page(self, direction)  # type: ignore[arg-type]


def apply() -> None:
    OptionList._move_page = _move_page  # type: ignore[method-assign]
