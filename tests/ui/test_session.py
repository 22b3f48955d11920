"""Pilot tests of the guided session: start to checklist, pause, abort, stop, crash and resume."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from scalp_tui.domain.advice import ARTICLE_SAFETY_ADVICE
from scalp_tui.domain.checklist import ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionSource, SessionStatus
from scalp_tui.domain.session import RunState
from scalp_tui.domain.status import compute_status
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.widgets.big_clock import BigClock
from scalp_tui.ui.widgets.big_text import BigText
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.head_map import HeadMap
from tests.fixed import TODAY
from tests.pilots import SIZE, Said, go, opened, palette_offers, screen_lines, text_of
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]


def state_of(screen: SessionScreen) -> RunState:
    assert screen.run is not None
    return screen.run.state


async def roll_all_passes(app: ScalpApp, clock: FakeClock, pilot: object) -> None:
    screen = app.session_screen
    assert screen.run is not None
    while screen.run.step.kind in (StepKind.PASS, StepKind.MOVE):
        clock.advance(7.5)
        screen.tick()


async def test_a_whole_session_from_s_to_the_checklist(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "s", SessionScreen)
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
        assert app.screen.query_one("#countdown", BigClock).text == "0:20"
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
    # The duration is the time rolled: five 30 s passes. The record keeps its start and
    # end too: the passes and four 5 s moves end at 170 s, the save came at the last tick
    # (175 s, ticks of 7.5 s).
    assert record.duration is not None and record.duration.total_seconds() == 150
    assert record.started_at and record.ended_at
    assert (record.ended_at - record.started_at).total_seconds() == 175
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
    said = Said()
    async with open_app(size=(80, 24), message_hook=said) as (app, pilot):
        monkeypatch.setattr(app, "bell", lambda: rings.append("bell"))
        await pilot.pause()
        await pilot.press("s", "y", "n")  # safety -> wet hair -> the first pass
        clock.advance(31)  # the first pass ends: the move to the second begins
        app.session_screen.tick()
        await pilot.pause()
        assert len(rings) == 3  # a bell is no soft tick: the last three seconds ring nothing
        assert text_of(app, "#next-step") == "next: top: roll front to back"  # moving to it
        assert said.messages == []  # the prompt says it: no toast over the "next:" line


async def test_escape_asks_then_records_an_aborted_session(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        clock.advance(40)
        app.session_screen.tick()
        await go(pilot, "escape", Choice)
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
    async with open_app(size=SIZE) as (_, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        clock.advance(12)
        await go(pilot, "q", Choice)
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
            screen = await go(pilot, "r", SessionScreen)
            assert screen.run is not None
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
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.press("s")  # the safety check of the first session
        await pilot.pause()
        assert said.messages == [
            "No sound player found (pw-play, paplay, aplay): using the terminal bell."
        ]
        await pilot.press("x", "c", "s")  # no, then a session again
        await pilot.pause()
        assert "Safety check" in text_of(app, "#prompt")
        assert len(said.messages) == 1


# -- a dialog over a running session ------------------------------------------------------------
async def test_a_dialog_over_a_running_pass_pauses_it_and_it_runs_on_when_closed(
    open_app, seeded_repo, clock
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        screen = app.session_screen
        assert screen.run is not None and state_of(screen) is RunState.RUNNING
        for opening, closing in [("q", "n"), ("f1", "escape"), ("ctrl+p", "escape")]:
            clock.advance(2)
            await pilot.press(opening)
            await wait_for(pilot, lambda: app.screen is not screen, f"{opening} covers it")
            assert state_of(screen) is RunState.PAUSED  # covered: nobody sees the countdown
            clock.advance(60)  # the dialog stays open a while: none of it counts
            await pilot.press(closing)
            await wait_for(pilot, lambda: app.screen is screen, f"{closing} closes it")
            await pilot.pause()
            assert state_of(screen) is RunState.RUNNING, opening
            assert "PAUSED" not in text_of(app, "#timer-state")
        assert screen.run.remaining() == 24  # 2 s before each dialog, none while it was open
        # paused by the user, it stays paused through a dialog
        await pilot.press("space", "f1")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert state_of(screen) is RunState.PAUSED


async def test_another_mode_leaves_the_session_paused_even_from_the_palette(
    open_app, seeded_repo, clock
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        screen = app.session_screen
        await pilot.press("c")  # the calendar, and back: space when ready
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert state_of(screen) is RunState.PAUSED
        assert "PAUSED: space to resume" in text_of(app, "#timer-state")
        await pilot.press("space")
        assert state_of(screen) is RunState.RUNNING
        await pilot.press("ctrl+p", *"calendar")  # the palette over the running pass...
        await wait_for(pilot, lambda: palette_offers(app, "Calendar"), "the command")
        await pilot.press("enter")  # ...closes, and the calendar is shown
        await wait_for(pilot, lambda: app.current_mode == "calendar")
        await pilot.press("s")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert state_of(screen) is RunState.PAUSED


async def test_abort_then_keep_going_runs_on_as_before(open_app, seeded_repo, clock):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("n")  # keep going
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause()
        assert state_of(app.session_screen) is RunState.RUNNING
        await pilot.press("space", "escape")  # paused first: it stays paused
        await wait_for(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause()
        assert state_of(app.session_screen) is RunState.PAUSED


# -- the toast at the end -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("redness", "title", "words"),
    [
        (0, "Well done", "Session saved. Now clean the roller."),
        (1, "Well done", "Session saved. Now clean the roller."),
        (2, "Session saved", "use lighter pressure next time"),
        (3, "Session saved", "stop here and pause microneedling; see a dermatologist"),
    ],
)
async def test_the_saved_toast_congratulates_only_when_the_scalp_feels_fine(
    open_app, seeded_repo, clock, redness, title, words
):
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        await roll_all_passes(app, clock, pilot)
        await pilot.press("n")  # the serum
        assert app.session_screen.run is not None
        assert app.session_screen.run.step.kind is StepKind.FINISH
        said.clear()
        await pilot.press(str(redness), "n")
        await wait_for(pilot, lambda: said.notifications, "the toast")
    toast = said.notifications[0]
    assert toast.title == title
    assert words in toast.message and "clean the roller" in toast.message
    if redness >= 2:
        assert "well done" not in f"{toast.title} {toast.message}".casefold()


# -- the pass and the move, read from two metres -------------------------------------------------
def rows_of(app: ScalpApp, widget: Widget) -> list[str]:
    """What the screen shows of ``widget``, row by row."""
    region = widget.region
    lines = screen_lines(app)
    return [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]


async def picture_steps(app: ScalpApp, pilot: Pilot[None]) -> AsyncIterator[StepKind]:
    """From the safety check, every pass and move in turn (n moves on)."""
    await pilot.press("s", "y", "n")
    await pilot.pause()
    run = app.session_screen.run
    assert run is not None
    while run.step.kind in (StepKind.PASS, StepKind.MOVE):
        yield run.step.kind
        await pilot.press("n")
        await pilot.pause()


@pytest.mark.parametrize("size", [(64, 20), (80, 24), (120, 40)], ids=["64x20", "80x24", "120x40"])
async def test_every_pass_and_move_fits_whole_with_its_next_line(open_app, seeded_repo, size):
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        seen = []
        async for kind in picture_steps(app, pilot):
            seen.append(kind)
            screen = app.session_screen
            lines = screen_lines(app)
            nxt = screen.query_one("#next-step", Static)
            assert nxt.region.bottom <= size[1] - 1, "under the key bar"  # the footer's row
            assert nxt.region.height == 1 and "next: " in lines[nxt.region.y]
            for widget in (screen.query_one("#pass-view"), screen.query_one("#countdown")):
                assert widget.region.height > 0
                assert widget.region.bottom <= nxt.region.y  # nothing cut or overlapped
            countdown = screen.query_one("#countdown", BigClock)
            drawn = countdown.rows_now
            assert len(drawn) >= 3 and [row for row in rows_of(app, countdown) if row.strip()] == [
                row.center(countdown.region.width) for row in drawn
            ]
        assert seen.count(StepKind.PASS) == 5 and seen.count(StepKind.MOVE) == 4


@pytest.mark.parametrize(
    ("size", "clock_rows", "map_size"),
    [((64, 20), 4, (24, 11)), ((80, 24), 7, (24, 11)), ((120, 40), 13, (48, 21))],
    ids=["64x20", "80x24", "120x40"],
)
async def test_the_countdown_and_the_map_grow_with_the_terminal(
    open_app, seeded_repo, size, clock_rows, map_size
):
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        await pilot.pause()
        screen = app.session_screen
        countdown = screen.query_one("#countdown")
        assert len([row for row in rows_of(app, countdown) if row.strip()]) == clock_rows
        if size != (64, 20):  # as high as the zone's big letters, or higher
            assert clock_rows >= screen.query_one("#zone-big", BigText).region.height
        head = screen.query_one(HeadMap)
        assert head.region.size == map_size
        # the room is used: no band of empty rows between the header and the key bar
        blank = longest = 0
        for line in screen_lines(app)[1:-1]:
            blank = blank + 1 if not line.strip() else 0
            longest = max(longest, blank)
        assert longest <= 2


ARROW_GLYPHS = set("↑↓←→↖↗↘↙┃━╲╱")


@pytest.mark.parametrize("size", [(64, 20), (80, 24), (120, 40)], ids=["64x20", "80x24", "120x40"])
async def test_a_move_does_not_look_like_a_pass(open_app, seeded_repo, size):
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        await pilot.pause()
        screen = app.session_screen
        head = screen.query_one(HeadMap)
        countdown = screen.query_one("#countdown")

        def map_text() -> str:
            return "".join(rows_of(app, head))

        def above_the_progress_bar() -> set[str]:  # its line is drawn in ━
            return set("".join(screen_lines(app)[: screen.query_one("#progress").region.y]))

        # a pass: the zone lit with its arrow, the big arrow
        assert "█" in map_text() and ARROW_GLYPHS & set(map_text())
        assert screen.query_one("#big-arrow").region.height == 5
        pass_colour = countdown.rich_style.color
        await pilot.press("n")  # the move to the top
        await pilot.pause()
        assert screen.run is not None and screen.run.step.kind is StepKind.MOVE
        # no rolling arrow anywhere: not on the map, not beside the zone
        assert not ARROW_GLYPHS & above_the_progress_bar()
        assert screen.query_one("#big-arrow").region.height == 0
        # the zone is shaded as the next one, nothing is lit
        assert "▒" in map_text() and "█" not in map_text()
        assert "do not roll" in str(screen.query_one("#direction-words", Static).render())
        # the countdown in another colour than a pass's
        assert countdown.rich_style.color != pass_colour
        # "MOVE TO" in big letters over the zone's name
        move_big = screen.query_one("#move-big", BigText)
        zone_big = screen.query_one("#zone-big", BigText)
        assert move_big.region.height >= 4 and move_big.layout_now.font is not None
        assert zone_big.text == "TOP" and zone_big.region.y > move_big.region.y
        assert zone_big.layout_now.font is not None
        await pilot.press("n")  # the pass on the top: a pass again
        await pilot.pause()
        assert move_big.region.height == 0 and screen.query_one("#big-arrow").region.height == 5
        assert ARROW_GLYPHS & set(map_text())


async def test_between_two_directions_of_one_zone_the_step_says_turn(open_app, seeded_repo):
    """A second new-user pass: with the crosshatch directions the step between two passes of
    one zone said MOVE TO over the same zone's name."""
    from dataclasses import replace

    from scalp_tui.domain.settings import DIRECTION_PRESETS

    seeded_repo.update_settings(
        lambda s: replace(s, directions=DIRECTION_PRESETS["crosshatch"], confident=True)
    )
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")  # the first pass: front/hairline, front to back
        await pilot.pause()
        screen = app.session_screen
        await pilot.press("n")  # the step before front/hairline's second direction
        await pilot.pause()
        assert screen.run is not None and screen.run.step.kind is StepKind.MOVE
        assert screen.run.step.zone == "front/hairline"
        assert screen.query_one("#move-big", BigText).text == "TURN"
        for _ in range(6):  # the zone's other directions, then the move to the top
            await pilot.press("n")
        await pilot.pause()
        assert screen.run.step.kind is StepKind.MOVE and screen.run.step.zone == "top"
        assert screen.query_one("#move-big", BigText).text == "MOVE TO"
