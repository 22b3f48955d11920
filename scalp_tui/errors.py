"""Exit status, bad input and the one-line messages: shared by the CLI and its commands,
importing neither."""

from __future__ import annotations

from typing import TextIO

from scalp_tui.domain.text import display_text

#: 0 done; 2 bad input (usage, a value, a file the user named); 3 a database problem (and an
#: output that closed before everything was written); 130 interrupted (Ctrl-C, the shell's
#: 128 + SIGINT).
EXIT_OK, EXIT_INPUT, EXIT_DATABASE, EXIT_INTERRUPTED = 0, 2, 3, 130

PROG = "scalp-tui"
#: The longest message an ``error:``, ``note:`` or ``warning:`` line shows (a bad value in a
#: backup may be megabytes long).
MAX_MESSAGE = 500
ELLIPSIS = "..."


class InputError(Exception):
    """Bad input: exit 2, nothing written."""


def shown(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` safe for one terminal line: no control character (``display_text``: breaks
    as spaces, escapes visible) and at most ``limit`` characters, cut with an ellipsis."""
    cut = len(text) > limit
    text = display_text(text[:limit])  # escaping may lengthen it: cut again
    if cut or len(text) > limit:
        text = text[: limit - len(ELLIPSIS)] + ELLIPSIS
    return text


def message_line(kind: str, message: str) -> str:
    """``scalp-tui: <kind>: <message>`` as one safe line (``kind``: error, note, warning)."""
    return f"{PROG}: {kind}: {shown(message)}"


def say(stream: TextIO, kind: str, message: str) -> None:
    """Print a ``note`` or ``warning`` line (see :func:`message_line`) to ``stream``."""
    print(message_line(kind, message), file=stream)
