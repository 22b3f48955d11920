"""The JSON backup: the whole database in one documented object, and its exact restore.

    {"format": "scalp-tui-backup", "schema_version": N, "exported_at": "...",
     "settings": {...}, "plans": [...], "sessions": [...], "checklists": [...]}

A restore validates the whole object first and writes nothing unless all of it is sound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.validation import InvalidValue, check_plan_start, check_reach
from scalp_tui.store.database import fresh_data, migrate
from scalp_tui.store.repository import (
    CHECKLISTS,
    PLANS,
    SESSIONS,
    SETTINGS,
    Repository,
    checklist_from_doc,
    checklist_to_doc,
    consistency_problems,
    describe_record,
    plan_from_doc,
    plan_to_doc,
    session_from_doc,
    session_to_doc,
    settings_from_doc,
    settings_to_doc,
)
from scalp_tui.store.storage import SCHEMA_VERSION

BACKUP_FORMAT = "scalp-tui-backup"
T = TypeVar("T")


class BackupError(ValueError):
    """The file is not a sound scalp-tui backup; nothing was written."""


@dataclass(frozen=True)
class Backup:
    """Everything a JSON backup holds, as domain values."""

    settings: Settings
    plans: tuple[Plan, ...]
    sessions: tuple[SessionRecord, ...]
    checklists: tuple[Checklist, ...]


def export_backup(repo: Repository, now: dt.datetime) -> dict[str, Any]:
    return {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "settings": settings_to_doc(repo.settings()),
        "plans": [plan_to_doc(p) for p in repo.plans()],
        "sessions": [session_to_doc(s) for s in repo.sessions()],
        "checklists": [checklist_to_doc(c) for c in repo.checklists()],
    }


def parse_backup(obj: object, today: dt.date | None = None) -> Backup:
    """Validate every part of ``obj``; raises BackupError naming the first problem.

    Every record passes the same checks as on load and input (the domain records'
    constructors), and, against ``today`` (default: the system's), no date more than 100
    years ahead and no plan starting more than a year ahead.
    """
    today = today or dt.date.today()
    if not isinstance(obj, dict) or obj.get("format") != BACKUP_FORMAT:
        raise BackupError('not a scalp-tui backup (no "format": "scalp-tui-backup")')
    version = obj.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError(f"schema_version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"made by a newer scalp-tui (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION})"
        )
    for key, kind in (("settings", dict), ("plans", list), ("sessions", list),
                      ("checklists", list)):  # fmt: skip
        if not isinstance(obj.get(key), kind):
            raise BackupError(f'"{key}" is missing or not a JSON {kind.__name__}')
    if version < SCHEMA_VERSION:  # an older backup: its settings migrate as a database's do
        data = migrate({**fresh_data(version), SETTINGS: {"1": dict(obj["settings"])}})
        obj = {**obj, "settings": data[SETTINGS]["1"]}
    settings = _one("settings", obj["settings"], settings_from_doc)
    plans = tuple(_each("plans", obj["plans"], plan_from_doc))
    sessions = tuple(_each("sessions", obj["sessions"], session_from_doc))
    checklists = tuple(_each("checklists", obj["checklists"], checklist_from_doc))
    problems = consistency_problems(list(plans), list(sessions), list(checklists))
    if problems:
        raise BackupError(problems[0])
    reach = [
        *((f"plans[{i}]", "start", p.start, check_plan_start) for i, p in enumerate(plans)),
        *((f"sessions[{i}] (id {s.id!r})", "date", s.date, _check_reach)
          for i, s in enumerate(sessions)),
        *((f"checklists[{i}] (session_id {c.session_id!r})", "session_date", c.session_date,
           _check_reach) for i, c in enumerate(checklists)),
        *((("settings", "roller_started", settings.roller_started.date(), _check_reach),)
          if settings.roller_started else ()),
    ]  # fmt: skip
    for where, field, day, check in reach:
        try:
            check(day, today, field)
        except InvalidValue as exc:
            raise BackupError(f"{where}: {exc}") from exc
    return Backup(settings, plans, sessions, checklists)


def _check_reach(day: dt.date, today: dt.date, field: str) -> dt.date:
    return check_reach(field, day, today)


def _one(name: str, doc: Any, convert: Callable[[dict[str, Any]], T]) -> T:
    try:
        return convert(dict(doc))
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise BackupError(f"{name}: {exc}") from exc


def _each(name: str, docs: list[Any], convert: Callable[[dict[str, Any]], T]) -> list[T]:
    result = []
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict):
            raise BackupError(f"{name}[{i}] is not a JSON object")
        result.append(_one(describe_record(f"{name}[{i}]", doc), doc, convert))
    return result


def holds_data(repo: Repository) -> bool:
    return bool(repo.sessions() or repo.plans() or repo.checklists() or repo.has_settings())


def restore_backup(repo: Repository, backup: Backup, *, replace: bool) -> None:
    """Make the database hold exactly ``backup``, in one atomic write; over existing data
    only with ``replace``."""
    with repo.transaction():
        if holds_data(repo) and not replace:
            raise BackupError("the database already holds data; restore with --replace")
        repo.replace_all(
            {
                SETTINGS: [settings_to_doc(backup.settings)],
                PLANS: [plan_to_doc(p) for p in backup.plans],
                SESSIONS: [session_to_doc(s) for s in backup.sessions],
                CHECKLISTS: [checklist_to_doc(c) for c in backup.checklists],
            }
        )
