"""A fix for Textual 8.2.8, applied once when the app loads, on that version only.

``apply()`` patches Textual only when the installed Textual is ``WRITTEN_FOR``: on any other
version it does nothing, and ``tests/ui/test_textual_fixes.py`` fails, loudly, until someone
checks the fix against the new Textual (is the bug still there? is the method still the one
the fix wraps? ``SOURCE_SHA256`` pins its source) and moves ``WRITTEN_FOR`` on, or deletes the
fix. Remove it once Textual fixes the bug itself.

* ``OptionList._move_page`` (page up/down in the command palette, a Select's overlay or a
  SelectionList) indexes ``_index_to_line`` without the ``KeyError`` guard that
  ``scroll_to_highlight`` has: a page key that arrives before the list has been laid out (fast
  typing, a paste) raises and ends the app. Found here by the monkey test; seen in the wild too
  (kagan-sh/kagan-legacy#31, through a Select's overlay). Not a speed fix: it stops a crash.

  The issue to file with Textual (github.com/Textualize/textual/issues)::

    Title: OptionList page up/down raises KeyError before the list has been laid out

    Textual 8.2.8, Python 3.11, Linux. `OptionList._move_page` reads
    `self._index_to_line[self.highlighted or 0]`, which is filled in at layout. A page key
    handled before the first layout (typed ahead, pasted, or sent while the list is hidden)
    raises KeyError and the app exits. `scroll_to_highlight` guards the same lookup with
    `except KeyError: return`.

        from textual.app import App, ComposeResult
        from textual.widgets import OptionList

        class PageDownEarly(App[None]):
            def compose(self) -> ComposeResult:
                yield OptionList("one", "two", "three")

            def on_mount(self) -> None:
                options = self.query_one(OptionList)
                options.highlighted = 0
                options.action_page_down()  # before the first layout

        PageDownEarly().run()

    Expected: nothing happens (there is no page to move by yet), as with `scroll_to_highlight`.
    Actual: `KeyError: 0` in `_move_page` (widgets/_option_list.py, line 1002); the app exits.

Measured and removed (issue 16): three start-up patches, none of which moved ``make bench``'s
first frame beyond its noise (0.05-0.1 of the ratio): keeping the stylesheet's parse cache
across ``set_variables``/``reparse`` (~10 ms, a copy of ``Stylesheet.reparse``), painting the
first frame at ``on_ready`` (the bench's markers arrive in a partial frame before it; the whole
frame came ~20 ms sooner), and skipping the restyle of a screen's first ``ScreenResume`` (~5 ms).
"""

from __future__ import annotations

import os

import textual
from textual.widgets import OptionList

#: The Textual these fixes were written for, and checked against.
WRITTEN_FOR = "8.2.8"

#: sha256 of ``inspect.getsource`` of each Textual method a fix wraps, in ``WRITTEN_FOR``.
SOURCE_SHA256 = {
    "textual.widgets.OptionList._move_page": (
        "85f7f3300576348633e5b3d791650f44cc1da1dc5b33861047a4137c36f61375"
    ),
}

_original_move_page = OptionList._move_page


def installed_textual() -> str | None:
    """The installed Textual's version, from its ``.dist-info`` folder's name.

    ``importlib.metadata`` says the same but costs ~10 ms of every start to import; None when
    the folder is not beside the package (an editable Textual): the fixes then stay off.
    """
    site = os.path.dirname(os.path.dirname(textual.__file__))
    prefix, suffix = "textual-", ".dist-info"
    found = [
        name[len(prefix) : -len(suffix)]
        for name in os.listdir(site)
        if name.startswith(prefix) and name.endswith(suffix)
    ]
    return found[0] if len(found) == 1 else None


def _move_page(self: OptionList, direction: int) -> None:
    if (self.highlighted or 0) not in self._index_to_line:
        return  # not laid out yet: there is no page to move by
    _original_move_page(self, direction)  # type: ignore[arg-type]


def apply(version: str | None = None) -> bool:
    """Patch Textual if it is ``WRITTEN_FOR`` (``version``: the installed one unless given).

    True when patched; on any other version Textual is left as it is.
    """
    if (installed_textual() if version is None else version) != WRITTEN_FOR:
        return False
    OptionList._move_page = _move_page  # type: ignore[method-assign]
    return True
