"""Frozen domain dataclasses <-> TinyDB documents, in one place.

Every write runs inside the storage's inter-process lock, and TinyDB re-reads the file inside
it, so a write never overwrites another process's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from scalp_tui.domain.checklist import Checklist, ChecklistItem
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.domain.regimen import Plan, Preset
from scalp_tui.domain.settings import Settings
from scalp_tui.store.database import Database
from scalp_tui.store.errors import ForeignDatabase

if TYPE_CHECKING:
    from tinydb import TinyDB

    from scalp_tui.domain.session import ActiveSession

Doc = dict[str, Any]
T = TypeVar("T")

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
def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _datetime(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


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
    }


def session_from_doc(d: Doc) -> SessionRecord:
    return SessionRecord(
        id=str(d["id"]),
        date=_date(d["date"]),
        started_at=_datetime(d.get("started_at")),
        ended_at=_datetime(d.get("ended_at")),
        status=SessionStatus(d["status"]),
        source=SessionSource(d["source"]),
        needle_mm=float(d["needle_mm"]),
        zones=tuple(d.get("zones", ())),
        directions=tuple(d.get("directions", ())),
        redness=d.get("redness"),
        note=str(d.get("note") or ""),
    )


def plan_to_doc(p: Plan) -> Doc:
    return {
        "start": p.start.isoformat(),
        "preset": p.preset.value,
        "needle_mm": p.needle_mm,
        "weekdays": list(p.weekdays),
    }


def plan_from_doc(d: Doc) -> Plan:
    a, b = d["weekdays"]
    return Plan(
        start=_date(d["start"]),
        preset=Preset(d["preset"]),
        needle_mm=float(d["needle_mm"]),
        weekdays=(int(a), int(b)),
    )


def settings_to_doc(s: Settings) -> Doc:
    return {
        "zones": list(s.zones),
        "seconds_per_pass": s.seconds_per_pass,
        "directions": list(s.directions),
        "confident": s.confident,
        "serum_name": s.serum_name,
        "bell": s.bell,
        "uses_minoxidil": s.uses_minoxidil,
        "roller_started": _iso(s.roller_started),
        "roller_replace_after": s.roller_replace_after,
        "disclaimer_seen": s.disclaimer_seen,
    }


def settings_from_doc(d: Doc) -> Settings:
    defaults = Settings()
    first, second = d.get("directions", defaults.directions)
    roller = d.get("roller_started")
    return Settings(
        zones=tuple(d.get("zones", defaults.zones)),
        seconds_per_pass=int(d.get("seconds_per_pass", defaults.seconds_per_pass)),
        directions=(str(first), str(second)),
        confident=bool(d.get("confident", defaults.confident)),
        serum_name=str(d.get("serum_name", defaults.serum_name)),
        bell=bool(d.get("bell", defaults.bell)),
        uses_minoxidil=bool(d.get("uses_minoxidil", defaults.uses_minoxidil)),
        roller_started=_date(roller) if roller else None,
        roller_replace_after=int(d.get("roller_replace_after", defaults.roller_replace_after)),
        disclaimer_seen=bool(d.get("disclaimer_seen", defaults.disclaimer_seen)),
    )


def checklist_to_doc(c: Checklist) -> Doc:
    return {
        "session_id": c.session_id,
        "session_date": c.session_date.isoformat(),
        "ticks": {item.value: at.isoformat() for item, at in c.ticks.items()},
    }


def checklist_from_doc(d: Doc) -> Checklist:
    return Checklist(
        session_id=str(d["session_id"]),
        session_date=_date(d["session_date"]),
        ticks={ChecklistItem(k): dt.datetime.fromisoformat(v) for k, v in d["ticks"].items()},
    )


def active_to_doc(a: ActiveSession) -> Doc:
    return {
        "id": a.id,
        "zones": list(a.config.zones),
        "directions": list(a.config.directions),
        "seconds_per_pass": a.config.seconds_per_pass,
        "serum_name": a.config.serum_name,
        "needle_mm": a.config.needle_mm,
        "started_at": _iso(a.started_at),
        "index": a.index,
        "step_elapsed": a.step_elapsed,
        "serum_applied": a.serum_applied,
        "saved_at": _iso(a.saved_at),
    }


def active_from_doc(d: Doc) -> ActiveSession:
    from scalp_tui.domain.session import ActiveSession, SessionConfig  # not needed at start-up

    saved_at = _datetime(d["saved_at"])
    assert saved_at is not None
    return ActiveSession(
        id=str(d["id"]),
        config=SessionConfig(
            zones=tuple(d["zones"]),
            directions=tuple(d["directions"]),
            seconds_per_pass=int(d["seconds_per_pass"]),
            serum_name=str(d["serum_name"]),
            needle_mm=float(d["needle_mm"]),
        ),
        started_at=_datetime(d.get("started_at")),
        index=int(d["index"]),
        step_elapsed=float(d["step_elapsed"]),
        serum_applied=d.get("serum_applied"),
        saved_at=saved_at,
    )


class Repository:
    """Reads and writes the user's data; the UI and CLI use nothing else to touch the file."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._memo: dict[str, tuple[object, list[Any]]] = {}

    @property
    def _db(self) -> TinyDB:
        return self.database.tinydb

    @property
    def path(self) -> Any:
        return self.database.path

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the inter-process lock across several reads and writes."""
        with self.database.storage.locked():
            yield

    def _load(self, table: str, convert: Callable[[Doc], T]) -> list[T]:
        """Every record of ``table`` as domain values.

        The storage hands back the same parsed object while the file is unchanged, so the
        conversion is kept per table and redone only after a write (here or elsewhere).
        """
        data = self.database.storage.read() or {}
        memo = self._memo.get(table)
        if memo is not None and memo[0] is data:
            return list(memo[1])
        result = []
        for doc in data.get(table, {}).values():
            try:
                result.append(convert(dict(doc)))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ForeignDatabase(
                    self.database.path,
                    f"a record in '{table}' is malformed ({exc!r}); not scalp-tui data",
                ) from exc
        self._memo[table] = (data, result)
        return list(result)

    def check(self) -> None:
        """Load every record once: a malformed one is refused before anything is written."""
        self.settings()
        self.plans()
        self.sessions()
        self.checklists()
        self.active_session()

    # -- settings -------------------------------------------------------------------------
    def replace_all(self, tables: dict[str, list[Doc]]) -> None:
        """Replace whole tables in a single atomic write (a crash leaves all or nothing)."""
        with self.transaction():
            data = dict(self.database.storage.read() or {})
            for name, docs in tables.items():
                data[name] = {str(i): doc for i, doc in enumerate(docs, start=1)}
            self.database.storage.write(data)

    def revision(self) -> object:
        """A token that changes whenever the file does (compare with ``is``)."""
        return self.database.storage.read()

    def has_settings(self) -> bool:
        return len(self._db.table(SETTINGS)) > 0

    def settings(self) -> Settings:
        found = self._load(SETTINGS, settings_from_doc)
        return found[0] if found else Settings()

    def save_settings(self, settings: Settings) -> None:
        with self.transaction():
            table = self._db.table(SETTINGS)
            table.truncate()
            table.insert(settings_to_doc(settings))

    # -- plans ----------------------------------------------------------------------------
    def plans(self) -> list[Plan]:
        return sorted(self._load(PLANS, plan_from_doc), key=lambda p: p.start)

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
        doc = self._db.table(SESSIONS).get(where("id") == session_id)
        if doc is None or isinstance(doc, list):
            return None
        return session_from_doc(dict(doc))

    def add_session(self, record: SessionRecord) -> None:
        with self.transaction():
            table = self._db.table(SESSIONS)
            if table.contains(where("id") == record.id):
                raise ValueError(f"session {record.id} already exists")
            table.insert(session_to_doc(record))

    def update_session(self, record: SessionRecord) -> None:
        with self.transaction():
            updated = self._db.table(SESSIONS).update(
                session_to_doc(record), where("id") == record.id
            )
            if not updated:
                raise KeyError(record.id)

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
