"""Exit status, bad input and the one-line messages: shared by the CLI and its commands,
importing neither."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


class OutputFailed(Exception):
    """Writing to standard output or error failed: a closed pipe, a full disk, an encoding
    that cannot write the text (exit 3, as any output that could not be written)."""

    def __init__(
        self, stream: TextIO, name: str, error: OSError | UnicodeEncodeError, done: str = ""
    ) -> None:
        if isinstance(error, BrokenPipeError):
            message = f"{name} was closed before everything was written (broken pipe)"
        elif isinstance(error, UnicodeEncodeError):
            character = error.object[error.start : error.start + 1]
            message = (
                f"cannot write to {name}: its encoding ({error.encoding}) has no "
                f"{character!a}; set PYTHONIOENCODING=utf-8"
            )
        else:
            message = f"cannot write to {name}: {error.strerror or error}"
        if done:
            message += f"; {done}"
        super().__init__(message)
        self.stream = stream
        self.name = name
        self.error = error


@contextmanager
def already_done(what: str) -> Iterator[None]:
    """Around the lines that confirm a write already made: if they cannot be printed (a full
    disk, a closed pipe), the error line says ``what`` was done, so nobody runs the command
    again and, say, logs one session twice."""
    try:
        yield
    except OutputFailed as exc:
        raise OutputFailed(exc.stream, exc.name, exc.error, done=what) from exc


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
