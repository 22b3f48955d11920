"""Frozen domain dataclasses <-> the documents of the JSON file, in one place.

Documents are read strictly: a field of the wrong JSON type is refused (never coerced, so
"crown" never becomes five zones c, r, o, w, n), then the domain record checks the values.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from scalp_tui.domain.check_ins import Angle
from scalp_tui.domain.checklist import Checklist, ChecklistItem
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.domain.regimen import Plan, Preset
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.validation import InvalidValue, shown

if TYPE_CHECKING:
    from scalp_tui.domain.photos import Photo
    from scalp_tui.domain.session import ActiveSession

Doc = dict[str, Any]
E = TypeVar("E", bound=StrEnum)

#: The tables of the file.
SETTINGS = "settings"
PLANS = "plans"
SESSIONS = "sessions"
CHECKLISTS = "checklists"
ACTIVE = "active_session"
PHOTOS = "photos"

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


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def session_to_doc(s: SessionRecord) -> Doc:
    return {
        "id": s.id,
        "date": s.date.isoformat(),
        "started_at": iso(s.started_at),
        "ended_at": iso(s.ended_at),
        "status": s.status.value,
        "source": s.source.value,
        "needle_mm": s.needle_mm,
        "zones": list(s.zones),
        "directions": list(s.directions),
        "redness": s.redness,
        "note": s.note,
        "recorded_at": iso(s.recorded_at),
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
        "roller_started": iso(s.roller_started),
        "roller_replace_after": s.roller_replace_after,
        "disclaimer_seen": s.disclaimer_seen,
        "theme": s.theme,
        "photo_every_weeks": s.photo_every_weeks,
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
        photo_every_weeks=_field(d, "photo_every_weeks", int, defaults.photo_every_weeks),
    )


def photo_to_doc(p: Photo) -> Doc:
    return {
        "id": p.id,
        "date": p.date.isoformat(),
        "angle": p.angle.value,
        "sha256": p.sha256,
        "width": p.width,
        "height": p.height,
        "added_at": p.added_at.isoformat(),
        "original_name": p.original_name,
    }


def photo_from_doc(d: Doc) -> Photo:
    from scalp_tui.domain.photos import Photo  # a session never reads photos: not loaded then

    return Photo(
        id=_field(d, "id", str),
        date=_date(d, "date"),
        angle=_enum(d, "angle", Angle),
        sha256=_field(d, "sha256", str),
        width=_field(d, "width", int),
        height=_field(d, "height", int),
        added_at=_datetime(d, "added_at", _MISSING),
        original_name=_field(d, "original_name", (str, type(None)), None),
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
        "started_at": iso(a.started_at),
        "index": a.index,
        "step_elapsed": a.step_elapsed,
        "serum_applied": a.serum_applied,
        "saved_at": iso(a.saved_at),
        "skipped": list(a.skipped),
        "rolled_s": a.rolled_s,
        "redness": a.redness,
        "note": a.note,
    }


def active_from_doc(d: Doc) -> ActiveSession:
    from scalp_tui.domain.session import ActiveSession  # not needed at start-up
    from scalp_tui.domain.steps import SessionConfig

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
