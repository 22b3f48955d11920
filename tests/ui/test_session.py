"""Pilot tests of the guided session: start to checklist, pause, abort, stop, crash and resume."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from textual.widgets import Digits, Static

from scalp_tui.domain.checklist import ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionSource, SessionStatus
from scalp_tui.domain.session import ARTICLE_SAFETY_ADVICE, RunState, StepKind
from scalp_tui.domain.status import compute_status
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.widgets.big_text import BigText
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.head_map import HeadMap
from tests.conftest import TODAY
from tests.pilots import SIZE, opened

ROOT = Path(__file__).resolve().parents[2]


def state_of(screen: SessionScreen) -> RunState:
    assert screen.run is not None
    return screen.run.state


def text_of(app: ScalpApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def roll_all_passes(app: ScalpApp, clock: FakeClock, pilot: object) -> None:
    screen = app.session_screen
    assert screen.run is not None
    while screen.run.step.kind in (StepKind.PASS, StepKind.MOVE):
        clock.advance(7.5)
        screen.tick()


async def test_a_whole_session_from_s_to_the_checklist(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Safety check" in text_of(app, "#prompt")
        assert "No cleaning recorded yet" in text_of(app, "#lines")  # only past logs
        await pilot.press("y")
        assert "Wet your hair" in text_of(app, "#prompt")
        assert "hair caught in the roller" in text_of(app, "#lines")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(BigText).text == "FRONT/HAIRLINE"
        assert app.screen.query_one(HeadMap).zone == "front/hairline"
        assert "roll front to back" in text_of(app, "#direction-words")
        assert "Light pressure" in text_of(app, "#direction-words")
        assert "next: Move to: top" in text_of(app, "#next-step")
        clock.advance(10)
        app.session_screen.tick()
        assert str(app.screen.query_one("#countdown", Digits).value) == "0:20"
        await roll_all_passes(app, clock, pilot)
        await pilot.pause()
        assert "Apply soothing scalp serum" in text_of(app, "#prompt")
        await pilot.press("n")  # serum applied
        assert "How does your scalp feel?" in text_of(app, "#prompt")
        await pilot.press("1")
        assert "Redness: 1 mild redness" in text_of(app, "#advice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen_stack[0], ChecklistScreen)
        assert isinstance(app.screen, Choice)  # the fourth session: offer both directions
        await pilot.press("n")
    record = seeded_repo.sessions()[-1]
    assert record.source is SessionSource.TIMER and record.status is SessionStatus.COMPLETED
    assert record.redness == 1 and record.date == TODAY
    # five 30 s passes and four 5 s moves end at 170 s; the last tick (and the save) came
    # at 175 s (ticks of 7.5 s)
    assert record.duration is not None and record.duration.total_seconds() == 175
    assert len(record.zones) == 5
    checklist = next(c for c in seeded_repo.checklists() if c.session_id == record.id)
    assert set(checklist.ticks) == {ChecklistItem.SERUM}  # applied during the session
    assert seeded_repo.active_session() is None
    assert not seeded_repo.settings().confident  # "not yet"


async def test_pause_and_resume(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        screen = app.session_screen
        assert screen.run is not None
        clock.advance(5)
        await pilot.press("space")
        assert state_of(screen) is RunState.PAUSED
        assert "PAUSED" in text_of(app, "#timer-state")
        saved = seeded_repo.active_session()
        assert saved is not None and saved.step_elapsed == 5  # a pause saves
        clock.advance(120)
        screen.tick()
        assert screen.run.remaining() == 25
        await pilot.press("space")
        assert state_of(screen) is RunState.RUNNING
        clock.advance(5)
        assert screen.run.remaining() == 20


async def test_each_step_change_rings_once_and_nothing_covers_the_next_line(
    open_app, seeded_repo, clock, monkeypatch
):
    rings: list[str] = []
    toasts: list[str] = []
    async with open_app(size=(80, 24)) as (app, pilot):
        monkeypatch.setattr(app, "bell", lambda: rings.append("bell"))
        monkeypatch.setattr(app, "notify", lambda message, **_: toasts.append(message))
        await pilot.pause()
        await pilot.press("s", "y", "n")  # safety -> wet hair -> the first pass
        clock.advance(31)  # the first pass ends: the move to the second begins
        app.session_screen.tick()
        await pilot.pause()
        assert len(rings) == 3  # a bell is no soft tick: the last three seconds ring nothing
        assert text_of(app, "#next-step") == "next: top: roll front to back"  # moving to it
        assert toasts == []  # the prompt says it: no toast over the "next:" line


async def test_escape_asks_then_records_an_aborted_session(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        clock.advance(40)
        app.session_screen.tick()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("n")  # keep going
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert len(seeded_repo.sessions()) == 11
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)  # the roller touched the scalp
    record = seeded_repo.sessions()[-1]
    assert record.status is SessionStatus.ABORTED and record.source is SessionSource.TIMER
    assert record.zones == ("front/hairline", "top")
    assert seeded_repo.active_session() is None
    status = compute_status(
        TODAY, seeded_repo.plans(), seeded_repo.sessions(), seeded_repo.checklists(),
        seeded_repo.settings(),
    )  # fmt: skip
    assert status.sessions_done == 11  # an aborted session keeps no planned date
    assert status.cleaning_outstanding


async def test_a_no_at_the_safety_check_stops_with_the_articles_advice(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "x")
        await pilot.pause()
        assert "Session stopped" in text_of(app, "#prompt")
        assert ARTICLE_SAFETY_ADVICE in text_of(app, "#lines")
        await pilot.press("n")  # no step keys work now
        assert "Session stopped" in text_of(app, "#prompt")
    assert len(seeded_repo.sessions()) == 11
    assert seeded_repo.active_session() is None


async def test_an_open_checklist_shows_in_the_next_safety_check(open_app, seeded_repo):
    from scalp_tui.actions import log_session

    log_session(seeded_repo, TODAY, TODAY)  # cleaning left open
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # today already has a session: asked first
        await pilot.press("y")
        await pilot.pause()
        assert "Mon 23 Nov is NOT finished" in text_of(app, "#lines")


async def test_quit_during_a_session_asks_and_keeps_it_for_next_time(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        clock.advance(12)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("y")
        await pilot.pause()
    saved = seeded_repo.active_session()
    assert saved is not None and saved.index == 2 and saved.step_elapsed == 12


def test_killed_mid_session_the_next_launch_offers_to_resume(seeded_repo: Repository, db_path):
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.session_child", str(db_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "rolling"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    saved = open_repository(db_path).active_session()
    assert saved is not None and saved.step_title() == "front/hairline: roll front to back"

    async def relaunch() -> None:
        clock = FakeClock(saved.saved_at)
        async with opened(open_repository(db_path), clock, size=SIZE) as (app, pilot):
            await pilot.pause()
            assert isinstance(app.screen, Choice)
            assert "front/hairline: roll front to back" in str(
                app.screen.query_one("#choice-message", Static).render()
            )
            await pilot.press("r")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen) and screen.run is not None
            assert screen.run.state is RunState.PAUSED
            assert screen.run.step.zone == "front/hairline"

    import asyncio

    asyncio.run(relaunch())


async def test_an_interrupted_session_can_be_recorded_as_aborted(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        clock.advance(3)
        await pilot.press("space")  # saved while paused
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("a")
        await pilot.pause()
    assert seeded_repo.active_session() is None
    assert seeded_repo.sessions()[-1].status is SessionStatus.ABORTED


NO_PLAYER = "No sound player found (pw-play, paplay, aplay): using the terminal bell."


async def test_a_sound_that_cannot_play_is_said_once_per_run_not_at_every_session(
    open_app, seeded_repo, tmp_path, monkeypatch
):
    monkeypatch.setenv("SCALP_TUI_SOUND", "tones")
    monkeypatch.setenv("PATH", str(tmp_path))  # no player
    toasts: list[str] = []
    async with open_app(size=SIZE) as (app, pilot):
        monkeypatch.setattr(app, "notify", lambda message, **_: toasts.append(message))
        await pilot.press("s")  # the safety check of the first session
        await pilot.pause()
        assert toasts == [
            "No sound player found (pw-play, paplay, aplay): using the terminal bell."
        ]
        await pilot.press("x", "c", "s")  # no, then a session again
        await pilot.pause()
        assert "Safety check" in str(app.screen.query_one("#prompt", Static).render())
        assert len(toasts) == 1
