"""Operations shared by the CLI and the app: the domain decides, the repository stores."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scalp_tui.domain.checklist import Checklist, ChecklistItem, clean_all, toggle_for_roller
from scalp_tui.domain.clock import Clock
from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import Plan, needle_on, plan_change, plan_change_problem
from scalp_tui.domain.session import ActiveSession, GuidedSession
from scalp_tui.store.repository import Repository

if TYPE_CHECKING:
    from scalp_tui.domain.photos import Angle, Photo
    from scalp_tui.domain.setup import SetupForm
    from scalp_tui.images import PreparedPhoto


def new_id() -> str:
    return uuid.uuid4().hex


def log_problem(day: dt.date, today: dt.date) -> str | None:
    """Why a session cannot be logged on ``day`` (None: it can): the one rule every door
    (the CLI's ``log``, the day dialog) asks."""
    if day > today:
        return f"{day} is in the future; log a session on or after the day it was done"
    return None


def same_day_note(repo: Repository, day: dt.date, today: dt.date) -> str | None:
    """Said before another session on a day that already has one (the timer asks, the day
    dialog asks, the CLI warns): None when ``day`` has none yet."""
    from scalp_tui.domain.advice import next_planned_after, same_day_warning

    sessions = repo.sessions()
    return same_day_warning(day, sessions, next_planned_after(repo.plans(), sessions, day), today)


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
    problem = log_problem(day, today)
    if problem:
        raise ValueError(problem)
    with repo.transaction():
        settings = repo.settings()
        directions = settings.rolled_directions
        record = logged_session(
            new_id(),
            day,
            needle_mm=needle_on(repo.plans(), day),
            zones=settings.zones,
            directions=directions,
            note=note,
            redness=redness,
            recorded_at=now,
            serum_name=settings.serum_name,
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
    repo: Repository,
    run: GuidedSession,
    now: dt.datetime,
    note: str | None = None,
    *,
    done: bool = False,
) -> SessionRecord:
    """Record the session (completed at the finish step, else aborted; ``done``: the user's
    word that a session whose passes were all skipped was done), open its cleaning checklist
    if the roller touched the scalp, and forget the in-progress copy; atomically."""
    record = run.record(now, note, done=done)
    with repo.transaction():
        repo.add_session(record)
        if record.rolled:
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
) -> list[Checklist]:
    """Tick (or untick) one item, and the same cleaning item of every other open card (one
    roller, one cleaning); re-read inside the lock so another window's ticks stay. Returns
    the checklists that changed, ``session_id``'s first."""
    with repo.transaction():
        changed = toggle_for_roller(repo.checklists(), session_id, item, now)
        for checklist in changed:
            repo.save_checklist(checklist)
    return changed


def cleaned_roller(repo: Repository, now: dt.datetime) -> list[Checklist]:
    """The user said "Cleaned the roller": every open card's cleaning done at once."""
    with repo.transaction():
        changed = clean_all(repo.checklists(), now)
        for checklist in changed:
            repo.save_checklist(checklist)
    return changed


def replace_roller(repo: Repository, now: dt.datetime) -> None:
    """A new roller from today: the use count starts again, and the old roller's open
    cleaning cards close (the new one comes clean from its case)."""
    with repo.transaction():
        repo.update_settings(lambda settings: replace(settings, roller_started=now))
        for checklist in clean_all(repo.checklists(), now):
            repo.save_checklist(checklist)


def edit_session(
    repo: Repository, session_id: str, *, note: str, redness: int | None
) -> SessionRecord:
    """Change a session's note and redness only: re-read inside the lock, so what another
    window wrote to the session meanwhile is kept. KeyError when it is gone."""
    return repo.edit_session(
        session_id, lambda current: replace(current, note=note, redness=redness)
    )


def delete_session(repo: Repository, session_id: str) -> tuple[SessionRecord, Checklist | None]:
    """Remove a session and its checklist together; returns both, for an undo."""
    return repo.delete_session(session_id)


def restore_session(repo: Repository, record: SessionRecord, checklist: Checklist | None) -> None:
    """Put back what :func:`delete_session` removed (an undo)."""
    repo.restore_session(record, checklist)


def save_setup(repo: Repository, form: SetupForm, today: dt.date, *, editing: Plan | None) -> None:
    """The setup form's plan and settings, in one write. ``editing``: the plan the form
    showed. Only what the user changed is written: an unchanged form adds no plan, a plan not
    started yet moves with its start date, a needle change on a started plan applies from
    today on.

    The form is applied inside the lock to the settings and plans as they are now: a change
    another window made to fields the form does not show (the roller) is kept. ValueError
    (nothing written) when the form no longer holds against them (another window's plan).
    """
    from scalp_tui.domain.setup import parse_setup  # the settings form's, not a session's

    with repo.transaction():
        result = parse_setup(form, repo.settings(), today, repo.plans())
        if result.plan is None or result.settings is None:
            raise ValueError(next(iter(result.errors.values())))
        repo.save_settings(result.settings)
        change = plan_change(repo.plans(), result.plan, today, editing)
        if change.remove is not None:
            repo.remove_plan(change.remove)
        if change.save is not None:
            repo.save_plan(change.save)


def become_confident(repo: Repository) -> None:
    """From the next session, every direction (the article's "once you feel confident")."""
    repo.update_settings(lambda settings: replace(settings, confident=True))


def save_plan(
    repo: Repository, plan: Plan, today: dt.date, *, disclaimer_said: bool = False
) -> bool:
    """The plan the CLI's ``plan`` gives: checked against the started plans inside the lock
    (ValueError: why not, nothing written), written only when it changes something (the
    same plan twice writes nothing; a needle change on a started plan applies from today).
    ``disclaimer_said``: the not-medical-advice notice was shown with it (a first plan made
    on the command line), so the app need not show it again. True when something was
    written."""
    with repo.transaction():
        problem = plan_change_problem(repo.plans(), plan, today)
        if problem:
            raise ValueError(problem)
        if disclaimer_said:
            repo.update_settings(lambda settings: replace(settings, disclaimer_seen=True))
        change = plan_change(repo.plans(), plan, today)
        if change.save is None:
            return disclaimer_said
        repo.save_plan(change.save)
    return True


def remember_theme(repo: Repository, theme: str) -> None:
    """The theme chosen in the command palette, for the next launch."""
    repo.update_settings(lambda settings: replace(settings, theme=theme))


# -- progress photos (issue 23) ------------------------------------------------------------
@dataclass(frozen=True)
class PhotoToAdd:
    """A photo read and made ready (``images.prepare_photo``), with what the user said."""

    prepared: PreparedPhoto
    angle: Angle
    date: dt.date
    original_name: str | None = None


@dataclass(frozen=True)
class PhotoAdded:
    photo: Photo
    already: bool  # the same picture was stored before: this is its record, nothing added


def add_photos(
    repo: Repository, photos: Sequence[PhotoToAdd], now: dt.datetime
) -> list[PhotoAdded]:
    """Store every photo (its file, then its record), all in one write or none. The same
    picture (the same stored copy) is one record: one already stored, or given twice, is
    said so and not added again."""
    results: list[PhotoAdded] = []
    from scalp_tui.domain.photos import Photo

    with repo.transaction():
        stored = {p.sha256: p for p in repo.photos()}
        for item in photos:
            known = stored.get(item.prepared.sha256)
            if known is not None:
                results.append(PhotoAdded(known, already=True))
                continue
            photo = Photo(
                id=new_id(),
                date=item.date,
                angle=item.angle,
                sha256=item.prepared.sha256,
                width=item.prepared.width,
                height=item.prepared.height,
                added_at=now,
                original_name=item.original_name,
            )
            repo.add_photo(photo, item.prepared.data)
            stored[photo.sha256] = photo
            results.append(PhotoAdded(photo, already=False))
    return results


@dataclass(frozen=True)
class RemovedPhoto:
    """What :func:`remove_photo` took away, for an undo (:func:`restore_photo`)."""

    photo: Photo
    data: bytes | None  # the stored copy's bytes; None if its file could not be read


def remove_photo(repo: Repository, photo_id: str) -> RemovedPhoto:
    """Remove a photo's record and its file together (the file goes as soon as the record
    is gone from the disk). KeyError when there is no such photo."""
    with repo.transaction():
        photo = repo.photo(photo_id)
        if photo is None:
            raise KeyError(photo_id)
        try:
            data: bytes | None = repo.photo_path(photo).read_bytes()
        except OSError:
            data = None
        repo.remove_photo(photo_id)
    return RemovedPhoto(photo, data)


def restore_photo(repo: Repository, removed: RemovedPhoto) -> None:
    """Put back a removed photo, its file and its record (an undo). ValueError when its
    bytes are gone or its picture was stored again meanwhile."""
    if removed.data is None:
        raise ValueError("the photo's file could not be read when it was removed")
    repo.add_photo(removed.photo, removed.data)
