"""The JSON backup: the whole database in one documented object, and its exact restore.

    {"format": "scalp-tui-backup", "schema_version": N, "exported_at": "...",
     "settings": {...}, "plans": [...], "sessions": [...], "checklists": [...],
     "photos": [...]}

A restore validates the whole object first and writes nothing unless all of it is sound.
The photos' records travel in the JSON; their files in a zip export (``store.archive``),
or not at all: a record is restored only with its file (from the zip, or found in the photo
folder already, the same bytes), and the command names those left out.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.photos import Photo, photo_problems
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.text import terminal_safe_json
from scalp_tui.store.checks import consistency_problems, convert_table, describe_record
from scalp_tui.store.codec import (
    ACTIVE,
    CHECKLISTS,
    PHOTOS,
    PLANS,
    SESSIONS,
    SETTINGS,
    active_from_doc,
    checklist_from_doc,
    checklist_to_doc,
    photo_from_doc,
    photo_to_doc,
    plan_from_doc,
    plan_to_doc,
    session_from_doc,
    session_to_doc,
    settings_from_doc,
    settings_to_doc,
)
from scalp_tui.store.database import fresh_data, migrate
from scalp_tui.store.errors import InvalidDatabase
from scalp_tui.store.photo_files import file_matches, write_photo
from scalp_tui.store.repository import Repository
from scalp_tui.store.storage import SCHEMA_VERSION, AtomicJSONStorage, schema_version_of

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
    photos: tuple[Photo, ...] = ()


#: A photo's stored bytes by its sha256, read when the restore writes it (from a zip).
PhotoFiles = dict[str, Callable[[], bytes]]


#: The biggest backup ``import`` takes, in bytes: a bigger file is refused before it is parsed
#: (parsing takes ~20 times the file's size in memory), and so is a backup whose restored
#: database would export bigger than this, so that every backup the app writes of what it
#: restored is one it takes back.
MAX_BACKUP_BYTES = 50 * 1024 * 1024
#: Room kept for ``exported_at``, whose length varies from one export to the next.
EXPORTED_AT_ROOM = 64


def backup_of(repo: Repository) -> Backup:
    """Everything in one order that does not depend on the order records were written in:
    sessions as they were recorded (their day, then when), checklists in their sessions'
    order. An export, an import and an export again give the same lists (two sessions logged
    on one day came back swapped)."""
    sessions = sorted(repo.sessions(), key=lambda s: s.recorded_order)
    place = {s.id: i for i, s in enumerate(sessions)}
    checklists = sorted(
        repo.checklists(), key=lambda c: (c.session_date, place.get(c.session_id, -1), c.session_id)
    )
    return Backup(
        repo.settings(),
        tuple(repo.plans()),
        tuple(sessions),
        tuple(checklists),
        tuple(repo.photos()),
    )


def backup_object(backup: Backup, now: dt.datetime) -> dict[str, Any]:
    """The documented backup object of PRODUCT.md section 5."""
    return {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "settings": settings_to_doc(backup.settings),
        "plans": [plan_to_doc(p) for p in backup.plans],
        "sessions": [session_to_doc(s) for s in backup.sessions],
        "checklists": [checklist_to_doc(c) for c in backup.checklists],
        "photos": [photo_to_doc(p) for p in backup.photos],
    }


def export_backup(repo: Repository, now: dt.datetime) -> dict[str, Any]:
    return backup_object(backup_of(repo), now)


def backup_bytes(backup: Backup, now: dt.datetime) -> bytes:
    """The file ``export json`` writes: one record a line (about the compact form's size,
    which the import limit is measured on, and still readable), UTF-8, with every character
    a terminal would act on escaped (``terminal_safe_json``): the same JSON value."""
    obj = backup_object(backup, now)
    lines = ["{"]
    for number, (key, value) in enumerate(obj.items(), start=1):
        comma = "," if number < len(obj) else ""
        if isinstance(value, list) and value:
            lines.append(f" {_json(key)}: [")
            lines.extend(f"  {_json(item)}," for item in value)
            lines[-1] = lines[-1][:-1]  # no comma after the last
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {_json(key)}: {_json(value)}{comma}")
    lines.append("}\n")
    return terminal_safe_json("\n".join(lines)).encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def check_backup_size(backup: Backup, now: dt.datetime) -> None:
    """BackupError when the database ``backup`` would restore exports a backup over
    :data:`MAX_BACKUP_BYTES`: refused now, not after the restore, when its own export could
    no longer be imported."""
    size = len(backup_bytes(backup, now)) + EXPORTED_AT_ROOM
    if size > MAX_BACKUP_BYTES:
        raise BackupError(
            f"restored, it would export a backup of {size / 2**20:.1f} MB, over the "
            f"{MAX_BACKUP_BYTES // 2**20} MB that import takes"
        )


def parse_backup(obj: object) -> Backup:
    """Validate every part of ``obj``; raises BackupError naming the first problem.

    Every record passes exactly the checks of a load (the domain records' constructors and
    ``consistency_problems``), none relative to today: a backup of a database the app can
    open is always one it restores, whatever the clock said when its records were made.
    """
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
    if not isinstance(obj.get("photos", []), list):  # older backups have none
        raise BackupError('"photos" is not a JSON list')
    photos = tuple(_each("photos", obj.get("photos", []), photo_from_doc))
    problems = consistency_problems(list(plans), list(sessions), list(checklists))
    problems += photo_problems(photos)
    if problems:
        raise BackupError(problems[0])
    return Backup(settings, plans, sessions, checklists, photos)


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
    return bool(
        repo.sessions() or repo.plans() or repo.checklists() or repo.photos() or repo.has_settings()
    )


def restore_backup(
    repo: Repository, backup: Backup, *, replace: bool, files: PhotoFiles | None = None
) -> tuple[Photo, ...]:
    """Make the database hold exactly ``backup``, in one atomic write; over existing data
    only with ``replace``. Each photo's file is written first (from ``files``, a zip's), or
    found in the photo folder with the same bytes; a photo with neither is left out (no
    record without its file) and returned. The files of the photos the restore replaces go
    with the sweep after the write; a restore that fails leaves none of its files behind."""
    left_out: list[Photo] = []
    kept: list[Photo] = []
    with repo.transaction():
        if holds_data(repo) and not replace:
            raise BackupError("the database already holds data; restore with --replace")
        for photo in backup.photos:
            if files is not None and photo.sha256 in files:
                write_photo(repo.photo_folder, photo.sha256, files[photo.sha256]())
                kept.append(photo)
            elif file_matches(repo.photo_folder, photo.sha256):
                kept.append(photo)
            else:
                left_out.append(photo)
        repo.replace_all(
            {
                SETTINGS: [settings_to_doc(backup.settings)],
                PLANS: [plan_to_doc(p) for p in backup.plans],
                SESSIONS: [session_to_doc(s) for s in backup.sessions],
                CHECKLISTS: [checklist_to_doc(c) for c in backup.checklists],
                PHOTOS: [photo_to_doc(p) for p in kept],
            }
        )
    return tuple(left_out)


@dataclass(frozen=True)
class Salvage:
    """What could be read of a database the app refuses for a record in it: every sound
    record, and a line for each one left out."""

    backup: Backup
    left_out: tuple[str, ...]


def salvage(path: Path) -> Salvage:
    """Read the records of the database at ``path`` one by one, keeping every one the app
    would load and naming each it would not; writes nothing.

    For a file the app refuses for its records (``InvalidDatabase``): its user can still
    export what is sound. A file that is not JSON, not scalp-tui's or from a newer version
    raises its DatabaseError here too: nothing of it can be read with confidence. What is
    kept is a consistent whole (``consistency_problems`` finds nothing), so its backup is
    one ``import`` takes.
    """
    data = AtomicJSONStorage(path).read() or {}
    if data and schema_version_of(data) < SCHEMA_VERSION:
        data = migrate(copy.deepcopy(data))  # in memory: the file is never migrated here
    left_out: list[str] = []

    def sound(table: str, convert: Callable[[dict[str, Any]], T]) -> list[T]:
        kept = []
        for doc_id, doc in data.get(table, {}).items():
            try:
                kept.extend(convert_table(path, {table: {doc_id: doc}}, table, convert))
            except InvalidDatabase as exc:
                left_out.append(exc.reason)
        return kept

    settings = sound(SETTINGS, settings_from_doc)
    plans: dict[dt.date, Plan] = {}
    for plan in sound(PLANS, plan_from_doc):
        if plan.start in plans:
            left_out.append(f"a second plan from {plan.start}")
        else:
            plans[plan.start] = plan
    sessions: dict[str, SessionRecord] = {}
    for record in sound(SESSIONS, session_from_doc):
        if record.id in sessions:
            left_out.append(f"a second session with the id {record.id!r:.60}")
        else:
            sessions[record.id] = record
    checklists: dict[str, Checklist] = {}
    for checklist in sound(CHECKLISTS, checklist_from_doc):
        owner = sessions.get(checklist.session_id)
        if owner is None or owner.date != checklist.session_date:
            left_out.append(f"the checklist of a session left out ({checklist.session_id!r:.60})")
        elif checklist.session_id in checklists:
            left_out.append(f"a second checklist of session {checklist.session_id!r:.60}")
        else:
            checklists[checklist.session_id] = checklist
    sound(ACTIVE, active_from_doc)  # never in a backup; said when it is refused
    photos: dict[str, Photo] = {}
    for photo in sound(PHOTOS, photo_from_doc):
        if photo.id in photos or photo.sha256 in {p.sha256 for p in photos.values()}:
            left_out.append(f"a second record of photo {photo.id!r:.60}")
        else:
            photos[photo.id] = photo
    backup = Backup(
        settings[0] if settings else Settings(),
        tuple(sorted(plans.values(), key=lambda p: p.start)),
        tuple(sorted(sessions.values(), key=_session_order)),
        tuple(sorted(checklists.values(), key=lambda c: c.session_date)),
        tuple(sorted(photos.values(), key=lambda p: p.order)),
    )
    return Salvage(backup, tuple(left_out))


def _session_order(s: SessionRecord) -> tuple[dt.date, str]:
    """As ``Repository.sessions`` sorts them."""
    return s.date, s.started_at.isoformat() if s.started_at else ""
