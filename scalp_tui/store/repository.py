"""Frozen domain dataclasses <-> TinyDB documents, in one place.

Every write runs inside a transaction of the storage: the inter-process lock is held, the file
is re-read inside it, and everything the operation writes lands in one atomic replace. A write
never overwrites another process's, and an operation is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from scalp_tui.domain.checklist import Checklist, ChecklistItem
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.domain.regimen import Plan, Preset
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.validation import InvalidValue, shown
from scalp_tui.store.database import Database
from scalp_tui.store.errors import DatabaseError, InvalidDatabase
from scalp_tui.store.session_lock import SessionLock
from scalp_tui.store.storage import Data

if TYPE_CHECKING:
    from tinydb import TinyDB

    from scalp_tui.domain.session import ActiveSession

Doc = dict[str, Any]
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

SETTINGS = "settings"
PLANS = "plans"
SESSIONS = "sessions"
CHECKLISTS = "checklists"
ACTIVE = "active_session"


def where(field: str) -> Any:
    """TinyDB's query on ``field``; TinyDB is imported at the first write, not at start-up."""
    from tinydb import where as tinydb_where

    return tinydb_where(field)


# -- mapping ---------------------------------------------------------------------------------
# Documents are read strictly: a field of the wrong JSON type is refused (never coerced, so
# "crown" never becomes five zones c, r, o, w, n), then the domain record checks the values.
_MISSING = object()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _field(d: Doc, key: str, kinds: type | tuple[type, ...], default: object = _MISSING) -> Any:
    value = d.get(key, _MISSING)
    if value is _MISSING:
        if default is _MISSING:
            raise InvalidValue(key, "is missing")
        return default
    # JSON gives exact types (no subclasses), so the type itself is looked up: true and
    # false are refused where a number is wanted, as bool is not int here.
    kind = type(value)
    if kind is kinds or (type(kinds) is tuple and kind in kinds):
        return value
    if kind is bool:
        raise InvalidValue(key, f"must not be true or false ({shown(value)})")
    raise InvalidValue(key, f"has the wrong type ({shown(value)})")


def _number(d: Doc, key: str, default: object = _MISSING) -> Any:
    return _field(d, key, (int, float), default)


def _date(d: Doc, key: str, default: object = _MISSING) -> Any:
    text = _field(d, key, (str, type(None)), default)
    if text is None or text is default:
        return text
    try:
        if not ISO_DATE.fullmatch(text):  # Python also reads 20261120 and 2026-W47-5
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(key, f"{shown(text)} is not a date (YYYY-MM-DD)") from None


def _datetime(d: Doc, key: str, default: object = None) -> Any:
    text = _field(d, key, (str, type(None)), default)
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue(key, f"{shown(text)} is not a date and time (ISO 8601)") from None


def _moment(d: Doc, key: str) -> Any:
    """A moment, or a day (older files: the start of that day, UTC)."""
    text = _field(d, key, (str, type(None)), None)
    if text is not None and len(text) == len("YYYY-MM-DD"):
        day = _date(d, key)
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return _datetime(d, key)


def _enum(d: Doc, key: str, kind: type[E]) -> E:
    value = _field(d, key, str)
    members: dict[str, E] = _members(kind)
    member = members.get(value)
    if member is None:
        choices = ", ".join(m.value for m in kind)
        raise InvalidValue(key, f"must be one of {choices}, not {shown(value)}")
    return member


@cache
def _members(kind: type[E]) -> dict[str, E]:
    """An enum's members by value (a dict lookup: ``kind(value)`` is ~5x slower, and each
    of ten years of sessions has two)."""
    return {member.value: member for member in kind}


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def session_to_doc(s: SessionRecord) -> Doc:
    return {
        "id": s.id,
        "date": s.date.isoformat(),
        "started_at": _iso(s.started_at),
        "ended_at": _iso(s.ended_at),
        "status": s.status.value,
        "source": s.source.value,
        "needle_mm": s.needle_mm,
        "zones": list(s.zones),
        "directions": list(s.directions),
        "redness": s.redness,
        "note": s.note,
        "recorded_at": _iso(s.recorded_at),
        "rolled_s": s.rolled_s,
        "serum_name": s.serum_name,
    }


def session_from_doc(d: Doc) -> SessionRecord:
    return SessionRecord(
        id=_field(d, "id", str),
        date=_date(d, "date"),
        started_at=_datetime(d, "started_at"),
        ended_at=_datetime(d, "ended_at"),
        status=_enum(d, "status", SessionStatus),
        source=_enum(d, "source", SessionSource),
        needle_mm=_number(d, "needle_mm"),
        zones=tuple(_field(d, "zones", list)),
        directions=tuple(_field(d, "directions", list)),
        redness=_field(d, "redness", (int, type(None)), None),
        note=_field(d, "note", (str, type(None)), "") or "",
        recorded_at=_datetime(d, "recorded_at"),
        rolled_s=_field(d, "rolled_s", (int, float, type(None)), None),
        serum_name=_field(d, "serum_name", (str, type(None)), None),
    )


def plan_to_doc(p: Plan) -> Doc:
    return {
        "start": p.start.isoformat(),
        "preset": p.preset.value,
        "needle_mm": p.needle_mm,
        "weekdays": list(p.weekdays),
        "earlier_needles": [[until.isoformat(), mm] for until, mm in p.earlier_needles],
    }


def plan_from_doc(d: Doc) -> Plan:
    return Plan(
        start=_date(d, "start"),
        preset=_enum(d, "preset", Preset),
        needle_mm=_number(d, "needle_mm"),
        weekdays=tuple(_field(d, "weekdays", list)),
        earlier_needles=tuple(_needle_change(c) for c in _field(d, "earlier_needles", list, [])),
    )


def _needle_change(pair: object) -> tuple[dt.date, float]:
    """``["2027-01-13", 0.5]``: the needle rolled before that date."""
    if type(pair) is not list or len(pair) != 2:
        raise InvalidValue("earlier_needles", f"must hold [date, mm] pairs, not {shown(pair)}")
    return _date({"until": pair[0]}, "until"), _number({"needle_mm": pair[1]}, "needle_mm")


def settings_to_doc(s: Settings) -> Doc:
    return {
        "zones": list(s.zones),
        "seconds_per_pass": s.seconds_per_pass,
        "directions": list(s.directions),
        "confident": s.confident,
        "serum_name": s.serum_name,
        "sound": s.sound,
        "move_seconds": s.move_seconds,
        "strokes_per_pass": s.strokes_per_pass,
        "uses_minoxidil": s.uses_minoxidil,
        "roller_started": _iso(s.roller_started),
        "roller_replace_after": s.roller_replace_after,
        "disclaimer_seen": s.disclaimer_seen,
        "theme": s.theme,
    }


def settings_from_doc(d: Doc) -> Settings:
    """A missing field takes its default (older files); a field of the wrong type is refused."""
    defaults = Settings()
    return Settings(
        zones=tuple(_field(d, "zones", list, list(defaults.zones))),
        seconds_per_pass=_field(d, "seconds_per_pass", int, defaults.seconds_per_pass),
        directions=tuple(_field(d, "directions", list, list(defaults.directions))),
        confident=_field(d, "confident", bool, defaults.confident),
        serum_name=_field(d, "serum_name", str, defaults.serum_name),
        sound=_field(d, "sound", str, defaults.sound),
        move_seconds=_field(d, "move_seconds", int, defaults.move_seconds),
        strokes_per_pass=_field(d, "strokes_per_pass", int, defaults.strokes_per_pass),
        uses_minoxidil=_field(d, "uses_minoxidil", bool, defaults.uses_minoxidil),
        roller_started=_moment(d, "roller_started"),
        roller_replace_after=_field(d, "roller_replace_after", int, defaults.roller_replace_after),
        disclaimer_seen=_field(d, "disclaimer_seen", bool, defaults.disclaimer_seen),
        theme=_field(d, "theme", str, defaults.theme),
    )


def checklist_to_doc(c: Checklist) -> Doc:
    return {
        "session_id": c.session_id,
        "session_date": c.session_date.isoformat(),
        "ticks": {item.value: at.isoformat() for item, at in c.ticks.items()},
    }


def checklist_from_doc(d: Doc) -> Checklist:
    raw_ticks = _field(d, "ticks", dict)
    ticks: dict[ChecklistItem, dt.datetime] = {}
    for key in raw_ticks:
        item = _item(key)
        ticks[item] = _datetime(raw_ticks, key, _MISSING)
    return Checklist(
        session_id=_field(d, "session_id", str),
        session_date=_date(d, "session_date"),
        ticks=ticks,
    )


def _item(key: str) -> ChecklistItem:
    try:
        return ChecklistItem(key)
    except ValueError:
        raise InvalidValue("ticks", f"unknown item {key!r}") from None


def active_to_doc(a: ActiveSession) -> Doc:
    return {
        "id": a.id,
        "zones": list(a.config.zones),
        "directions": list(a.config.directions),
        "seconds_per_pass": a.config.seconds_per_pass,
        "serum_name": a.config.serum_name,
        "needle_mm": a.config.needle_mm,
        "move_seconds": a.config.move_seconds,
        "strokes_per_pass": a.config.strokes_per_pass,
        "started_at": _iso(a.started_at),
        "index": a.index,
        "step_elapsed": a.step_elapsed,
        "serum_applied": a.serum_applied,
        "saved_at": _iso(a.saved_at),
        "skipped": list(a.skipped),
        "rolled_s": a.rolled_s,
        "redness": a.redness,
        "note": a.note,
    }


def active_from_doc(d: Doc) -> ActiveSession:
    from scalp_tui.domain.session import ActiveSession, SessionConfig  # not needed at start-up

    return ActiveSession(
        id=_field(d, "id", str),
        config=SessionConfig(
            zones=tuple(_field(d, "zones", list)),
            directions=tuple(_field(d, "directions", list)),
            seconds_per_pass=_field(d, "seconds_per_pass", int),
            serum_name=_field(d, "serum_name", str),
            needle_mm=_number(d, "needle_mm"),
            move_seconds=_field(d, "move_seconds", int, 0),
            strokes_per_pass=_field(d, "strokes_per_pass", int, 0),
        ),
        started_at=_datetime(d, "started_at"),
        index=_field(d, "index", int),
        step_elapsed=_number(d, "step_elapsed"),
        serum_applied=_field(d, "serum_applied", (bool, type(None)), None),
        saved_at=_datetime(d, "saved_at", _MISSING),
        skipped=tuple(_field(d, "skipped", list, [])),
        rolled_s=_number(d, "rolled_s", 0.0),
        redness=_field(d, "redness", (int, type(None)), None),
        note=_field(d, "note", str, ""),
    )


def convert_table(path: Path, data: Data, table: str, convert: Callable[[Doc], T]) -> list[T]:
    """Every document of ``table`` as a domain value; InvalidDatabase names the first bad one."""
    result = []
    for doc_id, doc in data.get(table, {}).items():
        try:
            if not isinstance(doc, dict):
                raise InvalidValue("record", "is not a JSON object")
            result.append(convert(doc))
        except (InvalidValue, KeyError, TypeError, ValueError, OverflowError) as exc:
            where = describe_record(f"{table} record {doc_id}", doc)
            raise InvalidDatabase(path, f"{where}: {exc}") from exc
    return result


CONVERTERS: dict[str, Callable[[Doc], object]] = {
    SETTINGS: settings_from_doc,
    PLANS: plan_from_doc,
    SESSIONS: session_from_doc,
    CHECKLISTS: checklist_from_doc,
    ACTIVE: active_from_doc,
}


def consistency_problems(
    plans: list[Plan], sessions: list[SessionRecord], checklists: list[Checklist]
) -> list[str]:
    """What makes records that are each sound contradict one another (a backup is refused
    for the same, so a database's own export always restores)."""
    problems = []
    ids = [s.id for s in sessions]
    if len(set(ids)) != len(ids):
        problems.append("two sessions share one id")
    if len({p.start for p in plans}) != len(plans):
        problems.append("two plans start on the same day")
    owners = [c.session_id for c in checklists]
    if len(set(owners)) != len(owners):
        problems.append("a session has two cleaning checklists")
    dates = {s.id: s.date for s in sessions}
    for checklist in checklists:
        if checklist.session_id not in dates:
            problems.append(f"a checklist belongs to no session ({checklist.session_id!r:.60})")
        elif dates[checklist.session_id] != checklist.session_date:
            problems.append(
                f"the checklist of session {checklist.session_id!r:.60} has another date"
            )
    return problems


def check_records(path: Path, data: Data) -> None:
    """Every record of ``data`` converts to a domain value, or InvalidDatabase says which not."""
    for table, convert in CONVERTERS.items():
        convert_table(path, data, table, convert)


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
        for problem in consistency_problems(plans, sessions, checklists):
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
            self._load(SESSIONS, session_from_doc), key=lambda s: (s.date, _iso(s.started_at) or "")
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


def describe_record(text: str, doc: object) -> str:
    """``sessions[3] (id 'abc')``: which record, in words a person can find it by."""
    if isinstance(doc, dict):
        for key in ("id", "session_id", "start"):
            if isinstance(doc.get(key), str):
                return f"{text} ({key} {doc[key]!r})"
    return text
