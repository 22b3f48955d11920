"""The desktop notification of ``scalp-tui remind``.

A notification never fails the command: the notifier is looked up with ``which`` (``notify-send``
on Linux, ``osascript`` on macOS, whichever exists), run with a timeout, and a missing, failing
or silent one is reported as a note, the reminder having been printed already.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Which = Callable[[str], str | None]

TITLE = "scalp-tui"
#: A notifier that has not answered by then is killed; the reminder was printed anyway.
NOTIFY_TIMEOUT_S = 5.0


def applescript_string(text: str) -> str:
    """``text`` as an AppleScript string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def notifier_command(text: str, which: Which = shutil.which) -> list[str] | None:
    """The command that shows ``text`` as a desktop notification, or None when no notifier
    is found. ``notify-send`` first (Linux and other freedesktop systems), then ``osascript``
    (macOS)."""
    notify_send = which("notify-send")
    if notify_send:
        # "--": the text is never read as an option.
        return [notify_send, f"--app-name={TITLE}", "--", TITLE, text]
    osascript = which("osascript")
    if osascript:
        script = (
            f"display notification {applescript_string(text)} "
            f"with title {applescript_string(TITLE)}"
        )
        return [osascript, "-e", script]
    return None


def notify(text: str, which: Which = shutil.which, timeout: float = NOTIFY_TIMEOUT_S) -> str | None:
    """Show ``text`` as a desktop notification. None when shown, else one line saying why not;
    never raises for the notifier's sake and never waits longer than ``timeout``."""
    command = notifier_command(text, which)
    if command is None:
        return "no notify-send or osascript found: no desktop notification"
    name = Path(command[0]).name
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{name} did not answer within {timeout:g} s: no desktop notification"
    except OSError as exc:
        return f"cannot run {name}: {exc.strerror or exc}"
    if done.returncode != 0:
        said = _first_line(done.stderr.decode("utf-8", "replace"))
        return f"{name} failed (exit {done.returncode})" + (f": {said}" if said else "")
    return None


def _first_line(text: str, limit: int = 200) -> str:
    """The first non-blank line, without control characters, at most ``limit`` characters."""
    for line in text.splitlines():
        clean = "".join(c for c in line if c.isprintable()).strip()
        if clean:
            return clean[:limit]
    return ""
