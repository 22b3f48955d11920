"""The CLI's commands: parse already done, each opens the database and reports.

A problem with a file the user named (an import source, an export target) is bad input
(:class:`InputError`, exit 2); the database's own problems reach the CLI as they are.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TextIO

from scalp_tui.domain.clock import Clock
from scalp_tui.domain.regimen import (
    DEFAULT_NEEDLE_MM,
    WEEKDAY_LONG,
    Preset,
    default_preset,
    default_weekdays,
    format_weekdays,
    make_plan,
    needle_warning,
    plan_on,
    planned_sessions,
)
from scalp_tui.domain.status import Status, compute_status
from scalp_tui.domain.validation import check_date, check_note, check_plan_start
from scalp_tui.errors import EXIT_OK, InputError, already_done, say, shown
from scalp_tui.factory import open_repository
from scalp_tui.store.errors import InvalidDatabase
from scalp_tui.store.repository import Repository


def open_checked(path: Path, clock: Clock, err: TextIO, *, writes: bool = False) -> Repository:
    """Open the database, every record checked; say what was mended, once.

    ``writes``: the command is about to write; if another scalp-tui holds the lock, say at
    once that this one waits for it (the storage waits in silence, then gives up).
    """
    repo = open_repository(path)
    for notice in repo.notices:
        say(err, "note", notice)
    if writes:
        note_a_held_lock(repo, err)
    return repo


def note_a_held_lock(repo: Repository, err: TextIO) -> None:
    """One note on ``err`` when the database's lock is not free at once (only a look: the
    lock is taken and let go again; the write takes it for itself)."""
    from filelock import FileLock, Timeout

    from scalp_tui.store.storage import LOCK_TIMEOUT_S, lock_path

    if not repo.database.storage.file.parent.is_dir():
        return  # a new database: no one holds its lock (and filelock would make its folder 0755)
    lock = FileLock(lock_path(repo.database.storage.file), timeout=0, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        say(
            err,
            "note",
            f"waiting for another scalp-tui to finish writing {repo.path} "
            f"(up to {LOCK_TIMEOUT_S:g} s) ...",
        )
        err.flush()
    except OSError:
        pass  # no lock file can be made: the write says why
    else:
        lock.release()


def cmd_plan(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    check_plan_start(args.start, clock.today())  # before the database is opened
    repo = open_checked(path, clock, err, writes=True)
    current = plan_on(repo.plans(), args.start)
    needle = args.needle_mm or (current.needle_mm if current else DEFAULT_NEEDLE_MM)
    # The plan of that very start, changed: what was not given stays as it is (a new needle
    # alone does not change its preset, nor move its weekdays).
    same = current if current is not None and current.start == args.start else None
    preset = Preset(args.preset) if args.preset else None
    if preset is None:
        preset = same.preset if same is not None else default_preset(needle)
    weekdays = args.weekdays or (
        same.weekdays if same is not None else default_weekdays(args.start)
    )
    plan = make_plan(args.start, needle, preset, weekdays)
    from scalp_tui.actions import save_plan

    disclaimer = not repo.settings().disclaimer_seen  # a first plan made here: say it once
    try:
        save_plan(repo, plan, clock.today(), disclaimer_said=disclaimer)
    except ValueError as exc:  # a started plan's dates: said, nothing written
        raise InputError(str(exc)) from None
    first = planned_sessions([plan], until=plan.upkeep_start)
    with already_done(f"the plan from {plan.start} is saved"):
        weekday = WEEKDAY_LONG[plan.start.weekday()]
        # The weekly preset has no twice-weekly weeks: its days are not said.
        days = (
            f", twice-weekly days {format_weekdays(plan.weekdays)}"
            if plan.preset is Preset.RAMP
            else ""
        )
        print(
            f"Plan from {plan.start} ({weekday}): {plan.preset.value}, {plan.needle_mm:g} mm"
            f"{days}.",
            file=out,
        )
        dates = ", ".join(p.date.isoformat() for p in first[:6])
        print(f"First dates: {dates}, ...", file=out)
        print(f"Monthly upkeep from {plan.upkeep_start}.", file=out)
        if disclaimer:
            from scalp_tui.domain.disclaimer import NOT_MEDICAL_ADVICE

            print(f"\n{NOT_MEDICAL_ADVICE}", file=out)
        out.flush()
    warning = needle_warning(plan)
    if warning:
        say(err, "warning", warning)
    return EXIT_OK


def load_status(repo: Repository, clock: Clock) -> Status:
    return compute_status(
        clock.today(),
        repo.plans(),
        repo.sessions(),
        repo.checklists(),
        repo.settings(),
        photos=repo.photos(),
    )


def cmd_status(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    status = load_status(open_checked(path, clock, err), clock)
    if args.json:
        print(json.dumps(status.to_json(), indent=2), file=out)
    elif args.short:
        from scalp_tui.domain.reminder import reminder_line

        line = reminder_line(status)
        if line:  # nothing at all when nothing is due, not even a newline: a prompt stays clean
            print(line, file=out)
    else:
        said = status_lines(status)
        width = max(len(label) for label, _ in said) + 2
        for label, value in said:
            print(f"{label:<{width}}{value}", file=out)
    return EXIT_OK


def status_lines(status: Status) -> list[tuple[str, str]]:
    """Today, then what the calendar's review says (``status_words``), in the words and dates
    of every screen (``Wed 25 Nov``, the year when it is not this year's; ``--json`` has ISO)."""
    from scalp_tui.domain.dates import seen_from, short_day
    from scalp_tui.domain.wording import status_words

    today = short_day(status.today, status.today)
    return [("Today", f"{today} {status.today.year}")] + [
        (said.label, said.text) for said in status_words(status, day_words=seen_from(status.today))
    ]


def cmd_remind(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui import remind

    if args.at is not None and not args.install:
        raise InputError("--at goes with --install (the time of day of the daily reminder)")
    if args.install or args.uninstall:
        return _install_reminder(args, path, out)
    from scalp_tui.domain.reminder import reminder_line

    line = reminder_line(load_status(open_checked(path, clock, err), clock))
    if not line:
        return EXIT_OK
    print(line, file=out)
    out.flush()  # printed before a notifier that may take its time
    if not args.print:
        problem = remind.notify(line)
        if problem:
            say(err, "note", f"{problem}; printed only")
    return EXIT_OK


def _install_reminder(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    from scalp_tui import remind
    from scalp_tui.store.database import DB_ENV_VAR

    try:
        if args.uninstall:
            done = remind.uninstall()
        else:
            named = args.db is not None or DB_ENV_VAR in os.environ  # else the default, found anew
            command = remind.remind_command(remind.program_command(), path if named else None)
            done = remind.install(command, args.at or remind.DEFAULT_AT)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"{exc.filename or 'reminder files'}: {exc.strerror or exc}") from None
    for line in done.lines:
        print(line, file=out)
    return EXIT_OK


def cmd_log(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui.actions import log_problem, log_session, same_day_note

    today = clock.today()
    day = args.date or today
    problem = log_problem(day, today)  # before the database is opened: bad input writes nothing
    if problem:
        raise InputError(problem)
    check_date("date", day)
    check_note(args.note)
    repo = open_checked(path, clock, err, writes=True)
    warning = same_day_note(repo, day, today)
    record = log_session(repo, day, today, note=args.note, redness=args.redness, now=clock.now())
    with already_done(f"the session on {record.date} is saved"):
        print(f"Logged a session on {record.date}.", file=out)
        out.flush()
    if warning:
        say(err, "warning", warning)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    """Write an export. A database refused for records in it is exported all the same, as
    far as it can be read: every other record goes out, each one left out is named, and the
    command exits 3 (the database still needs mending)."""
    from scalp_tui.exports.files import check_output_path, render_backup, write_export
    from scalp_tui.store.backup import backup_of, salvage

    if args.kind == "zip":  # the backup and every photo (photo_commands)
        from scalp_tui.photo_commands import export_zip

        return export_zip(args, path, clock, out, err)
    if args.output == "":
        raise InputError("-o is empty; name a file to write (or - for standard output)")
    target = None if args.output in (None, "-") else expand_user(args.output)
    refused: InvalidDatabase | None = None
    left_out: tuple[str, ...] = ()
    try:
        if target is not None:
            check_output_path(target, path)  # before anything is read or written
        try:
            backup = backup_of(open_checked(path, clock, err))
        except InvalidDatabase as exc:
            refused, salvaged = exc, salvage(path)
            backup, left_out = salvaged.backup, salvaged.left_out
        data = render_backup(args.kind, backup, clock)
        if target is None:
            out.write(data.decode("utf-8"))
            out.flush()
        else:
            write_export(target, data, database=path)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if target is not None:
        print(f"Wrote {shown(str(target))}", file=err)
    if refused is not None:
        raise left_out_of_export(refused, left_out, err)
    return EXIT_OK


#: At most this many records left out of an export are named, one line each.
LEFT_OUT_SHOWN = 20


def left_out_of_export(
    refused: InvalidDatabase, left_out: tuple[str, ...], err: TextIO
) -> InvalidDatabase:
    """Name on ``err`` each record an export left out; the error to exit with."""
    from scalp_tui.domain.wording import plural

    for line in left_out[:LEFT_OUT_SHOWN]:
        say(err, "warning", f"left out of the export: {line}")
    if len(left_out) > LEFT_OUT_SHOWN:
        say(err, "warning", f"... and {len(left_out) - LEFT_OUT_SHOWN} more left out")
    if not left_out:  # refused for what it holds together (checked record by record here)
        return refused
    return InvalidDatabase(
        refused.path,
        f"holds {plural(len(left_out), 'record')} scalp-tui refuses, left out of the export "
        "(named above); everything else is in it",
    )


def expand_user(text: str) -> Path:
    """A path the user named, ``~`` expanded; InputError when ``~user`` names no one."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "Could not determine home directory"
        raise InputError(f"{text}: cannot tell which home folder '~' means") from None


def parse_backup_json(source: Path, raw: bytes) -> object:
    """The JSON in a backup file's bytes; InputError for what is not JSON or cannot be read
    as it: an integer over Python's 4,300 digits, nesting deeper than the recursion limit."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{source} is not a scalp-tui backup (not valid JSON: {exc})") from None
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise InputError(
            f"{source} is not a scalp-tui backup (a number with over 4,300 digits)"
        ) from None
    except RecursionError:
        raise InputError(f"{source} is not a scalp-tui backup (nested too deeply)") from None


def read_backup_file(source: Path) -> bytes:
    """The bytes of a backup the user named; InputError for anything that is not one.

    ``stat`` first: a FIFO is never opened (it would block), a huge file never read.
    """
    from scalp_tui.input_files import stat_input_file
    from scalp_tui.store.backup import MAX_BACKUP_BYTES

    try:
        info = stat_input_file(source, "a backup file")
    except ValueError as exc:
        raise InputError(str(exc)) from None
    too_big = f"{source} is over {MAX_BACKUP_BYTES // 2**20} MB, too big for a scalp-tui backup"
    if info.st_size > MAX_BACKUP_BYTES:
        raise InputError(too_big)
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_BACKUP_BYTES + 1)  # in case it grew since the stat
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BACKUP_BYTES:
        raise InputError(too_big)
    return raw


def cmd_import(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui.store.archive import is_archive
    from scalp_tui.store.backup import BackupError, check_backup_size, parse_backup, restore_backup

    source = expand_user(args.file)
    if is_archive(source):  # an export zip: the backup and its photos (photo_commands)
        from scalp_tui.photo_commands import import_zip

        return import_zip(args, source, path, clock, out, err)
    raw = read_backup_file(source)
    obj = parse_backup_json(source, raw)
    try:
        backup = parse_backup(obj)
        check_backup_size(backup, clock.now())
    except BackupError as exc:
        raise InputError(f"{source}: {exc}") from None
    except RecursionError:  # nested deep enough to pass the parser, not the checks
        raise InputError(f"{source} is not a scalp-tui backup (nested too deeply)") from None
    try:
        repo = open_checked(path, clock, err, writes=True)
        left_out = restore_backup(repo, backup, replace=args.replace)
    except BackupError as exc:  # about the database it would restore into, not the backup
        raise InputError(f"{path}: {exc}") from None
    from scalp_tui.photo_commands import say_restored

    say_restored(backup, left_out, source, out, err)
    return EXIT_OK


def cmd_photo(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui.photo_commands import run_photo_command

    return run_photo_command(args, path, clock, out, err)
