"""Inline messages: an error line that takes no room until it has something to say."""

from __future__ import annotations

from textual.widgets import Static

from scalp_tui.ui.format import plain_lines


class InlineError(Static):
    """Hidden while empty; ``show`` a message, ``show("")`` to clear it.

    The message is plain text, never markup: it may echo what the user typed.
    """

    DEFAULT_CSS = """
    InlineError {
        color: $error;
        height: auto;
        display: none;
    }
    InlineError.-shown {
        display: block;
    }
    """

    def show(self, message: str) -> None:
        self.update(plain_lines(message))
        self.set_class(bool(message), "-shown")
