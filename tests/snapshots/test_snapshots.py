"""Snapshots of every screen, each at the sizes it is checked at (64x20, the smallest terminal
the app runs in; 80x24; 120x40; the calendar on a wide 200x50 too), with a fixed date and a
fixed database: one case per screen, one snapshot per (screen, size).

Regenerate after an intended change with: .venv/bin/python -m pytest tests/snapshots
--snapshot-update (``-k calendar`` for one screen's), then look at the SVGs."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from scalp_tui.actions import log_session, new_id, toggle_checklist_item
from scalp_tui.domain.checklist import CLEANING_ITEMS, Checklist, ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.factory import build_app
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, seed_plan_and_history
from tests.photo_seed import add_photos_on
from tests.waiting import wait_for

SMALLEST, SMALL, LARGE, WIDE = (64, 20), (80, 24), (120, 40), (200, 50)

#: What a case does before its snapshot: keys pressed, the clock moved.
Script = Callable[[Pilot[None], FakeClock], Awaitable[None]]
#: What a case's database holds: the sample user's, a first run's (nothing), ...
Data = Callable[[Repository, FakeClock], None]


def keys(*pressed: str) -> Script:
    async def press(pilot: Pilot[None], clock: FakeClock) -> None:
        if pressed:
            await pilot.press(*pressed)

    return press


async def roll_a_session(pilot: Pilot[None], clock: FakeClock) -> None:
    """To the finish step of a session rolled (each pass 3 s of the fake clock: a pass tapped
    through within a second is skipped, and the step then says so), redness 2."""
    await pilot.press("s", "y")
    for _ in range(11):  # wet hair, 5 passes, 4 moves, the serum
        clock.advance(3)
        await pilot.press("n")
    await pilot.press("2")


def first_run(repo: Repository, clock: FakeClock) -> None:
    """A new database: nothing in it."""


def sample(repo: Repository, clock: FakeClock) -> None:
    seed_plan_and_history(repo)


def logged_today(repo: Repository, clock: FakeClock) -> None:
    seed_plan_and_history(repo)
    log_session(repo, clock.today(), clock.today())


def two_sessions_today(repo: Repository, clock: FakeClock) -> None:
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


def two_front_photos(repo: Repository, clock: FakeClock) -> None:
    """The sample user's, with a front photo on the plan's first day and one yesterday."""
    seed_plan_and_history(repo)
    days = [dt.date(2026, 10, 4), dt.date(2026, 11, 22)]
    add_photos_on(repo, repo.path.parent / "pictures", days)


async def photos_drawn(pilot: Pilot[None], clock: FakeClock) -> None:
    """The Photos screen, once both panels have their picture (read in a thread)."""
    from scalp_tui.ui.screens.photos import PhotosScreen

    await pilot.press("p")
    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, PhotosScreen) and None not in app.screen.drawn,
        "the two photos drawn",
    )


@dataclass(frozen=True)
class Case:
    """A screen as a snapshot shows it: the database, what is done to get there, the sizes."""

    data: Data
    script: Script
    sizes: tuple[tuple[int, int], ...] = (SMALL, LARGE)


CASES = {
    "welcome_first_run": Case(first_run, keys()),
    "setup_first_run": Case(first_run, keys("enter")),
    "calendar": Case(sample, keys(), (SMALLEST, SMALL, LARGE, WIDE)),
    "day_dialog": Case(sample, keys("up", "right", "enter"), (SMALLEST, SMALL, LARGE)),
    "session_safety_check": Case(sample, keys("s")),
    "session_pass": Case(sample, keys("s", "y", "n"), (SMALLEST, SMALL, LARGE)),
    # The "move to" step between two passes: the next zone drawn as next.
    "session_move": Case(sample, keys("s", "y", "n", "n")),
    "session_end": Case(sample, roll_a_session),
    "checklist": Case(logged_today, keys("l", "space")),
    # After a second session in a day (issue 13): the newest open card first and focused,
    # named by its start time; the morning's finished card folded away, then shown.
    "checklist_after_a_second_session": Case(
        two_sessions_today, keys("l", "down", "space"), (SMALLEST, SMALL)
    ),
    "checklist_finished_shown": Case(two_sessions_today, keys("l", "f"), (SMALLEST, SMALL)),
    "history": Case(sample, keys("h"), (SMALLEST, SMALL, LARGE)),
    "help": Case(sample, keys("f1")),
    "year": Case(sample, keys("y"), (SMALLEST, SMALL, LARGE)),
    "agenda": Case(sample, keys("a"), (SMALLEST, SMALL, LARGE)),
    "photos": Case(two_front_photos, photos_drawn),
}


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times show in the machine's zone: UTC here, whatever the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def half_cell_photos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Photos drawn in half blocks, the same on every terminal (ui/widgets/photo_image.py)."""
    monkeypatch.setenv("SCALP_TUI_IMAGES", "halfcell")


async def steady(pilot: Pilot[None]) -> None:
    """Freeze what moves: cursor blink, toasts."""
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize(
    ("screen", "size"),
    [
        pytest.param(screen, size, id=f"{screen}-{size[0]}x{size[1]}")
        for screen, case in CASES.items()
        for size in case.sizes
    ],
)
def test_screen(snap_compare, repo, clock, screen, size):
    case = CASES[screen]
    case.data(repo, clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await case.script(pilot, clock)
        await steady(pilot)

    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=run_before)
