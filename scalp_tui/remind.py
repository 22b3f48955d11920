"""``scalp-tui remind``: one desktop notification when something is due, and the daily job that
runs it (a systemd user timer on Linux, else a crontab line). No Textual.

What the reminder says is decided in :mod:`scalp_tui.domain.reminder`; here are the programs
it goes through and the files that schedule it. The texts of the unit files and of the crontab
line are pure functions, so tests read them without touching systemd or cron.

A notification never fails the command: the notifier is looked up with ``which`` (``notify-send``
on Linux, ``osascript`` on macOS, whichever exists), run with a timeout, and a missing, failing
or silent one is reported as a note, the reminder having been printed already.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Which = Callable[[str], str | None]

TITLE = "scalp-tui"
#: A notifier that has not answered by then is killed; the reminder was printed anyway.
NOTIFY_TIMEOUT_S = 5.0
UNIT = "scalp-tui-remind"
TIMER = f"{UNIT}.timer"
SERVICE = f"{UNIT}.service"
DEFAULT_AT = dt.time(9, 0)
ENABLE = f"systemctl --user daemon-reload && systemctl --user enable --now {TIMER}"
#: ``stop`` first: the unit files are gone, but a loaded timer keeps firing until stopped.
DISABLE = f"systemctl --user stop {TIMER}; systemctl --user daemon-reload"
#: From cron, ``notify-send`` finds the desktop's session bus only when told where it is.
CRON_BUS = "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus"

_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def parse_time_of_day(text: str) -> dt.time:
    """``HH:MM`` (or ``H:MM``), 00:00 to 23:59; ValueError with a message for the user."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time of day (use HH:MM, from 00:00 to 23:59)")
    return dt.time(int(match[1]), int(match[2]))


# -- the notification ------------------------------------------------------------------------


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


# -- what runs the reminder ------------------------------------------------------------------


def program_command(argv0: str | None = None, which: Which = shutil.which) -> list[str]:
    """The absolute command line of this scalp-tui, for a job that runs without a shell's PATH.

    The executable this process was started as (``sys.argv[0]`` made absolute), else
    ``scalp-tui`` on PATH, else this Python with ``-m scalp_tui``. Symlinks are kept, not
    resolved: pipx's ``~/.local/bin/scalp-tui`` still works after an upgrade, and a venv's
    ``python`` resolved would be the system's, without scalp-tui.
    """
    script = Path(sys.argv[0] if argv0 is None else argv0)
    if script.name == "__main__.py" and script.parent.name == "scalp_tui":  # python -m scalp_tui
        return [os.path.abspath(sys.executable), "-m", "scalp_tui"]
    if script.stem == "scalp-tui" and script.is_file() and os.access(script, os.X_OK):
        return [os.path.abspath(script)]
    found = which("scalp-tui")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "scalp_tui"]


def remind_command(program: Sequence[str], db: Path | None) -> list[str]:
    """``program [--db ABSOLUTE] remind``: the database named when installing, if one was."""
    return [*program, *(["--db", os.path.abspath(db)] if db is not None else []), "remind"]


# -- systemd ---------------------------------------------------------------------------------


def config_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME`` when set to an absolute path, else ``~/.config`` (the XDG rule,
    which systemd follows to find user units)."""
    configured = environ.get("XDG_CONFIG_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured)
    home = environ.get("HOME")
    return (Path(home) if home else Path.home()) / ".config"


def unit_folder(environ: Mapping[str, str] = os.environ) -> Path:
    return config_home(environ) / "systemd" / "user"


_SAFE = re.compile(r"[A-Za-z0-9/._+=:@,-]+")


def systemd_quote(arg: str) -> str:
    """One word of a systemd ``ExecStart=``: quoted when needed, ``%`` and ``$`` escaped (systemd
    would expand them as specifiers and variables)."""
    if any(c in arg for c in "\n\r\0"):
        raise ValueError(f"{arg!r} holds a line break; a systemd unit cannot run it")
    if _SAFE.fullmatch(arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def service_text(command: Sequence[str]) -> str:
    return (
        "# Written by `scalp-tui remind --install`; `scalp-tui remind --uninstall` removes it.\n"
        "[Unit]\n"
        "Description=scalp-tui reminder: a desktop notification when a session is due\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(systemd_quote(arg) for arg in command)}\n"
    )


def timer_text(at: dt.time) -> str:
    """Daily at ``at``; ``Persistent=true``: a run missed while the machine was off (or the
    user logged out) fires at the next start."""
    return (
        "# Written by `scalp-tui remind --install`; `scalp-tui remind --uninstall` removes it.\n"
        "[Unit]\n"
        f"Description=Run scalp-tui remind daily at {at:%H:%M}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {at:%H:%M}:00\n"
        "Persistent=true\n"
        f"Unit={SERVICE}\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


# -- cron ------------------------------------------------------------------------------------


def crontab_line(command: Sequence[str], at: dt.time) -> str:
    """Daily at ``at``, with the session bus ``notify-send`` needs; the printed line goes to
    /dev/null (cron would mail it), errors still reach cron's mail."""
    # In a crontab, % ends the command (the rest is its input): escaped.
    words = " ".join(shlex.quote(arg) for arg in command).replace("%", "\\%")
    return f"{at.minute} {at.hour} * * * {CRON_BUS} {words} >/dev/null"


# -- install, uninstall ----------------------------------------------------------------------


def uses_systemd(which: Which = shutil.which, platform: str = sys.platform) -> bool:
    return platform.startswith("linux") and which("systemctl") is not None


@dataclass(frozen=True)
class Installed:
    """What ``install`` did: the files written (none for cron) and what to tell the user."""

    files: tuple[Path, ...]
    lines: tuple[str, ...]


def install(
    command: Sequence[str],
    at: dt.time,
    *,
    which: Which = shutil.which,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
) -> Installed:
    """Write the systemd user timer and service (Linux with systemd), or say the crontab line
    to add. Systemd is never called: the user runs the printed command."""
    if not uses_systemd(which, platform):
        return Installed(
            (),
            (
                f"Add this line to your crontab (crontab -e) for a reminder daily at {at:%H:%M}:",
                "",
                crontab_line(command, at),
            ),
        )
    folder = unit_folder(environ)
    service, timer = folder / SERVICE, folder / TIMER
    _write(service, service_text(command))
    _write(timer, timer_text(at))
    return Installed(
        (service, timer),
        (
            f"Wrote {timer} (daily at {at:%H:%M}; a run missed while the machine was off comes "
            "at the next start)",
            f"Wrote {service} (runs {shlex.join(command)})",
            "To start the timer, run:",
            "",
            f"  {ENABLE}",
        ),
    )


def uninstall(
    *,
    which: Which = shutil.which,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
) -> Installed:
    """Remove the unit files and the timer's ``enable`` link; say what stops a running timer.
    Without systemd, say which crontab line to remove."""
    if not uses_systemd(which, platform):
        return Installed(
            (), ("Remove the line with 'scalp-tui' and 'remind' from your crontab (crontab -e).",)
        )
    folder = unit_folder(environ)
    link = folder / "timers.target.wants" / TIMER
    removed = []
    for path in (link, folder / TIMER, folder / SERVICE):
        if path is link and not (path.is_symlink() and Path(os.readlink(path)).name == TIMER):
            continue  # only the link ``enable`` makes
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    if not removed:
        return Installed((), (f"No scalp-tui reminder timer in {folder}: nothing to remove.",))
    return Installed(
        tuple(removed),
        (
            *(f"Removed {path}" for path in removed),
            "To stop a timer that is running, run:",
            "",
            f"  {DISABLE}",
        ),
    )


def _write(path: Path, text: str) -> None:
    """Replace ``path`` in one step: systemd never reads half a unit file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
