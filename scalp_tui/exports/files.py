"""Rendering an export and writing it to a file, shared by the CLI and the app."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from scalp_tui.domain.clock import Clock
from scalp_tui.store.atomic import TEMP_SUFFIX, atomic_write_bytes, temp_prefix
from scalp_tui.store.repository import Repository

#: kind -> (title, file name stem, suffix); the app's palette uses the same titles.
KINDS = {
    "ics": ("Export calendar (ICS)", "scalp-tui-plan", ".ics"),
    "csv": ("Export sessions (CSV)", "scalp-tui-sessions", ".csv"),
    "json": ("Back up (JSON)", "scalp-tui-backup", ".json"),
}


def render_export(kind: str, repo: Repository, clock: Clock) -> bytes:
    """The bytes of an export: ``ics`` (the plan), ``csv`` (sessions), ``json`` (backup)."""
    if kind == "ics":
        from scalp_tui.exports.ics import plan_calendar

        return plan_calendar(repo.plans(), clock.today(), clock.now())
    if kind == "csv":
        from scalp_tui.domain.matching import review
        from scalp_tui.exports.csv import sessions_csv

        sessions = repo.sessions()
        matched = review(repo.plans(), sessions, clock.today()).matched
        return sessions_csv(sessions, matched).encode("utf-8")
    if kind == "json":
        from scalp_tui.store.backup import export_backup

        text = json.dumps(export_backup(repo, clock.now()), indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")
    raise ValueError(f"unknown export {kind!r}")


def check_output_path(path: Path, database: Path) -> None:
    """Raise ValueError (a message for the user) for a path an export cannot go to.

    ``database`` is the open database: an export never goes over it, its lock file or its
    temp files, whatever the spelling (relative, through a symlink).
    """
    if path.is_dir():
        raise ValueError(f"{path} is a folder; name a file to write")
    if not path.parent.is_dir():
        raise ValueError(f"{path.parent} does not exist")
    if is_database_file(path, database):
        raise ValueError(
            f"{path} is the database (or its lock or temp file) that scalp-tui is using; "
            "name another file"
        )


def is_database_file(path: Path, database: Path) -> bool:
    """Whether writing ``path`` would touch ``database``, its ``.lock`` or a ``.tmp`` of it.

    Both are compared as spelled (folder resolved) and fully resolved: writing replaces a
    symlink given as ``path``, and the storage writes through a symlinked database.
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
    """Atomically and privately (exports hold health data); never over ``database``."""
    check_output_path(path, database)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ValueError(f"cannot write {path}: {exc.strerror or exc}") from exc


def default_export_path(kind: str, today: dt.date, home: Path | None = None) -> Path:
    """In ~/Documents when it exists, else the home folder."""
    home = home or Path.home()
    folder = home / "Documents" if (home / "Documents").is_dir() else home
    _title, stem, suffix = KINDS[kind]
    return folder / f"{stem}-{today.isoformat()}{suffix}"
