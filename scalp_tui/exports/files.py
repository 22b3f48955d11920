"""Rendering an export and writing it to a file, shared by the CLI and the app."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from scalp_tui.domain.clock import Clock
from scalp_tui.store.atomic import TEMP_SUFFIX, atomic_write_bytes, temp_prefix
from scalp_tui.store.repository import Repository

if TYPE_CHECKING:
    from scalp_tui.store.backup import Backup

#: kind -> (title, file name stem, suffix); the app's palette uses the same titles.
KINDS = {
    "ics": ("Export calendar (ICS)", "scalp-tui-plan", ".ics"),
    "csv": ("Export sessions (CSV)", "scalp-tui-sessions", ".csv"),
    "json": ("Back up (JSON)", "scalp-tui-backup", ".json"),
}


def render_export(kind: str, repo: Repository, clock: Clock) -> bytes:
    """The bytes of an export: ``ics`` (the plan), ``csv`` (sessions), ``json`` (backup)."""
    from scalp_tui.store.backup import backup_of

    return render_backup(kind, backup_of(repo), clock)


def render_backup(kind: str, backup: Backup, clock: Clock) -> bytes:
    """:func:`render_export` of what ``backup`` holds (all of a database, or what could be
    read of one the app refuses: see ``store.backup.salvage``)."""
    if kind == "ics":
        from scalp_tui.exports.ics import plan_calendar

        directions = backup.settings.rolled_directions
        return plan_calendar(backup.plans, clock.today(), clock.now(), directions)
    if kind == "csv":
        from scalp_tui.domain.matching import review
        from scalp_tui.exports.csv import sessions_csv

        sessions = list(backup.sessions)
        matched = review(list(backup.plans), sessions, clock.today()).matched
        return sessions_csv(sessions, matched).encode("utf-8")
    if kind == "json":
        from scalp_tui.store.backup import backup_bytes

        return backup_bytes(backup, clock.now())
    raise ValueError(f"unknown export {kind!r}")


def check_output_path(path: Path, database: Path) -> Path:
    """The file an export to ``path`` writes; ValueError (a message for the user) for a path
    an export cannot go to.

    The file is ``path`` itself, or for a symlink the file it points to: an export writes
    through a link (dangling or not) and the link stays a link. What exists there must be a
    regular file: a device, a FIFO or a socket is never replaced by one. ``database`` is the
    open database: an export never goes over it, its lock file or its temp files, whatever
    the spelling (relative, through a symlink).
    """
    try:
        mode: int | None = os.stat(path).st_mode  # through symlinks: what would be written
    except FileNotFoundError:
        mode = None  # a new file, or a dangling symlink: its target is created
    except NotADirectoryError:
        raise ValueError(_missing_folder(path)) from None
    except OSError as exc:  # a symlink loop, no permission to look
        raise ValueError(f"cannot write {path}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ValueError(f"{path} is a folder; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        raise ValueError(f"{path} is not a regular file; name a file to write")
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise ValueError(_missing_folder(path))
    if is_database_file(path, database):
        raise ValueError(
            f"{path} is the database (or its lock or temp file) that scalp-tui is using; "
            "name another file"
        )
    return target


def _missing_folder(path: Path) -> str:
    """Why no file can be made at ``path``: a file stands where a folder should be, or the
    folder does not exist (as spelled, or the one a symlink points into)."""
    for folder in (path.parent, Path(os.path.realpath(path)).parent):
        for ancestor in (folder, *folder.parents):
            if os.path.lexists(ancestor):
                if not ancestor.is_dir():
                    return f"{ancestor} is not a folder"
                break
        if not folder.is_dir():
            return f"{folder} does not exist"
    return f"{path.parent} does not exist"


def is_database_file(path: Path, database: Path) -> bool:
    """Whether writing ``path`` would touch ``database``, its ``.lock`` or a ``.tmp`` of it.

    Both are compared as spelled (folder resolved) and fully resolved: an export and the
    storage both write through a symlink to its target.
    """
    for folder, name in _spellings(path):
        for db_folder, db_name in _spellings(database):
            same_name = name in {db_name, f"{db_name}.lock"} or (
                name.startswith(temp_prefix(Path(db_name))) and name.endswith(TEMP_SUFFIX)
            )
            if same_name and _same_folder(folder, db_folder):
                return True
    return False


def _spellings(path: Path) -> set[tuple[str, str]]:
    """(folder, name) as given with the folder resolved, and for the resolved file."""
    absolute = os.path.abspath(path)
    resolved = os.path.realpath(absolute)
    return {
        (os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute)),
        (os.path.dirname(resolved), os.path.basename(resolved)),
    }


def _same_folder(one: str, other: str) -> bool:
    if one == other:
        return True
    try:
        return os.path.samefile(one, other)  # a bind mount or another hard-to-spell route
    except OSError:
        return False


def write_export(path: Path, data: bytes, *, database: Path) -> None:
    """Atomically and privately (exports hold health data); never over ``database``; through
    a symlink to its target; never over a device, FIFO or socket (see ``check_output_path``)."""
    target = check_output_path(path, database)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise ValueError(f"cannot write {path}: {exc.strerror or exc}") from exc


def default_export_path(kind: str, today: dt.date, home: Path | None = None) -> Path:
    """In ~/Documents when it exists, else the home folder."""
    home = home or Path.home()
    folder = home / "Documents" if (home / "Documents").is_dir() else home
    _title, stem, suffix = KINDS[kind]
    return folder / f"{stem}-{today.isoformat()}{suffix}"
