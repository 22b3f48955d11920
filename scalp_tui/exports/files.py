"""Rendering an export and writing it to a file, shared by the CLI and the app."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from scalp_tui.domain.clock import Clock
from scalp_tui.store.atomic import atomic_write_bytes
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


def check_output_path(path: Path) -> None:
    """Raise ValueError (a message for the user) for a path an export cannot go to."""
    if path.is_dir():
        raise ValueError(f"{path} is a folder; name a file to write")
    if not path.parent.is_dir():
        raise ValueError(f"{path.parent} does not exist")


def write_export(path: Path, data: bytes) -> None:
    """Atomically and privately (exports hold health data)."""
    check_output_path(path)
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
