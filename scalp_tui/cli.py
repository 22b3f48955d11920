"""The command line of PRODUCT.md section 6. Never imports Textual unless it opens the app.

Exit status: 0 done; 2 bad input (one ``scalp-tui: error:`` line, nothing written); 3 a database
problem (corrupt, foreign, newer, locked), same form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from scalp_tui import __version__
from scalp_tui.domain.clock import Clock, SystemClock
from scalp_tui.store.database import DB_ENV_VAR, move_aside, open_database, resolve_db_path
from scalp_tui.store.errors import CorruptDatabase, DatabaseError, ForeignDatabase

PROG = "scalp-tui"
EXIT_OK, EXIT_INPUT, EXIT_DATABASE = 0, 2, 3


class InputError(Exception):
    """Bad input: exit 2, nothing written."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError(message)


def parse_date(text: str) -> dt.date:
    try:
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
    status.add_argument("--json", action="store_true", help="one JSON object")

    log = commands.add_parser("log", help="record a session done without the timer")
    log.add_argument("--date", type=parse_date, metavar="DATE", help="default: today")
    log.add_argument("--note", default="", metavar="TEXT")
    log.add_argument("--redness", type=parse_redness, metavar="0-3")

    export = commands.add_parser(
        "export", help="the plan (ics), sessions (csv) or everything (json)"
    )
    export.add_argument("kind", choices=["ics", "csv", "json"])
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")

    restore = commands.add_parser("import", help="restore a JSON backup")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--replace", action="store_true", help="replace a database that already holds data"
    )
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    clock = clock or SystemClock()
    try:
        args = build_parser().parse_args(argv)
        path = resolve_db_path(args.db)
        if args.start_fresh:
            _start_fresh(path, out)
        if args.command is None:
            return _run_app(path, clock)
        from scalp_tui import commands

        handler = getattr(commands, f"cmd_{args.command}")
        code: int = handler(args, path, clock, out, err)
        return code
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=err)
        return EXIT_INPUT
    except DatabaseError as exc:
        print(f"{PROG}: error: {exc.path}: {exc.reason}{_hint(exc)}", file=err)
        return EXIT_DATABASE


def _hint(exc: DatabaseError) -> str:
    if isinstance(exc, CorruptDatabase | ForeignDatabase) and exc.path.is_file():
        return " (left untouched; run with --start-fresh to move it aside and start a new one)"
    return ""


def _start_fresh(path: Path, out: TextIO) -> None:
    try:
        open_database(path).close()
    except (CorruptDatabase, ForeignDatabase):
        moved = move_aside(path)
        print(f"Moved the broken database aside to {moved}; starting a new one.", file=out)


def _run_app(path: Path, clock: Clock) -> int:
    # Start-up makes objects that live until exit (modules, Textual's classes, the records):
    # no collection while they are made, as none could free them, and then out of the
    # collector's sight, or each full collection rescans them all (one cost ~15-30 ms of
    # start-up with ten years of sessions). Garbage made later is collected as usual.
    gc.disable()
    try:
        from scalp_tui.factory import build_app, open_repository

        repository = open_repository(path)  # database errors surface here, before any screen
        app = build_app(repository, clock)
        gc.freeze()
    finally:
        gc.enable()
    app.run()
    return EXIT_OK
