"""The session's record, as the user lives it in the app: every pass skipped, the finish step
left and resumed, a wall clock that stepped back (issue 21 cases 5, 6, 11, 19)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from scalp_tui.domain.advice import AFTER_PAIN_QUESTION
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.pilots import SIZE, go, opened


def fresh(repo: Repository) -> Repository:
    return open_repository(repo.path)


def statics_text(app_screen: SessionScreen) -> str:
    """What the screen's shown ``Static`` widgets say, one after the other."""
    return " ".join(str(w.render()) for w in app_screen.query(Static) if w.display)


async def tap_to_finish(pilot, screen: SessionScreen) -> None:
    """``n`` on every step: each pass left within a second, so skipped."""
    assert screen.run is not None
    while screen.run.step.kind is not StepKind.FINISH:
        await pilot.press("n")
    await pilot.pause()


async def test_tapping_through_every_pass_asks_done_or_aborted(open_app, seeded_repo):
    """Case 5: n through every pass recorded an aborted session without a word, and dropped
    the redness chosen at the finish step (the note was kept)."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await tap_to_finish(pilot, screen)
        assert "Every pass was skipped" in statics_text(screen)
        await pilot.press("2")
        await go(pilot, "ctrl+s", Choice)
        await pilot.press("d")  # I did roll: record it as done
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)  # the roller touched the scalp
    record = fresh(seeded_repo).sessions()[-1]
    assert record.status is SessionStatus.COMPLETED and record.redness == 2


async def test_recorded_as_aborted_it_keeps_the_redness(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await tap_to_finish(pilot, screen)
        await pilot.press("1", "n")  # n saves at the finish, as ctrl+s does
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("a")
        await pilot.pause()
    record = fresh(seeded_repo).sessions()[-1]
    assert record.status is SessionStatus.ABORTED and record.redness == 1


async def test_escape_at_the_question_keeps_the_session_at_its_finish(open_app, seeded_repo):
    before = len(seeded_repo.sessions())
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await tap_to_finish(pilot, screen)
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.run is not None
        assert screen.run.step.kind is StepKind.FINISH
    assert len(fresh(seeded_repo).sessions()) == before


async def test_what_was_typed_at_the_finish_survives_quit_and_resume(seeded_repo, clock):
    """Case 6: a redness and note typed at the finish step were gone after quit and resume
    ("It is saved where it is")."""
    async with opened(seeded_repo, clock, size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        clock.advance(30)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await tap_to_finish(pilot, screen)
        await pilot.press("1", "tab")
        await pilot.press(*"itchy crown")
        clock.advance(2)
        await pilot.pause()
        await pilot.press("escape")  # leave the note field
        await go(pilot, "q", Choice)
        await pilot.press("y")
    saved = fresh(seeded_repo).active_session()
    assert saved is not None and (saved.redness, saved.note) == (1, "itchy crown")
    later = FakeClock(clock.now() + dt.timedelta(hours=14))
    # The same repository: this process still holds the session's lock (a real quit ends the
    # process and so the lock).
    async with opened(seeded_repo, later, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("r")
        await pilot.pause()
        resumed = app.screen
        assert isinstance(resumed, SessionScreen)
        assert resumed.query_one("#note", Input).value == "itchy crown"
        assert "Redness: 1 mild redness" in statics_text(resumed)
        await pilot.press("ctrl+s")
        await pilot.pause()
    record = fresh(seeded_repo).sessions()[-1]
    assert (record.redness, record.note, record.status) == (
        1,
        "itchy crown",
        SessionStatus.COMPLETED,
    )
    assert record.duration == dt.timedelta(seconds=30)  # not the night


async def test_a_session_saved_under_a_clock_that_stepped_back_can_be_recorded_as_aborted(
    seeded_repo, clock
):
    """Case 11: after a kill, "Record as aborted" crashed at every launch when the session had
    been saved with a wall clock set back before its start."""
    async with opened(seeded_repo, clock, size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        clock.advance(10)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.run is not None
        run = screen.run
    # Saved as a kill left it, once the app is gone (a tick of the app could save over it):
    # the wall clock had stepped back two hours since the start (NTP).
    seeded_repo.save_active_session(run.snapshot(clock.now() - dt.timedelta(hours=2)))
    back = FakeClock(clock.now() - dt.timedelta(hours=2))
    async with opened(seeded_repo, back, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("a")
        await pilot.pause()
    again = fresh(seeded_repo)
    assert again.active_session() is None
    record = again.sessions()[-1]
    assert record.status is SessionStatus.ABORTED
    assert record.ended_at == record.started_at


async def test_after_pain_or_bleeding_the_next_safety_check_asks(open_app, seeded_repo):
    """Case 19: the finish step says plainly what to do; the next safety check asks."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.run is not None
        app.clock.advance(30)
        await tap_to_finish(pilot, screen)
        await pilot.press("3")
        await pilot.pause()
        assert "stop here and pause microneedling" in statics_text(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        if isinstance(app.screen, Choice):  # "another session today?"
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert AFTER_PAIN_QUESTION in statics_text(app.screen)
