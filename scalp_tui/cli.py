"""The command line of PRODUCT.md section 6. Never imports Textual unless it opens the app.

Exit status: 0 done; 2 bad input (one ``scalp-tui: error:`` line, nothing written); 3 a database
problem (corrupt, foreign, newer, locked, unusable, an OS error on the file) or an output that
closed early, same form; 130 interrupted (Ctrl-C). Nothing escapes as a traceback but a bug.
Every ``error:``, ``note:`` and ``warning:`` line is one line of visible text, capped in length
(``errors.message_line``). A closed standard output or error (``>&-``) is written to nowhere.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO, cast

from scalp_tui import __version__
from scalp_tui.domain.clock import Clock, SystemClock
from scalp_tui.domain.validation import InvalidValue
from scalp_tui.errors import (
    EXIT_DATABASE,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    InputError,
    OutputFailed,
    message_line,
    say,
)
from scalp_tui.store.database import DB_ENV_VAR, move_aside, resolve_db_path
from scalp_tui.store.errors import (
    CorruptDatabase,
    DatabaseError,
    ForeignDatabase,
    InvalidDatabase,
)

#: The files ``--start-fresh`` moves aside: broken, not merely newer, locked or unusable.
BROKEN = (CorruptDatabase, ForeignDatabase, InvalidDatabase)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError(message)


#: DATE is YYYY-MM-DD and nothing else (``fromisoformat`` also takes 20261120 and 2026-W47-5).
DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> dt.date:
    try:
        if not DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date that exists (use YYYY-MM-DD)"
        ) from None


def parse_redness(text: str) -> int:
    if text not in {"0", "1", "2", "3"}:
        raise argparse.ArgumentTypeError(
            f"redness must be 0-3 (0 none, 1 mild, 2 marked, 3 pain or bleeding), not {text!r}"
        )
    return int(text)


def parse_needle(text: str) -> float:
    from scalp_tui.domain.regimen import NEEDLE_LENGTHS_MM, format_needles

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value not in NEEDLE_LENGTHS_MM:
        raise argparse.ArgumentTypeError(
            f"needle length must be one of {format_needles()} mm, not {text!r}"
        )
    return value


def parse_weekdays_arg(text: str) -> tuple[int, int]:
    from scalp_tui.domain.regimen import parse_weekdays

    try:
        return parse_weekdays(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_time_arg(text: str) -> dt.time:
    from scalp_tui.remind import parse_time_of_day

    try:
        return parse_time_of_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description="A terminal companion for at-home scalp microneedling. "
        "Without a command, opens the app.",
        epilog=f"The database is chosen by --db, else ${DB_ENV_VAR}, else the user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file to use")
    parser.add_argument(
        "--start-fresh",
        action="store_true",
        help="if the database file is broken, move it aside (<name>.corrupt-<time>) and start "
        "a new one",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plan = commands.add_parser("plan", help="set the plan (from its start date on)")
    plan.add_argument("--start", type=parse_date, required=True, metavar="DATE")
    plan.add_argument("--preset", choices=["ramp", "weekly"])
    plan.add_argument("--needle-mm", type=parse_needle, metavar="MM")
    plan.add_argument("--weekdays", type=parse_weekdays_arg, metavar="DAY,DAY")

    status = commands.add_parser("status", help="next session, phase, due today, overdue")
    form = status.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object")
    form.add_argument(
        "--short",
        action="store_true",
        help="one line for a shell prompt or a status bar ('roll today; clean the roller'); "
        "no output at all when nothing is due",
    )

    log = commands.add_parser("log", help="record a session done without the timer")
    log.add_argument("--date", type=parse_date, metavar="DATE", help="default: today")
    log.add_argument("--note", default="", metavar="TEXT")
    log.add_argument("--redness", type=parse_redness, metavar="0-3")

    export = commands.add_parser(
        "export",
        help="the plan (ics), sessions (csv), everything (json), or everything and the photos "
        "(zip, with -o)",
    )
    export.add_argument("kind", choices=["ics", "csv", "json", "zip"])
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default, or -: standard output)"
    )

    remind = commands.add_parser(
        "remind",
        help="a desktop notification when a session is due, overdue or the roller needs cleaning",
        description="When a session is due today, overdue, or a cleaning checklist is open: "
        "print one line and show it as a desktop notification (notify-send or osascript). "
        "Silent when nothing is due. A missing or failing notifier is a note, never a failure.",
    )
    what = remind.add_mutually_exclusive_group()
    what.add_argument("--print", action="store_true", help="only print, no notification")
    what.add_argument(
        "--install",
        action="store_true",
        help="remind daily: write a systemd user timer (Linux), else print the crontab line",
    )
    what.add_argument("--uninstall", action="store_true", help="remove the systemd user timer")
    remind.add_argument(
        "--at", type=parse_time_arg, metavar="HH:MM", help="with --install: the time (09:00)"
    )

    add_photo_commands(commands)

    restore = commands.add_parser("import", help="restore a JSON backup")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--replace", action="store_true", help="replace a database that already holds data"
    )
    return parser


def add_photo_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    from scalp_tui.domain.photos import ANGLES

    photo = commands.add_parser("photo", help="progress photos: add, list, remove")
    what = photo.add_subparsers(dest="photo_command", metavar="add|list|remove", required=True)
    add = what.add_parser("add", help="copy photos in (JPEG, PNG, HEIC): upright, no metadata")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--angle", required=True, choices=ANGLES)
    add.add_argument(
        "--date", type=parse_date, metavar="DATE", help="when the photo has no date taken"
    )
    listing = what.add_parser("list", help="every photo, oldest first")
    listing.add_argument("--json", action="store_true", help="one JSON list")
    remove = what.add_parser("remove", help="remove a photo: its record and its file")
    remove.add_argument("id", metavar="ID", help="its id (or the start of it) from photo list")


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout or _nowhere()  # None: the process started with it closed
    err = stderr or sys.stderr or _nowhere()
    path: Path | None = None
    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        check_utf8(arguments)
        try:
            args = build_parser().parse_args(arguments)
        except SystemExit:  # --help, --version: their text must reach a closed pipe cleanly
            Guarded(out, "standard output").flush()
            raise
        try:
            path = resolve_db_path(args.db)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        guarded_out = cast(TextIO, Guarded(out, "standard output"))
        guarded_err = cast(TextIO, Guarded(err, "standard error"))
        clock = clock or SystemClock()
        check_clock(clock)
        if args.start_fresh:
            _start_fresh(path, guarded_err)
        if args.command is None:
            return _run_app(path, clock)
        from scalp_tui import commands

        handler = getattr(commands, f"cmd_{args.command}")
        code: int = handler(args, path, clock, guarded_out, guarded_err)
        guarded_out.flush()  # a closed pipe is found here, not at the interpreter's exit
        return code
    except InputError as exc:
        return _fail(err, str(exc), EXIT_INPUT)
    except InvalidValue as exc:  # a value the domain refuses, raised before anything is written
        return _fail(err, str(exc), EXIT_INPUT)
    except DatabaseError as exc:
        return _fail(err, f"{exc.path}: {exc.reason}{_hint(exc)}", EXIT_DATABASE)
    except OutputFailed as exc:
        if exc.stream is sys.__stdout__:
            _to_devnull(exc.stream)
        return _fail(err, str(exc), EXIT_DATABASE)
    except OSError as exc:  # the database's file or folder: the user-named ones are InputError
        return _fail(err, _os_error_line(path, exc), EXIT_DATABASE)
    except KeyboardInterrupt:  # Ctrl-C: the store writes all or nothing, so nothing is half done
        return _fail(err, "interrupted", EXIT_INTERRUPTED)


def check_clock(clock: Clock) -> None:
    """Refuse a clock past the last date a record may hold (a clock set to 9999-12-31 has no
    next week to plan); every earlier one, 1970 or years ahead, is a clock the app works with
    and what it writes under it always loads again."""
    from scalp_tui.domain.validation import LATEST_DATE

    today = clock.today()
    if today > LATEST_DATE:
        raise InputError(
            f"the system clock says {today}, after {LATEST_DATE}, the last date scalp-tui "
            "keeps; set the clock right and run it again"
        )


def _nowhere() -> TextIO:
    """os.devnull for a standard stream the process started without (``>&-``, ``2>&-``).

    Opening it also takes the closed descriptor's number, so no file opened later is taken
    for that stream by a child process.
    """
    return open(os.devnull, "w", encoding="utf-8")  # kept open until exit


def check_utf8(arguments: Sequence[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (argv keeps them as surrogates).

    Such text cannot be stored or printed; refusing it here writes nothing.
    """
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            try:
                raw = argument.encode("utf-8", "surrogateescape")  # the bytes as typed
            except UnicodeEncodeError:
                raw = argument.encode("utf-8", "backslashreplace")
            shown = raw.decode("utf-8", "backslashreplace")
            raise InputError(f"an argument is not valid UTF-8 text: {shown}") from None


class Guarded:
    """A stream whose failed writes raise :class:`OutputFailed`, told apart from the
    database's OS errors; the commands print to it as to any text stream."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except (OSError, UnicodeEncodeError) as exc:  # an encoding error is not bad input
            raise OutputFailed(self.stream, self.name, exc) from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise OutputFailed(self.stream, self.name, exc) from exc


def _to_devnull(stream: TextIO) -> None:
    """After a broken pipe, point the process's stdout at /dev/null: the interpreter's last
    flush would fail again and print "Exception ignored ... BrokenPipeError" (the recipe of
    Python's ``signal`` documentation)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _fail(err: TextIO, message: str, code: int) -> int:
    with contextlib.suppress(OSError, ValueError):  # stderr closed, or unable to encode the
        # message: the status still tells
        print(message_line("error", message), file=err)
        err.flush()
    return code


def _os_error_line(path: Path | None, exc: OSError) -> str:
    """The database file, what the system said, and the file it said it about if another
    (its folder, lock or temp file)."""
    what = exc.strerror or str(exc)
    if exc.filename is not None and str(exc.filename) != str(path):
        what += f" ({exc.filename})"
    return f"{path}: {what}" if path is not None else what


def _hint(exc: DatabaseError) -> str:
    if isinstance(exc, BROKEN) and exc.path.is_file():
        return " (left untouched; run with --start-fresh to move it aside and start a new one)"
    return ""


def _start_fresh(path: Path, err: TextIO) -> None:
    """Move a broken database aside; the note goes to standard error, so that standard
    output stays the command's own (``--start-fresh status --json``)."""
    from scalp_tui.factory import open_repository  # loads every record: a bad one counts

    try:
        open_repository(path).database.close()
    except BROKEN:
        moved = move_aside(path)
        say(err, "note", f"moved the broken database aside to {moved}; starting a new one")


def _run_app(path: Path, clock: Clock) -> int:
    # Start-up makes objects that live until exit (modules, Textual's classes, the records):
    # no collection while they are made, as none could free them, and then out of the
    # collector's sight (gc.freeze), or each full collection rescans them all (one cost
    # ~15-30 ms of start-up with ten years of sessions).
    # The collector stays off until the first frame is painted (ScalpApp.on_ready turns it
    # on): the first frame makes thousands of short-lived objects (Textual's strips and
    # caches), and collecting them on the way cost ~20 ms of it with ten years of sessions.
    gc.disable()
    try:
        from scalp_tui.factory import build_app, open_repository

        repository = open_repository(path)  # database errors surface here, before any screen
        app = build_app(repository, clock)
        gc.freeze()
        app.run()
    finally:
        gc.enable()
    # Textual reports an unhandled exception itself and sets a non-zero return code: the
    # process must fail too, not exit 0.
    return app.return_code or EXIT_OK
