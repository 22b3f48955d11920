"""Opening the database: where it lives, its schema version, migrations, broken files.

``open_database`` either returns a ready :class:`Database` or raises a
:class:`~scalp_tui.store.errors.DatabaseError` that names the file and what is wrong; it never
writes to a file it refuses. Moving a broken file aside happens only in :func:`move_aside`,
which the user must ask for.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from scalp_tui.store.atomic import ensure_private_folder, has_temp_files, sweep_temp_files
from scalp_tui.store.errors import ForeignDatabase
from scalp_tui.store.storage import (
    FORMAT,
    LOCK_TIMEOUT_S,
    META_ID,
    META_TABLE,
    SCHEMA_VERSION,
    AtomicJSONStorage,
    Data,
    schema_version_of,
)

APP_NAME = "scalp-tui"
DB_FILENAME = "scalp.json"
DB_ENV_VAR = "SCALP_TUI_DB"

Migration = Callable[[Data], Data]
#: MIGRATIONS[n] turns a schema-``n`` database into a schema-``n + 1`` one.
MIGRATIONS: dict[int, Migration] = {}


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_db_path(cli_path: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """``--db`` wins, then ``SCALP_TUI_DB``, then the platform's user data folder."""
    chosen = cli_path or environ.get(DB_ENV_VAR)
    return Path(chosen).expanduser() if chosen else default_db_path()


def fresh_data(schema_version: int = SCHEMA_VERSION) -> Data:
    return {META_TABLE: {META_ID: {"format": FORMAT, "schema_version": schema_version}}}


def timestamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


@dataclass
class Database:
    """An open database: its TinyDB handle over the atomic, locked storage."""

    path: Path
    storage: AtomicJSONStorage
    tinydb: TinyDB
    migrated_from: int | None = None
    backup_path: Path | None = None

    def close(self) -> None:
        self.tinydb.close()


def open_database(
    path: Path,
    *,
    now: Callable[[], datetime] = datetime.now,
    schema_version: int = SCHEMA_VERSION,
    migrations: Mapping[int, Migration] | None = None,
    lock_timeout: float = LOCK_TIMEOUT_S,
) -> Database:
    """Open (creating or migrating as needed) the database at ``path``.

    ``schema_version`` and ``migrations`` default to this release's; tests pass others to
    exercise the migration hook.
    """
    path = path.expanduser()
    if path.is_dir():
        raise ForeignDatabase(path, "is a folder, not a database file")
    ensure_private_folder(path.parent)
    storage = AtomicJSONStorage(path, lock_timeout, schema_version)
    migrated_from: int | None = None
    backup: Path | None = None
    # Validate first: a broken file is reported without even creating a lock file. Opening a
    # sound, current file writes nothing, so it takes no lock (and never imports filelock).
    # A missing or empty file is a new database: it is written with its first record.
    data = storage.read()
    needs_migration = data is not None and schema_version_of(data) < schema_version
    if needs_migration or has_temp_files(path):
        with storage.locked():
            sweep_temp_files(path)
            data = storage.read()
            if data is not None and schema_version_of(data) < schema_version:
                migrated_from = schema_version_of(data)
                backup = backup_copy(path, f"v{migrated_from}-backup-{timestamp(now())}")
                storage.write(migrate(data, schema_version, migrations))
    tinydb = ScalpTinyDB(storage=_Prebuilt(storage))
    return Database(path, storage, tinydb, migrated_from, backup)


def migrate(
    data: Data, target: int = SCHEMA_VERSION, migrations: Mapping[int, Migration] | None = None
) -> Data:
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version_of(data)
    while version < target:
        data = steps[version](data)
        version += 1
        data[META_TABLE][META_ID]["schema_version"] = version
    return data


def backup_copy(path: Path, tag: str) -> Path:
    """Copy ``path`` to ``<name>.<tag>`` beside it, private, durable."""
    target = path.with_name(f"{path.name}.{tag}")
    shutil.copyfile(path, target)
    os.chmod(target, 0o600)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    return target


def move_aside(path: Path, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """Rename a broken database to ``<name>.corrupt-<timestamp>``; only on the user's request."""
    target = path.with_name(f"{path.name}.corrupt-{timestamp(now())}")
    os.replace(path, target)
    return target


class ProcessSafeTable(Table):
    """A TinyDB table that trusts nothing it remembers: another process may have written.

    TinyDB caches the next document id and query results per table object; with two processes
    on one file both go stale. Here the next id is computed from the file on every insert
    (inside the lock, so it is fresh) at the start of every insert, and the query cache is off.
    """

    def __init__(
        self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False
    ) -> None:
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)

    def insert(self, document: Mapping[Any, Any]) -> int:
        self._next_id = None  # recomputed from the file, read inside the caller's lock
        inserted: int = super().insert(document)
        return inserted

    def insert_multiple(self, documents: Iterable[Mapping[Any, Any]]) -> list[int]:
        self._next_id = None
        inserted: list[int] = super().insert_multiple(documents)
        return inserted


class ScalpTinyDB(TinyDB):
    table_class = ProcessSafeTable


class _Prebuilt:
    """Hands TinyDB an already-built storage (TinyDB calls ``storage(*args)``)."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self.storage
