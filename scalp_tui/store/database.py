"""Opening the database: where it lives, its schema version, migrations, broken files.

``open_database`` either returns a ready :class:`Database` or raises a
:class:`~scalp_tui.store.errors.DatabaseError` that names the file and what is wrong; it never
writes to a file it refuses. Moving a broken file aside happens only in :func:`move_aside`,
which the user must ask for.
"""

from __future__ import annotations

import copy
import os
import shutil
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from scalp_tui.store.atomic import has_temp_files, sweep_temp_files
from scalp_tui.store.errors import UnusableDatabase
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

if TYPE_CHECKING:
    from tinydb import TinyDB

APP_NAME = "scalp-tui"
DB_FILENAME = "scalp.json"
DB_ENV_VAR = "SCALP_TUI_DB"

Migration = Callable[[Data], Data]


def _v1_to_v2(data: Data) -> Data:
    """Schema 2 (the hands-free session): the sound setting replaces the bell switch, the
    directions come from a fixed vocabulary, a "move to" step goes between passes.

    Settings: ``bell`` true -> ``sound`` "tones", false -> "off"; free-text directions that
    name one of the vocabulary's are kept (case and spaces aside), others dropped, and none
    left gives the article's; ``move_seconds`` 5, ``strokes_per_pass`` 0. A session saved in
    progress keeps its steps: it gets no "move to" step and no pacing.
    """
    from scalp_tui.domain.directions import DIRECTIONS
    from scalp_tui.domain.settings import DEFAULT_DIRECTIONS, DEFAULT_MOVE_SECONDS

    known = {" ".join(d.split()).lower(): d for d in DIRECTIONS}
    for doc in data.get("settings", {}).values():
        if not isinstance(doc, dict):
            continue
        bell = doc.pop("bell", True)
        doc.setdefault("sound", "off" if bell is False else "tones")
        old = doc.get("directions")
        if isinstance(old, list):
            mapped = [known.get(" ".join(str(d).split()).lower()) for d in old]
            kept = list(dict.fromkeys(d for d in mapped if d))
            doc["directions"] = kept or list(DEFAULT_DIRECTIONS)
        doc.setdefault("move_seconds", DEFAULT_MOVE_SECONDS)
        doc.setdefault("strokes_per_pass", 0)
    for doc in data.get("active_session", {}).values():
        if isinstance(doc, dict):
            doc.setdefault("move_seconds", 0)
            doc.setdefault("strokes_per_pass", 0)
    return data


#: MIGRATIONS[n] turns a schema-``n`` database into a schema-``n + 1`` one.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_db_path(cli_path: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """``--db`` wins, then ``SCALP_TUI_DB``, then the platform's user data folder.

    An empty ``--db`` or ``SCALP_TUI_DB`` is a mistake, not a request for the default: it
    raises ValueError (a message for the user).
    """
    if cli_path is not None:
        chosen, source = cli_path, "--db"
    elif DB_ENV_VAR in environ:
        chosen, source = environ[DB_ENV_VAR], f"${DB_ENV_VAR}"
    else:
        return default_db_path()
    if not chosen:
        raise ValueError(f"{source} is empty; name a database file")
    try:
        return Path(chosen).expanduser()
    except RuntimeError:  # ~user of no such user, or no home folder to expand ~ to
        raise ValueError(f"{source} {chosen}: cannot tell which home folder '~' means") from None


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def check_usable(path: Path) -> None:
    """Refuse at once a path that is not a regular file the user lets scalp-tui write.

    Only ``stat``: a FIFO is never opened (a read would block), a device never read. A missing
    file is a new database; a symlink is judged by what it points to. A lock file is never a
    database: writing one would replace the file the lock is held on.
    """
    if Path(os.path.realpath(path)).name.endswith(".lock"):
        raise UnusableDatabase(path, "is a lock file (its name ends in .lock), not a database")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:  # a symlink loop, a file where a folder should be, no permission
        raise UnusableDatabase(path, f"cannot be used ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
        raise UnusableDatabase(path, f"is {kind}, not a database file")
    if not mode & stat.S_IWUSR:  # the owner's write bit: root could write, but was told not to
        raise UnusableDatabase(
            path, "is read-only; make it writable (chmod u+w) or choose another file with --db"
        )


def fresh_data(schema_version: int = SCHEMA_VERSION) -> Data:
    return {META_TABLE: {META_ID: {"format": FORMAT, "schema_version": schema_version}}}


def timestamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


@dataclass
class Database:
    """An open database: the atomic, locked storage, and TinyDB over it for writes."""

    path: Path
    storage: AtomicJSONStorage
    migrated_from: int | None = None
    backup_path: Path | None = None

    @cached_property
    def tinydb(self) -> TinyDB:
        """Made at the first write or query: reading for the first screen needs none."""
        from scalp_tui.store.tables import tinydb_over

        return tinydb_over(self.storage)

    def close(self) -> None:
        if "tinydb" in self.__dict__:
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
    check_usable(path)
    # No folder is made here: a read-only command creates nothing; the first write makes it.
    storage = AtomicJSONStorage(path, lock_timeout, schema_version)
    migrated_from: int | None = None
    backup: Path | None = None
    # Validate first: a broken file is reported without even creating a lock file. Opening a
    # sound, current file writes nothing, so it takes no lock (and never imports filelock).
    # A missing or empty file is a new database: it is written with its first record.
    data = storage.read()
    needs_migration = data is not None and schema_version_of(data) < schema_version
    if needs_migration and migrations is None:
        # This release's schema: every record must convert once migrated. A bad one is
        # refused here, before a lock file or a backup copy is made.
        from scalp_tui.store.checks import check_records

        assert data is not None
        check_records(path, migrate(copy.deepcopy(data), schema_version))
    if needs_migration or has_temp_files(storage.file):
        with storage.transaction():
            sweep_temp_files(storage.file)
            data = storage.read()
            if data is not None and schema_version_of(data) < schema_version:
                migrated_from = schema_version_of(data)
                migrated = migrate(copy.deepcopy(data), schema_version, migrations)
                backup = backup_copy(storage.file, f"v{migrated_from}-backup-{timestamp(now())}")
                storage.write(migrated)
    return Database(path, storage, migrated_from, backup)


def migrate(
    data: Data, target: int = SCHEMA_VERSION, migrations: Mapping[int, Migration] | None = None
) -> Data:
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version_of(data)
    while version < target:
        if version not in steps:
            raise ValueError(f"no migration from schema version {version}")
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
    """Rename a broken database to ``<name>.corrupt-<timestamp>``; only on the user's request.

    A symlinked database keeps its link: the file it points to is moved (and the next write
    goes through the link again). A name already taken (two moves in one second) is never
    written over: ``-2``, ``-3``, ... is added. Hard-linking claims a name atomically; a file
    system without hard links gets a check before the rename.
    """
    source = Path(os.path.realpath(path))
    stem = f"{source.name}.corrupt-{timestamp(now())}"
    number = 1
    while True:
        target = source.with_name(stem if number == 1 else f"{stem}-{number}")
        number += 1
        try:
            os.link(source, target)
        except FileExistsError:
            continue
        except OSError:  # no hard links here (EPERM, ENOTSUP, EXDEV...)
            if os.path.lexists(target):
                continue
            os.rename(source, target)
            break
        os.unlink(source)
        break
    _move_photos_along(source, target)
    return target


PHOTO_FOLDER_SUFFIX = ".photos"


def photo_folder(database_file: Path) -> Path:
    """``scalp.json`` -> ``scalp.json.photos`` beside it (a function of the database's own:
    a session's writes look for it without loading the photo store)."""
    return database_file.with_name(database_file.name + PHOTO_FOLDER_SUFFIX)


def _move_photos_along(source: Path, target: Path) -> None:
    """The moved file's photos go with it (``<target>.photos``): the new database's first
    write would otherwise sweep them all, as files no record of its names."""
    photos, moved = photo_folder(source), photo_folder(target)
    if photos.is_dir() and not os.path.lexists(moved):
        os.rename(photos, moved)
