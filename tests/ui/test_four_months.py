"""Four months of the ramp as a user lives them, under a moving fake clock (issue 21, the
"Show" of cases 1-9 and 18): planned on a Friday for a Sunday start, settings saved unchanged,
rolled, quit mid-session and finished the next morning, a late and an early session, a missed
date, a needle change, the whole cleaning at once, three deletes undone; at each stop the
numbers the app and the command line show are checked against each other and the plan."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from textual.widgets import Input

from scalp_tui.actions import log_session
from scalp_tui.cli import main
from scalp_tui.domain.checklist import open_checklists
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.pilots import go, opened

SIZE = (100, 32)
PLAN = make_plan(dt.date(2026, 12, 6), 0.5, Preset.RAMP, (6, 2))  # Sun, Wed


def at(day: str, time: str = "19:00") -> FakeClock:
    return FakeClock(dt.datetime.fromisoformat(f"{day}T{time}:00+00:00"))


def cli(db: Path, clock: FakeClock, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def status(db: Path, clock: FakeClock) -> dict[str, object]:
    code, out, err = cli(db, clock, "status", "--json")
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


def fresh(repo: Repository) -> Repository:
    return open_repository(repo.path)


async def roll(app: ScalpApp, pilot, clock: FakeClock, *, until: StepKind = StepKind.FINISH):
    """From the calendar: s, the safety check, then every step rolled 10 s of the fake clock
    (each pass is rolled, not skipped) up to ``until``."""
    await pilot.press("s")
    await pilot.pause()
    if isinstance(app.screen, Choice):  # another session today?
        await pilot.press("y")
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen) and screen.run is not None
    await pilot.press("y")
    await roll_on(pilot, screen, clock, until)
    return screen


async def roll_on(pilot, screen: SessionScreen, clock: FakeClock, until: StepKind) -> None:
    """Each pass rolled 10 s, each other step left at once, up to ``until``."""
    assert screen.run is not None
    while screen.run.step.kind is not until:
        if screen.run.step.kind is StepKind.PASS:
            clock.advance(10)
        await pilot.press("n")
    await pilot.pause()


async def finish(app: ScalpApp, pilot, redness: str = "0") -> None:
    await pilot.press(redness, "ctrl+s")
    await pilot.pause()
    if isinstance(app.screen, Choice):  # the confidence offer after the third session
        await pilot.press("n")
        await pilot.pause()


async def test_four_months_of_the_ramp(repo: Repository, db_path: Path):
    # Fri 4 Dec: first run, a plan from Sunday 6 Dec, Sun and Wed for the twice-weekly weeks.
    clock = at("2026-12-04")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        await go(pilot, "enter", SetupScreen)
        app.screen.query_one("#start", Input).value = "2026-12-06"
        await pilot.pause()
        await go(pilot, "ctrl+s", CalendarScreen)
    assert fresh(repo).plans() == [PLAN]

    # Sat 5 Dec: the serum renamed in Settings; the plan, not started, is kept as it is (1).
    clock = at("2026-12-05")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        assert app.screen.query_one("#start", Input).value == "2026-12-06"
        app.screen.query_one("#serum_name", Input).value = "aloe gel"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert fresh(repo).plans() == [PLAN]
    zones = fresh(repo).settings().zones
    assert len(zones) == 5  # saving did not split or strip them (2)

    # Sun 6 Dec, the first planned date: a session with the timer; no cleaning yet.
    clock = at("2026-12-06")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        await roll(app, pilot, clock)
        await finish(app, pilot)
        assert isinstance(app.screen, ChecklistScreen)
    first = fresh(repo).sessions()[-1]
    assert first.date == dt.date(2026, 12, 6) and first.status is SessionStatus.COMPLETED
    assert first.duration == dt.timedelta(seconds=50)  # five passes of 10 s (3)
    assert first.serum_name == "aloe gel"

    # Sun 13 Dec 19:00: quit at the second zone's pass; finished Monday morning.
    clock = at("2026-12-13")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        screen = await roll(app, pilot, clock, until=StepKind.MOVE)
        await pilot.press("n")  # the second pass runs
        clock.advance(7)
        await go(pilot, "q", Choice)
        await pilot.press("y")
    clock = at("2026-12-14", "08:00")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # resume, or record as aborted
        screen = await go(pilot, "r", SessionScreen)
        assert screen.run is not None
        await pilot.press("space")  # it comes back paused, 7 s into its pass
        await roll_on(pilot, screen, clock, StepKind.FINISH)
        await finish(app, pilot, "1")
        assert isinstance(app.screen, ChecklistScreen)
        # Two open cards (6 and 13 Dec): one cleaning closes both (18).
        for _ in range(3):
            await pilot.press("down")
            await pilot.press("space")
        await pilot.pause()
    second = fresh(repo).sessions()[-1]
    assert second.date == dt.date(2026, 12, 13)  # dated by its start
    # 10 s + 7 s before the night, 10 s + 3 x 10 s after: the night is not in it (3).
    assert second.duration == dt.timedelta(seconds=57)
    assert open_checklists(fresh(repo).checklists()) == []

    # Fri 18 Dec: a session logged for today, two days before Sunday 20 Dec: done early, and
    # counted at once (9).
    clock = at("2026-12-18")
    log_session(repo, clock.today(), clock.today(), now=clock.now())
    now = status(db_path, clock)
    assert now["adherence_percent"] == 100.0 and now["streak"] == 3
    # Sun 27 Dec, a planned date: logged by the command line; every output agrees (7).
    clock = at("2026-12-27")
    assert cli(db_path, clock, "log")[0] == 0
    now = status(db_path, clock)
    assert now["next_session"] == "2026-12-27" and now["due_today"] is False
    assert now["next_to_do"] == "2027-01-03"
    text = cli(db_path, clock, "status")[1]
    assert "today's session is done" in text
    assert "2027-01-03" in text or "3 Jan" in text

    # Sun 3 Jan is missed; on Thu 7 Jan (the window has passed) it is overdue, and the
    # reminder says so, as status does (7).
    clock = at("2027-01-07")
    now = status(db_path, clock)
    assert now["overdue"] == ["2027-01-03", "2027-01-06"]
    code, said, _ = cli(db_path, clock, "remind", "--print")
    assert code == 0 and "overdue since" in said and "3 Jan" in said
    short = cli(db_path, clock, "status", "--short")[1]
    assert "overdue" in short

    # Sun 10 Jan: a session with every pass tapped through: the finish asks (5).
    clock = at("2027-01-10")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        screen = await go(pilot, "s", SessionScreen)
        assert screen.run is not None
        await pilot.press("y")
        while screen.run.step.kind is not StepKind.FINISH:
            await pilot.press("n")
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("d")
        await pilot.pause()
    tapped = fresh(repo).sessions()[-1]
    assert tapped.status is SessionStatus.COMPLETED and tapped.redness == 2

    # Wed 13 Jan: the needle goes to 0.75 mm from today; the past keeps 0.5 mm (8).
    clock = at("2027-01-13")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        app.open_settings()
        await pilot.pause()
        app.screen.query_one("#needle_mm").value = 0.75  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
    [plan] = fresh(repo).plans()
    assert plan.needle_on(dt.date(2027, 1, 6)) == 0.5 and plan.needle_on(clock.today()) == 0.75
    late = log_session(repo, dt.date(2027, 1, 12), clock.today(), now=clock.now())
    assert late.needle_mm == 0.5

    # History, 20 Jan: three deletes, three undos, all back (4).
    clock = at("2027-01-20")
    before = sorted(s.id for s in fresh(repo).sessions())
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("d", "y")
            await pilot.pause()
        assert len(fresh(repo).sessions()) == len(before) - 3
        await pilot.press("u", "u", "u")
        await pilot.pause()
    assert sorted(s.id for s in fresh(repo).sessions()) == before

    # Upkeep: on 1 Mar the phase is monthly upkeep, the next date 31 Mar; 28 Feb is missed.
    clock = at("2027-03-01")
    now = status(db_path, clock)
    assert now["phase"] == "monthly upkeep"
    assert now["next_session"] == "2027-03-31"
    assert now["overdue"] == ["2027-02-28"]  # no session kept it (it may still, late)
    assert now["due_today"] is False
    # 31 Mar, a session with the timer: the month's date is done.
    clock = at("2027-03-31")
    async with opened(repo, clock, size=SIZE) as (app, pilot):
        await roll(app, pilot, clock)
        await finish(app, pilot)
    now = status(db_path, clock)
    assert now["due_today"] is False and now["next_session"] == "2027-03-31"
    assert now["sessions_done"] == len([s for s in fresh(repo).sessions() if s.completed])
