"""Snapshots of the checklist after a second session in a day (issue 13), at the stated
minimum (64x20) and at 80x24: the newest open card first and focused, named by its start
time; the morning's finished card folded away, then shown.

Regenerate after an intended change with: .venv/bin/python -m pytest tests/snapshots
--snapshot-update -k checklist (then look at the SVGs)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from scalp_tui.actions import new_id, toggle_checklist_item
from scalp_tui.domain.checklist import CLEANING_ITEMS, Checklist, ChecklistItem
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.factory import build_app
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, seed_plan_and_history
from tests.snapshots.test_snapshots import runner

SIZES = [pytest.param((64, 20), id="64x20"), pytest.param((80, 24), id="80x24")]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times show in the machine's zone: UTC here, whatever the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def two_sessions_today(repo: Repository) -> None:
    """07:05, cleaned at 07:20; 09:20, serum applied, the roller not cleaned yet."""
    seed_plan_and_history(repo)
    for start, cleaned in (
        (NOW.replace(hour=7, minute=5), True),
        (NOW - dt.timedelta(minutes=10), False),
    ):
        record = SessionRecord(
            new_id(), start.date(), start, start + dt.timedelta(minutes=4),
            SessionStatus.COMPLETED, SessionSource.TIMER, 0.5, ("top", "crown"),
            ("front to back",),
        )  # fmt: skip
        done = start + dt.timedelta(minutes=4)
        with repo.transaction():
            repo.add_session(record)
            repo.save_checklist(Checklist(record.id, record.date).tick(ChecklistItem.SERUM, done))
        if cleaned:
            for item in CLEANING_ITEMS:
                toggle_checklist_item(repo, record.id, item, start + dt.timedelta(minutes=15))


@pytest.mark.parametrize("size", SIZES)
def test_checklist_after_a_second_session(snap_compare, repo, clock, size):
    two_sessions_today(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("l", "down", "space"))


@pytest.mark.parametrize("size", SIZES)
def test_checklist_finished_shown(snap_compare, repo, clock, size):
    two_sessions_today(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=size, run_before=runner("l", "f"))
