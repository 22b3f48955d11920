"""The repository: the domain's records read from and written to the file.

Every write runs inside a transaction of the storage: the inter-process lock is held, the file
is re-read inside it, and everything the operation writes lands in one atomic replace. A write
never overwrites another process's, and an operation is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.settings import Settings
from scalp_tui.store.checks import consistency_problems, convert_table
from scalp_tui.store.codec import (
    ACTIVE,
    CHECKLISTS,
    PHOTOS,
    PLANS,
    SESSIONS,
    SETTINGS,
    Doc,
    active_from_doc,
    active_to_doc,
    checklist_from_doc,
    checklist_to_doc,
    iso,
    photo_from_doc,
    photo_to_doc,
    plan_from_doc,
    plan_to_doc,
    session_from_doc,
    session_to_doc,
    settings_from_doc,
    settings_to_doc,
)
from scalp_tui.store.database import Database, photo_folder
from scalp_tui.store.errors import DatabaseError, InvalidDatabase
from scalp_tui.store.session_lock import SessionLock

if TYPE_CHECKING:
    from tinydb import TinyDB

    from scalp_tui.domain.photos import Photo
    from scalp_tui.domain.session import ActiveSession

T = TypeVar("T")


def where(field: str) -> Any:
    """TinyDB's query on ``field``; TinyDB is imported at the first write, not at start-up."""
    from tinydb import where as tinydb_where

    return tinydb_where(field)


class Repository:
    """Reads and writes the user's data; the UI and CLI use nothing else to touch the file."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._memo: dict[str, tuple[int, list[Any]]] = {}
        #: Lines to show the user once: repairs made when the database was opened.
        self.notices: list[str] = []
        #: Set by a program that keeps running after the file was opened (the app): a read
        #: that finds the file refused (replaced by a newer scalp-tui's, or by another
        #: program's with a record the app refuses) calls it with the error and returns what
        #: the file last held, instead of raising. Writes raise as ever: nothing is written.
        self.on_refused: Callable[[DatabaseError], None] | None = None
        # After every write, inside the lock: the photo files no record names go.
        database.storage.after_write.append(self._sweep_photos)

    @property
    def _db(self) -> TinyDB:
        return self.database.tinydb

    @property
    def path(self) -> Any:
        return self.database.path

    @cached_property
    def session_lock(self) -> SessionLock:
        """Held by the one live process running a guided session on this database."""
        return SessionLock(self.database.storage.file)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work: inside it, reads see the writes so far; the file is replaced once,
        atomically, when the outermost block ends, and not at all when it raises.

        A file another process or program wrote since this one last read or wrote it has
        every record checked first: a file the app refuses is never written, not even with
        the refused record kept beside the change (InvalidDatabase, nothing written).
        """
        storage = self.database.storage
        with storage.transaction():
            if storage.changed_outside:
                storage.changed_outside = False
                self.check()
            yield

    def _load(self, table: str, convert: Callable[[Doc], T]) -> list[T]:
        """Every record of ``table`` as domain values.

        The conversion is kept per table and redone only when the data may have changed (a
        write here, in a transaction, or by another process).
        """
        storage = self.database.storage
        memo = self._memo.get(table)
        try:
            data = storage.read() or {}
            if memo is not None and memo[0] == storage.revision:
                return list(memo[1])
            result = convert_table(self.database.path, data, table, convert)
        except DatabaseError as exc:
            self._refused(exc, table)
            assert memo is not None
            return list(memo[1])
        self._memo[table] = (storage.revision, result)
        return list(result)

    def _refused(self, exc: DatabaseError, table: str | None = None) -> None:
        """A read found the file refused: re-raise, or, where ``on_refused`` is set and what
        the file held before is known (and no write is under way), report it and return."""
        known = table is None or table in self._memo
        if self.on_refused is None or self.database.storage.in_transaction or not known:
            raise exc
        self.on_refused(exc)

    def check(self) -> None:
        """Load every record once: a malformed one is refused before anything is written.

        The checks are the records' own, none relative to today: what was written under a
        wrong clock (a session dated 2130, a plan started two years ahead) still loads once
        the clock is right. Those bounds are checked where a value is made (input).
        """
        self.settings()
        plans = self.plans()
        sessions = self.sessions()
        checklists = self.checklists()
        self.active_session()
        problems = consistency_problems(plans, sessions, checklists)
        photos = self.photos()
        if photos:  # the photos' own rules, loaded only where there are photos
            from scalp_tui.domain.photos import photo_problems

            problems = problems + photo_problems(photos)
        for problem in problems:
            raise InvalidDatabase(self.database.path, problem)
        if not self.database.storage.in_transaction:
            self.database.storage.trust()

    def repair(self) -> list[str]:
        """Mend the one state an older release could leave after a crash: a session both
        recorded and still in progress. Returns a line for each repair made."""
        active = self.active_session()
        if active is None or self.session(active.id) is None:
            return []
        with self.transaction():
            active = self.active_session()
            if active is None or self.session(active.id) is None:
                return []
            self._db.table(ACTIVE).truncate()
        return [
            "A session was both recorded and still marked in progress (left by a crash); "
            "the in-progress copy is cleared, the recorded session kept."
        ]

    def replace_all(self, tables: dict[str, list[Doc]]) -> None:
        """Replace whole tables; with the rest of the transaction, in one atomic write."""
        storage = self.database.storage
        with self.transaction():
            data = dict(storage.read() or {})
            for name, docs in tables.items():
                data[name] = {str(i): doc for i, doc in enumerate(docs, start=1)}
            storage.write(data)

    def revision(self) -> int:
        """A number that changes whenever the data may have (compare with ``!=``)."""
        try:
            self.database.storage.read()
        except DatabaseError as exc:
            self._refused(exc)
        return self.database.storage.revision

    # -- settings -------------------------------------------------------------------------
    def has_settings(self) -> bool:
        try:
            return bool((self.database.storage.read() or {}).get(SETTINGS))
        except DatabaseError as exc:
            self._refused(exc)
            return bool(self._memo.get(SETTINGS, (0, []))[1])

    def settings(self) -> Settings:
        found = self._load(SETTINGS, settings_from_doc)
        return found[0] if found else Settings()

    def save_settings(self, settings: Settings) -> None:
        with self.transaction():
            table = self._db.table(SETTINGS)
            table.truncate()
            table.insert(settings_to_doc(settings))

    def update_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Re-read the settings inside the lock, apply ``change``, save: another window's
        change to other fields is kept."""
        with self.transaction():
            updated = change(self.settings())
            self.save_settings(updated)
        return updated

    # -- plans ----------------------------------------------------------------------------
    def plans(self) -> list[Plan]:
        return sorted(self._load(PLANS, plan_from_doc), key=lambda p: p.start)

    def remove_plan(self, plan: Plan) -> None:
        """Remove the plan that starts on ``plan.start`` (one not started yet, moved)."""
        with self.transaction():
            self._db.table(PLANS).remove(where("start") == plan.start.isoformat())

    def save_plan(self, plan: Plan) -> None:
        """Add a plan from its start date on; a plan with the same start is replaced."""
        with self.transaction():
            table = self._db.table(PLANS)
            table.remove(where("start") == plan.start.isoformat())
            table.insert(plan_to_doc(plan))

    # -- sessions -------------------------------------------------------------------------
    def sessions(self) -> list[SessionRecord]:
        return sorted(
            self._load(SESSIONS, session_from_doc), key=lambda s: (s.date, iso(s.started_at) or "")
        )

    def session(self, session_id: str) -> SessionRecord | None:
        return next((s for s in self._load(SESSIONS, session_from_doc) if s.id == session_id), None)

    def add_session(self, record: SessionRecord) -> None:
        with self.transaction():
            if self.session(record.id) is not None:
                raise ValueError(f"session {record.id} already exists")
            self._db.table(SESSIONS).insert(session_to_doc(record))

    def update_session(self, record: SessionRecord) -> None:
        with self.transaction():
            updated = self._db.table(SESSIONS).update(
                session_to_doc(record), where("id") == record.id
            )
            if not updated:
                raise KeyError(record.id)

    def edit_session(
        self, session_id: str, change: Callable[[SessionRecord], SessionRecord]
    ) -> SessionRecord:
        """Re-read the session inside the lock, apply ``change``, save it."""
        with self.transaction():
            current = self.session(session_id)
            if current is None:
                raise KeyError(session_id)
            changed = change(current)
            self.update_session(changed)
        return changed

    def delete_session(self, session_id: str) -> tuple[SessionRecord, Checklist | None]:
        """Remove a session and its checklist; returns both, for an undo."""
        with self.transaction():
            record = self.session(session_id)
            if record is None:
                raise KeyError(session_id)
            checklist = next((c for c in self.checklists() if c.session_id == session_id), None)
            self._db.table(SESSIONS).remove(where("id") == session_id)
            self._db.table(CHECKLISTS).remove(where("session_id") == session_id)
            return record, checklist

    def restore_session(self, record: SessionRecord, checklist: Checklist | None) -> None:
        """Put back what delete_session removed."""
        with self.transaction():
            self.add_session(record)
            if checklist is not None:
                self.save_checklist(checklist)

    # -- checklists -----------------------------------------------------------------------
    def checklists(self) -> list[Checklist]:
        return sorted(self._load(CHECKLISTS, checklist_from_doc), key=lambda c: c.session_date)

    def save_checklist(self, checklist: Checklist) -> None:
        with self.transaction():
            self._db.table(CHECKLISTS).upsert(
                checklist_to_doc(checklist), where("session_id") == checklist.session_id
            )

    # -- the session in progress ----------------------------------------------------------
    def active_session(self) -> ActiveSession | None:
        found = self._load(ACTIVE, active_from_doc)
        return found[0] if found else None

    def save_active_session(self, active: ActiveSession) -> None:
        with self.transaction():
            table = self._db.table(ACTIVE)
            table.truncate()
            table.insert(active_to_doc(active))

    def clear_active_session(self) -> None:
        with self.transaction():
            self._db.table(ACTIVE).truncate()

    # -- progress photos ------------------------------------------------------------------
    @property
    def photo_folder(self) -> Path:
        """``<database name>.photos/`` beside the database's file (made by the first add)."""
        return photo_folder(self.database.storage.file)

    def photo_path(self, photo: Photo) -> Path:
        from scalp_tui.store.photo_files import stored_name

        return self.photo_folder / stored_name(photo.sha256)

    def photos(self) -> list[Photo]:
        """Every photo, oldest first."""
        return sorted(self._load(PHOTOS, photo_from_doc), key=lambda p: p.order)

    def photo(self, photo_id: str) -> Photo | None:
        return next((p for p in self._load(PHOTOS, photo_from_doc) if p.id == photo_id), None)

    def add_photo(self, photo: Photo, data: bytes) -> None:
        """Store ``data`` as the photo's file, then its record: the file first, so that no
        record is ever without its file. ValueError when the id or the picture is taken."""
        with self.transaction():
            if any(p.id == photo.id or p.sha256 == photo.sha256 for p in self.photos()):
                raise ValueError(f"photo {photo.id} or its picture is already stored")
            from scalp_tui.store.photo_files import write_photo

            write_photo(self.photo_folder, photo.sha256, data)
            self._db.table(PHOTOS).insert(photo_to_doc(photo))

    def remove_photo(self, photo_id: str) -> Photo:
        """Remove the photo's record; its file goes once the record is gone from the disk
        (the sweep after the write). KeyError when there is no such photo."""
        with self.transaction():
            photo = self.photo(photo_id)
            if photo is None:
                raise KeyError(photo_id)
            self._db.table(PHOTOS).remove(where("id") == photo_id)
        return photo

    def _sweep_photos(self, on_disk: dict[str, dict[str, Any]] | None) -> None:
        if not self.photo_folder.is_dir():  # no photo yet: nothing to sweep (a session's
            return  # saves every few seconds need not load the photo store)
        from scalp_tui.store.photo_files import recorded_sha256s, sweep_photos

        sweep_photos(self.photo_folder, recorded_sha256s(on_disk, PHOTOS))
