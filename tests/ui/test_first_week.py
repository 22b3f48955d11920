"""The paths people take in their first week (issue 13): each failed before its fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from scalp_tui.actions import log_session
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.regimen import Preset, default_weekdays, make_plan
from scalp_tui.domain.session import GuidedSession, RunState
from scalp_tui.domain.steps import StepKind
from scalp_tui.session_control import SAVE_EVERY_S
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.month_grid import MonthGrid
from tests.fixed import TODAY
from tests.pilots import SIZE, go, text_of
from tests.sessions import show_the_finish


def state(run: GuidedSession) -> RunState:
    return run.state


def choice_text(app: ScalpApp) -> str:
    assert isinstance(app.screen, Choice)
    return text_of(app, "#choice-message")


async def test_after_a_no_at_the_safety_check_a_session_can_start_again(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "x")
        await pilot.pause()
        assert "Session stopped" in text_of(app, "#prompt")
        await pilot.press("c", "s")
        await pilot.pause()
        assert "Safety check" in text_of(app, "#prompt")
        await pilot.press("y")
        await pilot.pause()
        assert "Wet your hair" in text_of(app, "#prompt")


async def test_leaving_a_running_session_pauses_it_and_every_screen_says_so(
    open_app, seeded_repo, clock: FakeClock
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")  # the first pass runs
        clock.advance(17)
        await go(pilot, "c", CalendarScreen)
        clock.advance(100)  # a long look at the calendar: no pass rolls by itself
        await pilot.pause()
        banner = app.screen.query_one(KeyFooter).banner
        assert banner == "Session paused: FRONT/HAIRLINE, 0:13 left; s to resume"
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.query_one(KeyFooter).banner == banner
        screen = await go(pilot, "s", SessionScreen)
        assert screen.run is not None
        assert screen.run.step.zone == "front/hairline"
        assert screen.run.state is RunState.PAUSED and screen.run.remaining() == 13
        await pilot.press("space")
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(KeyFooter).banner is not None
    saved = seeded_repo.active_session()
    assert saved is not None and saved.step_elapsed == 17


async def test_a_session_uses_the_settings_saved_just_before_it(open_app, seeded_repo: Repository):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s")  # the session screen is built, at the safety check
        await pilot.pause()
        await pilot.press("c")
        seeded_repo.update_settings(
            lambda s: replace(s, seconds_per_pass=45, confident=True, zones=("crown",))
        )
        await pilot.press("s", "y", "n")
        await pilot.pause()
        run = app.session_screen.run
        assert run is not None and run.step.kind is StepKind.PASS
        assert run.step.seconds == 45
        assert [p.title for p in run.passes()] == [
            "crown: roll front to back",
            "crown: roll back to front",
        ]


async def test_a_second_session_today_asks_first_naming_the_next_planned_date(
    open_app, seeded_repo
):
    log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        message = choice_text(app)
        assert "You already did a session today" in message
        assert "Wed 25 Nov (in 2 days)" in message
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_on_a_new_database_the_safety_check_claims_no_cleaning(open_app, repo):
    """New: a plan just saved, no session and no checklist yet."""
    with repo.transaction():
        repo.save_plan(make_plan(TODAY, 0.5, Preset.RAMP, default_weekdays(TODAY)))
    assert repo.sessions() == [] and repo.checklists() == []
    async with open_app(size=SIZE) as (app, pilot):
        await go(pilot, "s", SessionScreen)
        lines = text_of(app, "#lines")
        assert "No cleaning recorded yet" in lines
        assert "checklist is finished" not in lines


async def test_the_session_is_saved_every_few_seconds_during_a_pass(
    open_app, seeded_repo, clock: FakeClock
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        for _ in range(8):  # 8 s into the pass, ticking as the screen does
            clock.advance(1)
            app.session_screen.tick()
        saved = seeded_repo.active_session()
        assert saved is not None and saved.index == 2
        assert saved.step_elapsed >= 8 - SAVE_EVERY_S + 1  # not 0: a kill now loses < 5 s
        assert saved.step_elapsed == 5


async def test_n_on_the_finish_step_saves(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        show_the_finish(app)
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen_stack[0], ChecklistScreen)
    record = seeded_repo.sessions()[-1]
    assert record.status is SessionStatus.COMPLETED and record.redness == 2


async def test_the_confidence_offer_counts_the_sessions_done(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        show_the_finish(app)
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        assert "You have done 12 sessions" in choice_text(app)  # 11 logged + this one


def test_a_log_later_that_day_never_takes_the_timer_sessions_planned_date(
    seeded_repo: Repository,
):
    """Ties within a day go to the session recorded first."""
    from scalp_tui.actions import new_id
    from scalp_tui.domain.matching import review
    from scalp_tui.domain.records import SessionRecord, SessionSource

    day = dt.date(2026, 11, 25)  # a planned date of the sample plan
    started = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    ended = started + dt.timedelta(minutes=6)
    timer = SessionRecord(  # as the session screen records one: saved when it ends
        id=new_id(),
        date=day,
        started_at=started,
        ended_at=ended,
        status=SessionStatus.COMPLETED,
        source=SessionSource.TIMER,
        needle_mm=0.5,
        zones=("crown",),
        directions=("front to back",),
        recorded_at=ended,
    )
    with seeded_repo.transaction():
        seeded_repo.add_session(timer)
    logged = log_session(seeded_repo, day, day, now=dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC))
    assert logged.source is SessionSource.LOG
    matched = review(seeded_repo.plans(), seeded_repo.sessions(), day).matched
    assert matched.get(timer.id) == day
    assert logged.id not in matched  # an extra session, not the planned one


async def test_session_keys_work_behind_the_enlarge_message(
    open_app, seeded_repo, clock: FakeClock
):
    from scalp_tui.ui.screens.too_small import TooSmallScreen

    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "y", "n")
        run = app.session_screen.run
        assert run is not None and run.state is RunState.RUNNING
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert run.state is RunState.RUNNING  # the pass goes on behind the message
        clock.advance(4)
        await pilot.press("space")
        assert state(run) is RunState.PAUSED and run.remaining() == 26
        await pilot.press("space")
        assert state(run) is RunState.RUNNING
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert run.state is RunState.RUNNING


async def test_a_week_of_use(open_app, seeded_repo: Repository, clock: FakeClock):
    """Two sessions on one day with the settings changed between, a "no" at the safety check,
    a peek at the calendar mid-pass, a history edit, all over a simulated midnight."""
    from textual.widgets import Input

    from scalp_tui.ui.screens.history import EditSession, HistoryScreen

    async def finish(pilot, redness: str) -> None:
        show_the_finish(app)
        await pilot.press(redness, "n")
        await pilot.pause()

    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s", "x")  # Monday: a sore spot, no session
        await pilot.press("c", "s", "y", "n")  # later: it is fine, the first pass runs
        clock.advance(10)
        await pilot.press("c")  # a peek at the calendar mid-pass
        await pilot.pause()
        clock.advance(300)
        assert app.screen.query_one(KeyFooter).banner == (
            "Session paused: FRONT/HAIRLINE, 0:20 left; s to resume"
        )
        await pilot.press("s", "space")
        await finish(pilot, "1")
        if isinstance(app.screen, Choice):  # the confidence offer after the third session
            await pilot.press("n")
        seeded_repo.update_settings(lambda s: replace(s, seconds_per_pass=20))
        await pilot.press("s")  # a second session the same day: asked first
        await pilot.pause()
        assert "You already did a session today" in choice_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("y", "n")
        run = app.session_screen.run
        assert run is not None and run.step.seconds == 20  # the new settings
        await finish(pilot, "0")
        if isinstance(app.screen, Choice):
            await pilot.press("n")
        clock.advance(24 * 3600)  # past midnight: Tuesday
        await go(pilot, "c", CalendarScreen)
        assert app.screen.query_one(MonthGrid).cursor == TODAY + dt.timedelta(days=1)
        await pilot.press("h", "e")  # edit the latest session's note
        await pilot.pause()
        assert isinstance(app.screen, EditSession)
        app.screen.query_one("#edit-note", Input).value = "second one, lighter"
        await go(pilot, "enter", HistoryScreen)
    today_sessions = [s for s in seeded_repo.sessions() if s.date == TODAY]
    assert len(today_sessions) == 2
    assert [s.redness for s in today_sessions] == [1, 0]
    assert today_sessions[-1].note == "second one, lighter"
    assert seeded_repo.active_session() is None
    from scalp_tui.domain.matching import review

    matched = review(seeded_repo.plans(), seeded_repo.sessions(), TODAY).matched
    assert not {s.id for s in today_sessions[1:]} & set(matched)  # never the later one


async def test_settings_cannot_rewrite_the_dates_of_a_started_plan(open_app, seeded_repo):
    from textual.widgets import Select

    from scalp_tui.ui.screens.setup import SetupScreen

    before = seeded_repo.plans()
    async with open_app(size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#preset", Select).value = "weekly"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # refused inline
        assert "has started" in str(app.screen.query_one("#error-start").render())
    assert seeded_repo.plans() == before
