"""The daily job that runs ``scalp-tui remind``: a systemd user timer on Linux, else a crontab
line; ``--install`` writes it, ``--uninstall`` removes it. The texts of the unit files and of
the crontab line are pure functions, so tests read them without touching systemd or cron.

The files written are only ever our own: a word of the command holding a control character
is refused (a newline would start a second crontab entry or unit line), as is a ``HOME`` that
is not absolute (systemd would never read units written under it); a unit file is replaced or
removed only when it is a regular file carrying ``MARKER``, the first line of every unit
``--install`` writes, never through or instead of a symbolic link; both units are written to
temporary files first and moved into place together, and a failure names the unit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from scalp_tui.remind.notifier import Which

T = TypeVar("T")

UNIT = "scalp-tui-remind"
TIMER = f"{UNIT}.timer"
SERVICE = f"{UNIT}.service"
DEFAULT_AT = dt.time(9, 0)
ENABLE = f"systemctl --user daemon-reload && systemctl --user enable --now {TIMER}"
#: ``stop`` first: the unit files are gone, but a loaded timer keeps firing until stopped.
DISABLE = f"systemctl --user stop {TIMER}; systemctl --user daemon-reload"
#: From cron, ``notify-send`` finds the desktop's session bus only when told where it is.
CRON_BUS = "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus"

#: The first line of every unit ``--install`` writes: a unit without it is not ours to replace
#: or remove.
MARKER = "# Written by `scalp-tui remind --install`; `scalp-tui remind --uninstall` removes it."

_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def parse_time_of_day(text: str) -> dt.time:
    """``HH:MM`` (or ``H:MM``), 00:00 to 23:59; ValueError with a message for the user."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time of day (use HH:MM, from 00:00 to 23:59)")
    return dt.time(int(match[1]), int(match[2]))


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


def control_character(text: str) -> str | None:
    """The first control character or line break in ``text`` (C0, DEL, C1, U+2028, U+2029),
    or None."""
    return next((c for c in text if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)


def check_word(arg: str) -> str:
    """``arg`` unchanged; ValueError when it holds a control character: a crontab line or a
    unit file is read line by line, and a newline in a path would add a line of its choosing."""
    found = control_character(arg)
    if found is not None:
        raise ValueError(
            f"{arg!r} holds a control character (U+{ord(found):04X}); "
            "a scheduled command cannot run it: rename or move the file"
        )
    return arg


def remind_command(program: Sequence[str], db: Path | None) -> list[str]:
    """``program [--db ABSOLUTE] remind``: the database named when installing, if one was."""
    return [*program, *(["--db", os.path.abspath(db)] if db is not None else []), "remind"]


# -- systemd ---------------------------------------------------------------------------------


def config_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME`` when set to an absolute path, else ``~/.config`` (the XDG rule,
    which systemd follows to find user units; a relative one is ignored, as the rule says)."""
    configured = environ.get("XDG_CONFIG_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured)
    return home_folder(environ) / ".config"


def home_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """``$HOME``, or the account's home folder when it is unset or empty; ValueError when it
    is relative (a folder under the current one, where systemd never looks)."""
    home = environ.get("HOME", "")
    if not home:
        import pwd  # only where there is systemd or cron: POSIX

        home = pwd.getpwuid(os.getuid()).pw_dir
    if not os.path.isabs(home):
        raise ValueError(
            f"HOME is {home!r}, not an absolute path: systemd reads user units from "
            "~/.config/systemd/user with an absolute HOME; set HOME (or XDG_CONFIG_HOME) to one"
        )
    return Path(home)


def unit_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where systemd reads the user's units; ValueError for a folder named with a control
    character (it would be printed, and is no one's real configuration)."""
    folder = config_home(environ) / "systemd" / "user"
    found = control_character(str(folder))
    if found is not None:
        raise ValueError(
            f"{str(folder)!r} holds a control character: check HOME and XDG_CONFIG_HOME"
        )
    return folder


_SAFE = re.compile(r"[A-Za-z0-9/._+=:@,-]+")


def systemd_quote(arg: str) -> str:
    """One word of a systemd ``ExecStart=``: quoted when needed, ``%`` and ``$`` escaped (systemd
    would expand them as specifiers and variables)."""
    check_word(arg)
    if _SAFE.fullmatch(arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def service_text(command: Sequence[str]) -> str:
    return (
        f"{MARKER}\n"
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
        f"{MARKER}\n"
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
    # In a crontab, % ends the command (the rest is its input): escaped. A newline would end
    # the entry and start another: refused (``check_word``), as any control character.
    words = " ".join(shlex.quote(check_word(arg)) for arg in command).replace("%", "\\%")
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
    texts = {service: service_text(command), timer: timer_text(at)}  # both checked first
    for path in texts:
        check_ours(path, "replaced")
    _write_all(texts)
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
    units = [folder / TIMER, folder / SERVICE]
    ours = [path for path in units if check_ours(path, "removed")]  # all checked first
    removed = []
    for path in (link, *ours):
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


#: A unit file is small; one bigger than this is not one ``--install`` wrote.
_UNIT_MAX_BYTES = 64 * 1024


def check_ours(path: Path, what: str) -> bool:
    """True when ``path`` is a unit ``--install`` wrote (a regular file with ``MARKER``), False
    when there is none; ValueError for anything else, which is never ``what`` (replaced,
    removed): a symbolic link, a folder or a FIFO, a file without the marker."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise ValueError(
            f"{path} is a symbolic link, not a file scalp-tui wrote: not {what}; "
            "remove it first if it should go"
        )
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{path} is not a regular file: not {what}")
    # O_NOFOLLOW: a link put there since the look is not followed; O_NONBLOCK: nor a FIFO waited on.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(_UNIT_MAX_BYTES)
    lines = head.decode("utf-8", "replace").splitlines()
    if MARKER not in (line.strip() for line in lines):
        raise ValueError(
            f"{path} was not written by scalp-tui remind --install: not {what}; "
            "move it away first if it should go"
        )
    return True


def _write_all(texts: Mapping[Path, str]) -> None:
    """Write every file in ``texts``: each to a new temporary file beside it (``mkstemp``:
    created, never an existing file or link followed), synced, then all moved into place, so
    systemd never reads half a unit and a failure before the moves changes nothing. An error
    names the unit, not the temporary file."""
    temps: dict[Path, Path] = {}
    try:
        for path, text in texts.items():
            _at(path, path.parent.mkdir, parents=True, exist_ok=True)
            fd, name = _at(path, tempfile.mkstemp, dir=path.parent, prefix=f".{path.name}.")
            temps[path] = Path(name)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                _at(path, handle.write, text)
                _at(path, handle.flush)
                _at(path, os.fchmod, handle.fileno(), 0o644)
                _at(path, os.fsync, handle.fileno())
        for path, temp in temps.items():
            _at(path, os.replace, temp, path)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)


def _at(path: Path, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``call(*args, **kwargs)``; an OSError says ``path``, not the temporary file."""
    try:
        return call(*args, **kwargs)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
