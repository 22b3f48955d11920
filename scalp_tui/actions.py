"""Operations shared by the CLI and the app: the domain decides, the repository stores."""

from __future__ import annotations

import datetime as dt
import uuid

from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import plan_on
from scalp_tui.store.repository import Repository

DEFAULT_NEEDLE_MM = 0.5


def new_id() -> str:
    return uuid.uuid4().hex


def log_session(
    repo: Repository,
    day: dt.date,
    today: dt.date,
    *,
    note: str = "",
    redness: int | None = None,
) -> SessionRecord:
    """Record a session done without the timer on ``day`` (not in the future).

    A session logged for today gets an open cleaning checklist; one logged for a past day is
    history, its cleaning long done.
    """
    if day > today:
        raise ValueError(f"{day} is in the future; log a session on or after the day it was done")
    with repo.transaction():
        settings = repo.settings()
        plan = plan_on(repo.plans(), day)
        directions = settings.directions if settings.confident else settings.directions[:1]
        record = logged_session(
            new_id(),
            day,
            needle_mm=plan.needle_mm if plan else DEFAULT_NEEDLE_MM,
            zones=settings.zones,
            directions=directions,
            note=note,
            redness=redness,
        )
        repo.add_session(record)
        if day == today:
            repo.save_checklist(Checklist(record.id, record.date))
    return record
