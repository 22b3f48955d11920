"""Pilot tests: first-run setup, month navigation, logging a day from the calendar."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Button, Input, Static

from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.screens.welcome import WelcomeScreen
from scalp_tui.ui.widgets.messages import InlineError
from scalp_tui.ui.widgets.month_grid import MonthGrid
from tests.conftest import TODAY, seed_plan_and_history

SIZE = (100, 32)


def grid_text(app: App[None]) -> str:
    return app.screen.query_one(MonthGrid).render().plain


async def test_first_run_setup_refuses_a_bad_date_then_saves_a_good_one(app_factory, repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Not medical advice" in str(app.screen.query_one("#disclaimer", Static).render())
        await pilot.press("s", "l", "c")  # no other screen before there is a plan
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        start = app.screen.query_one("#start", Input)
        start.value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-start", InlineError)
        assert "is not a date that exists" in str(error.render())
        assert error.display
        assert isinstance(app.screen, SetupScreen)
        assert repo.plans() == []  # nothing saved until valid

        start.value = "2026-12-06"  # a Sunday: the twice-weekly days follow (Sun, Wed)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    [plan] = repo.plans()
    assert (plan.start, plan.preset.value, plan.needle_mm, plan.weekdays) == (
        dt.date(2026, 12, 6),
        "ramp",
        0.5,
        (6, 2),
    )
    assert repo.settings().disclaimer_seen


async def test_setup_reports_every_bad_field_and_saves_nothing(app_factory, repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#zones", Input).value = " , "
        screen.query_one("#seconds_per_pass", Input).value = "5"
        screen.query_one("#serum_name", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = {
            key: str(screen.query_one(f"#error-{key}", InlineError).render())
            for key in ("zones", "seconds_per_pass", "serum_name")
        }
        assert "at least one zone" in messages["zones"]
        assert "10-120" in messages["seconds_per_pass"]
        assert "name the serum" in messages["serum_name"]
        assert "Nothing saved" in str(screen.query_one("#setup-status", InlineError).render())
    assert repo.plans() == [] and not repo.has_settings()


async def test_month_navigation_and_today(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        grid = app.screen.query_one(MonthGrid)
        assert grid.cursor == TODAY
        assert "November 2026" in grid_text(app)
        await pilot.press("pagedown")
        assert grid.cursor == dt.date(2026, 12, 23)
        assert "December 2026" in grid_text(app)
        await pilot.press("pageup", "pageup")
        assert "October 2026" in grid_text(app)
        # October: 10-04 done, 10-06 extra, 10-18 done late (the 10-19 session counts for it)
        text = grid_text(app)
        assert " 4✓" in text and " 6+" in text and "18↷" in text and "19•" in text
        await pilot.press("t")
        assert grid.cursor == TODAY
        await pilot.press("right", "down", "left", "up", "up")
        assert grid.cursor == TODAY - dt.timedelta(days=7)
        detail = str(app.screen.query_one("#day-detail", Static).render())
        assert "Monday 16 November 2026" in detail


async def test_the_review_panel_tells_the_week(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen.query_one("#review")
        # render the panel's renderable as text the way the user sees it
        lines = [strip.text for strip in review.render_lines(review.region.reset_offset)]
        shown = "\n".join(lines)
        assert "twice weekly" in shown
        assert "Wed 25 Nov, in 2 days" in shown
        assert "90.9% (10 of 11)" in shown
        assert "Sun 22 Nov" not in shown.split("Overdue")[-1].split("\n")[0]
        assert "Wed 11 Nov" in shown


async def test_logging_a_session_from_the_calendar(app_factory, repo):
    seed_plan_and_history(repo)
    before = len(repo.sessions())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left", "left")  # Sat 21 Nov: nothing planned
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        await pilot.press(*"did the sides")
        await pilot.click("#log")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "21+" in grid_text(app)  # an extra session now shows on the 21st
    sessions = repo.sessions()
    assert len(sessions) == before + 1
    logged = next(s for s in sessions if s.note == "did the sides")
    assert logged.date == dt.date(2026, 11, 21) and logged.source.value == "log"


async def test_a_future_day_cannot_be_logged(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # Wed 25 Nov, planned
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert not app.screen.query("#log")
        summary = str(app.screen.query_one("#day-summary", Static).render())
        assert "Planned (twice weekly): planned" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    assert len(seeded_repo.sessions()) == 11


async def test_settings_from_the_command_palette_start_a_new_plan_keeping_history(
    app_factory, seeded_repo
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.query_one("#start", Input).value == "2026-10-04"
        screen.query_one("#start", Input).value = "2026-11-29"
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert not app.screen.query(Button)  # back on the calendar
    starts = [p.start for p in seeded_repo.plans()]
    assert starts == [dt.date(2026, 10, 4), dt.date(2026, 11, 29)]
    assert len(seeded_repo.sessions()) == 11


async def test_c_returns_to_the_calendar_from_every_screen(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        calendar = app.screen
        for key in ("s", "l", "h"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not calendar
            await pilot.press("c")
            await pilot.pause()
            assert app.screen is calendar
