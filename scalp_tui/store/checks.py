"""The whole-file checks: every record converts to a domain value, and the records, each
sound, do not contradict one another. The open, the repository and a backup's restore ask
the same questions, so a database's own export always restores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.validation import InvalidValue
from scalp_tui.store.codec import (
    ACTIVE,
    CHECKLISTS,
    PHOTOS,
    PLANS,
    SESSIONS,
    SETTINGS,
    Doc,
    active_from_doc,
    checklist_from_doc,
    photo_from_doc,
    plan_from_doc,
    session_from_doc,
    settings_from_doc,
)
from scalp_tui.store.errors import InvalidDatabase
from scalp_tui.store.storage import Data

T = TypeVar("T")


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
    PHOTOS: photo_from_doc,
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


def describe_record(text: str, doc: object) -> str:
    """``sessions[3] (id 'abc')``: which record, in words a person can find it by."""
    if isinstance(doc, dict):
        for key in ("id", "session_id", "start"):
            if isinstance(doc.get(key), str):
                return f"{text} ({key} {doc[key]!r})"
    return text
