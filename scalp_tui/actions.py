"""Operations shared by the CLI and the app: the domain decides, the repository stores."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from scalp_tui.domain.checklist import Checklist, ChecklistItem
from scalp_tui.domain.clock import Clock
from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import DEFAULT_NEEDLE_MM, plan_on
from scalp_tui.domain.session import ActiveSession, GuidedSession
from scalp_tui.store.repository import Repository


def new_id() -> str:
    return uuid.uuid4().hex


def log_session(
    repo: Repository,
    day: dt.date,
    today: dt.date,
    *,
    note: str = "",
    redness: int | None = None,
    now: dt.datetime | None = None,
) -> SessionRecord:
    """Record a session done without the timer on ``day`` (not in the future), at ``now``.

    A session logged for today gets an open cleaning checklist; one logged for a past day is
    history, its cleaning long done.
    """
    if day > today:
        raise ValueError(f"{day} is in the future; log a session on or after the day it was done")
    with repo.transaction():
        settings = repo.settings()
        plan = plan_on(repo.plans(), day)
        directions = settings.rolled_directions
        record = logged_session(
            new_id(),
            day,
            needle_mm=plan.needle_mm if plan else DEFAULT_NEEDLE_MM,
            zones=settings.zones,
            directions=directions,
            note=note,
            redness=redness,
            recorded_at=now,
        )
        repo.add_session(record)
        if day == today:
            repo.save_checklist(Checklist(record.id, record.date))
    return record


def save_progress(repo: Repository, run: GuidedSession, now: dt.datetime) -> None:
    """Called at every step change and pause: a crash loses at most the current step's seconds."""
    if run.started and not run.finished:
        repo.save_active_session(run.snapshot(now))


def end_session(
    repo: Repository, run: GuidedSession, now: dt.datetime, note: str = ""
) -> SessionRecord:
    """Record the session (completed at the finish step, else aborted), open its cleaning
    checklist if the roller touched the scalp, and forget the in-progress copy; atomically."""
    record = run.record(now, note)
    with repo.transaction():
        repo.add_session(record)
        if run.rolled_any:
            checklist = Checklist(record.id, record.date)
            if run.serum_applied:
                checklist = checklist.tick(ChecklistItem.SERUM, now)
            repo.save_checklist(checklist)
        repo.clear_active_session()
    run.recorded(record)
    return record


def abort_interrupted(repo: Repository, saved: ActiveSession, clock: Clock) -> SessionRecord:
    """Record a session a crash or quit left behind as aborted."""
    run = GuidedSession.resume_from(saved, clock)
    run.abort()
    return end_session(repo, run, saved.saved_at)


def toggle_checklist_item(
    repo: Repository, session_id: str, item: ChecklistItem, now: dt.datetime
) -> Checklist:
    """Tick (or untick) one item; re-read inside the lock so another window's ticks stay."""
    with repo.transaction():
        current = next((c for c in repo.checklists() if c.session_id == session_id), None)
        if current is None:
            raise KeyError(session_id)
        updated = current.toggle(item, now)
        repo.save_checklist(updated)
    return updated


def replace_roller(repo: Repository, now: dt.datetime) -> None:
    """A new roller from today: the use count starts again."""
    repo.update_settings(lambda settings: replace(settings, roller_started=now))
