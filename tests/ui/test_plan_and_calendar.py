"""Pilot tests: first-run setup, month navigation, logging a day from the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from textual.app import App
from textual.widgets import Button, Input, Select

from scalp_tui.actions import log_session
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.screens.welcome import WelcomeScreen
from scalp_tui.ui.widgets.messages import InlineError
from scalp_tui.ui.widgets.month_grid import MonthGrid
from tests.fixed import TODAY, seed_plan_and_history
from tests.pilots import SIZE, go, opened, review_text, screen_lines, text_of, timer_intervals

#: Fri 8 Jan 2027: the worked example's plan a month in, nothing done.
JAN_8 = dt.datetime(2027, 1, 8, 9, 30, tzinfo=dt.UTC)


def grid_text(app: App[None]) -> str:
    return app.screen.query_one(MonthGrid).render().plain


async def test_first_run_setup_refuses_a_bad_date_then_saves_a_good_one(open_app, repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Not medical advice" in text_of(app, "#disclaimer")
        await pilot.press("s", "l", "c")  # no other screen before there is a plan
        assert isinstance(app.screen, WelcomeScreen)
        await go(pilot, "enter", SetupScreen)
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
        await go(pilot, "ctrl+s", CalendarScreen)
    [plan] = repo.plans()
    assert (plan.start, plan.preset.value, plan.needle_mm, plan.weekdays) == (
        dt.date(2026, 12, 6),
        "ramp",
        0.5,
        (6, 2),
    )
    assert repo.settings().disclaimer_seen


async def test_setup_reports_every_bad_field_and_saves_nothing(open_app, repo):
    async with open_app(size=SIZE) as (app, pilot):
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


async def test_a_marked_field_is_checked_again_as_it_is_corrected(open_app, repo):
    """A new user's pass: "seconds per pass must be a whole number, 10-120" stayed under a
    field that already said 10, until the next save."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        seconds = screen.query_one("#seconds_per_pass", Input)
        seconds.value = "5"
        screen.query_one("#serum_name", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()

        def error(key: str) -> InlineError:
            line: InlineError = screen.query_one(f"#error-{key}", InlineError)
            return line

        assert error("seconds_per_pass").has_class("-shown")
        seconds.value = "1"  # still wrong: still said
        await pilot.pause()
        assert "10-120" in str(error("seconds_per_pass").render())
        seconds.value = "10"
        await pilot.pause()
        assert not error("seconds_per_pass").has_class("-shown")
        assert error("serum_name").has_class("-shown")  # the other one still wrong
        screen.query_one("#zones", Input).value = " , "  # not marked: quiet while typing
        await pilot.pause()
        assert not error("zones").has_class("-shown")
        screen.query_one("#zones", Input).value = "top"
        screen.query_one("#serum_name", Input).value = "serum"
        await pilot.pause()
        assert not error("serum_name").has_class("-shown")
        assert not screen.query_one("#setup-status", InlineError).has_class("-shown")
    assert repo.plans() == []  # nothing saved without a save


async def test_month_navigation_and_today(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        grid = app.screen.query_one(MonthGrid)
        assert grid.cursor == TODAY
        assert "November 2026" in grid_text(app)
        # Sun 22 Nov kept two days early: drawn as the year and the agenda draw it (it was ✓)
        assert "22↶" in grid_text(app) and "20•" in grid_text(app)
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
        detail = text_of(app, "#day-detail")
        assert "Monday 16 November 2026" in detail


async def test_the_review_panel_tells_the_week(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        said = review_text(app)
        assert "Phase twice weekly" in said
        assert "Next Wed 25 Nov, in 2 days" in said
        assert "Adherence 90.9% (10 of 11)" in said
        # 11 Nov missed; 22 Nov kept early (by the 20th), so neither missed nor late.
        assert "Missed Wed 11 Nov Cleaning" in said
        assert "Late" not in said


async def test_logging_a_session_from_the_calendar(open_app, repo):
    seed_plan_and_history(repo)
    before = len(repo.sessions())
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("left", "left")  # Sat 21 Nov: nothing planned
        await go(pilot, "enter", DayScreen)
        await pilot.press(*"did the sides")
        await pilot.click("#log")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "21+" in grid_text(app)  # an extra session now shows on the 21st
    sessions = repo.sessions()
    assert len(sessions) == before + 1
    logged = next(s for s in sessions if s.note == "did the sides")
    assert logged.date == dt.date(2026, 11, 21) and logged.source.value == "log"


async def test_a_future_day_cannot_be_logged(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # Wed 25 Nov, planned
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert not app.screen.query("#log")
        summary = text_of(app, "#day-summary")
        # Not "Planned (twice weekly): planned" (issue 21).
        assert summary.startswith("Planned (twice weekly)\n")
        await go(pilot, "escape", CalendarScreen)
    assert len(seeded_repo.sessions()) == 11


async def test_settings_from_the_command_palette_start_a_new_plan_keeping_history(
    open_app, seeded_repo
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.query_one("#start", Input).value == "2026-10-04"
        screen.query_one("#start", Input).value = "2026-11-29"
        screen.query_one("#save").scroll_visible(animate=False)  # the form is taller than 32
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert not app.screen.query(Button)  # back on the calendar
    starts = [p.start for p in seeded_repo.plans()]
    assert starts == [dt.date(2026, 10, 4), dt.date(2026, 11, 29)]
    assert len(seeded_repo.sessions()) == 11


async def test_c_returns_to_the_calendar_from_every_mode_and_view(open_app, seeded_repo):
    """Every screen a key opens from the calendar: the session, checklist and history modes,
    and the calendar's own views, the year and the agenda (help and settings are dialogs over
    a screen, closed with escape; c there is not the calendar's)."""
    from scalp_tui.ui.screens.agenda import AgendaScreen
    from scalp_tui.ui.screens.checklist import ChecklistScreen
    from scalp_tui.ui.screens.history import HistoryScreen
    from scalp_tui.ui.screens.session import SessionScreen
    from scalp_tui.ui.screens.year import YearScreen

    screens = {
        "s": SessionScreen,
        "l": ChecklistScreen,
        "h": HistoryScreen,
        "y": YearScreen,
        "a": AgendaScreen,
    }
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        for key, screen in screens.items():
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key
            await pilot.press("c")
            await pilot.pause()
            assert app.screen is calendar, key


@pytest.mark.parametrize("view", ["y", "a"])
@pytest.mark.parametrize("other", ["h", "l"])
async def test_c_shows_the_months_even_with_a_view_left_open_under_another_mode(
    open_app, seeded_repo, view, other
):
    """A new user's pass: calendar, a (agenda), h, then c showed the agenda again."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        calendar = app.screen
        await pilot.press(view, other)
        await pilot.pause()
        assert app.current_mode != "calendar"
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is calendar
        assert app.screen_stack == [calendar]


# -- issue 13: the weekly review in the legend's words, at every size, following the clock ------

#: PRODUCT.md's worked example (ramp from Sun 2026-12-06, Sun and Wed), nothing done yet.
WORKED_START = dt.date(2026, 12, 6)


def seed_worked_example(repo: Repository) -> None:
    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(WORKED_START, 0.5, Preset.RAMP, (6, 2)))


async def test_the_review_says_missed_and_overdue_as_the_legend_does(repo):
    """Issue 13: it said "Overdue" for dates the legend calls missed, "1 more" first and then
    older dates. Fri 8 Jan 2027, nothing done: 13, 20, 27 Dec and 3 Jan missed; Wed 6 Jan
    still counts until the day before Sun 10 Jan: overdue (issue 21: it was drawn ○, as a
    date to come)."""
    seed_worked_example(repo)
    async with opened(repo, at=JAN_8, size=SIZE) as (app, pilot):
        await pilot.pause()
        said = review_text(app)
        assert "Missed Sun 20 Dec 2026, Sun 27 Dec 2026, Sun 3 Jan and 1 earlier Cleaning" in said
        assert "Overdue Wed 6 Jan, still counts until Sat 9 Jan This week" in said
        assert "Late" not in said
        # The grid draws the missed dates ✗ and the overdue one !, a date to come ○.
        await pilot.press("t", "left", "left")
        assert " 6!" in grid_text(app) and " 3✗" in grid_text(app)
        assert "10○" in grid_text(app)
        # The day itself says it in the same words.
        await pilot.press("enter")
        await pilot.pause()
        summary = text_of(app, "#day-summary")
        assert "Planned (twice weekly): overdue, still counts until Sat 9 Jan" in summary


async def test_cleaning_open_on_one_day_says_the_day_once(open_app, seeded_repo):
    """Issue 13: "Cleaning open for Thu 26 Nov, Thu 26 Nov, Thu 26 Nov, ..."."""
    for _ in range(6):
        log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert "Cleaning open for Mon 23 Nov (6 sessions) Roller" in review_text(app)


#: Everything the sample's review panel, day line and legend say, each piece whole.
SAMPLE_SAYS = [
    "twice weekly",
    "Wed 25 Nov,",
    "in 2 days",
    "0 of 2",
    "Sun 29 Nov",
    "90.9% (10 of 11)",
    "Wed 11 Nov",
    "none recorded yet",
    "9 of 10 uses",
    "Monday 23 November 2026",
    "○ planned",
    "✗ missed",
    "↶ early",
    "↷ late",
    "+ extra",
]


@pytest.mark.parametrize("size", [(64, 20), (80, 24)])
async def test_the_calendar_fits_the_smallest_terminal_without_cutting_a_word(
    open_app, seeded_repo, size
):
    """Issue 13: at 64x20 the review panel ran off the screen ("Next Mon 30 / Nov, in /
    days")."""
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        shown = "\n".join(screen_lines(app))
        missing = [words for words in SAMPLE_SAYS if words not in shown]
        assert missing == []
        assert app.screen.query_one("#review").region.right <= size[0]
        assert app.screen.query_one(MonthGrid).region.bottom <= size[1]


@pytest.mark.parametrize("width", [64, 66])
async def test_the_calendar_fits_after_the_terminal_shrank_behind_another_screen(
    open_app, seeded_repo, width
):
    """At 66 columns a scrollbar that came and went narrowed the panel by one, so a line
    wrapped, so the scrollbar stayed and the last line was hidden."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.resize_terminal(width, 20)
        await pilot.pause()
        await go(pilot, "c", CalendarScreen)
        shown = "\n".join(screen_lines(app))
        assert [words for words in SAMPLE_SAYS if words not in shown] == []
        assert "phase" not in shown  # the grid gave its phase column to the review panel
        assert app.screen.query_one("#review-box").max_scroll_y == 0  # all of it shows


async def test_a_review_longer_than_the_terminal_scrolls_and_says_there_is_more(repo):
    """Missed and late dates, three open cleanings and the needle warning of a 1 mm ramp plan
    are more lines than 64x20 has room for: none is cut, they scroll."""
    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(WORKED_START, 1.0, Preset.RAMP, (6, 2)))
    today = JAN_8.date()
    for _ in range(3):
        log_session(repo, today, today)
    async with opened(repo, at=JAN_8, size=(64, 20)) as (app, pilot):
        await pilot.pause()
        box = app.screen.query_one("#review-box")
        assert box.max_scroll_y > 0
        assert box.border_subtitle == "▼ more"
        box.scroll_end(animate=False)
        await pilot.pause()
        assert box.border_subtitle == ""
        assert "the weekly preset." in "\n".join(screen_lines(app))


async def test_a_busy_day_scrolls_in_its_dialog_at_64x20(open_app, seeded_repo):
    for i in range(6):
        log_session(seeded_repo, TODAY, TODAY, note=f"session {i} of a long day")
    async with open_app(size=(64, 20)) as (app, pilot):
        await pilot.pause()
        await go(pilot, "enter", DayScreen)
        app.screen.query_one("#log", Button).focus()
        await pilot.pause()
        button = app.screen.query_one("#log", Button)
        assert button.region.bottom <= 20 and button.region.height > 0
        assert "Log session" in "\n".join(screen_lines(app))


async def test_today_follows_the_clock_past_midnight(seeded_repo):
    """Issue 13: with the app open past midnight, the calendar kept yesterday as today."""
    clock = FakeClock(dt.datetime(2026, 11, 23, 23, 59, tzinfo=dt.UTC))
    async with opened(seeded_repo, clock, size=SIZE) as (app, pilot):
        await pilot.pause()
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        # The day is checked on a timer; the test makes the timer's call itself.
        assert timer_intervals(calendar, calendar.follow_today) == [calendar.DAY_CHECK_SECONDS]
        grid = calendar.query_one(MonthGrid)
        assert grid.cursor == TODAY
        clock.advance(120)  # 00:01 on Tuesday
        calendar.follow_today()
        await pilot.pause()
        tuesday = TODAY + dt.timedelta(days=1)
        assert grid.today == tuesday
        assert grid.cursor == tuesday  # it was on today, so it follows
        assert "Next Wed 25 Nov, tomorrow" in review_text(app)
        detail = text_of(app, "#day-detail")
        assert "Tuesday 24 November 2026" in detail


async def test_back_on_the_calendar_after_midnight_today_has_moved(seeded_repo):
    clock = FakeClock(dt.datetime(2026, 11, 23, 23, 59, tzinfo=dt.UTC))
    async with opened(seeded_repo, clock, size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        clock.advance(120)
        await pilot.press("c")
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        assert grid.today == grid.cursor == TODAY + dt.timedelta(days=1)


async def test_the_day_check_does_nothing_while_the_day_is_the_same(
    open_app, seeded_repo, monkeypatch
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        reloads: list[None] = []
        monkeypatch.setattr(screen, "reload", lambda: reloads.append(None))
        screen.follow_today()
        assert reloads == []


# -- issue 15: as many months as fit, the cursor's first -----------------------------------------


def month_titles(app: App[None]) -> list[str]:
    grid = app.screen.query_one(MonthGrid)
    return [f"{m:%B %Y}" for m in grid.shown_months()]


@pytest.mark.parametrize(
    ("size", "months", "below"),
    [
        ((64, 20), 1, False),
        ((80, 24), 1, False),
        ((100, 30), 2, False),
        ((120, 40), 4, True),
        ((200, 50), 6, True),
    ],
)
async def test_the_calendar_shows_as_many_whole_months_as_fit(
    open_app, seeded_repo, size, months, below
):
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        assert grid.months == months
        shown = "\n".join(screen_lines(app))
        wanted = ["November 2026", "December 2026", "January 2027", "February 2027"]
        wanted += ["March 2027", "April 2027", "May 2027"]
        assert [name for name in wanted if name in shown] == wanted[:months]
        # Whole months: the last one's Sunday column is on the screen.
        assert grid.region.right <= size[0]
        assert shown.index("November 2026") < shown.index("Mo")  # the cursor's month first
        review_box = app.screen.query_one("#review-box")
        if below:
            assert review_box.region.y >= grid.region.bottom
        else:
            assert review_box.region.x >= grid.region.right
        assert review_box.region.right <= size[0] and review_box.max_scroll_y == 0
        # The phase of each week only beside one month, at 80 columns or more.
        assert ("phase" in shown) == (months == 1 and size[0] >= 80)


async def test_the_cursor_moves_across_the_months_its_month_first(open_app, seeded_repo):
    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        assert month_titles(app)[:2] == ["November 2026", "December 2026"]
        await pilot.press("down", "down")  # Mon 7 Dec: December comes first
        assert grid.cursor == dt.date(2026, 12, 7)
        assert month_titles(app) == [
            "December 2026",
            "January 2027",
            "February 2027",
            "March 2027",
        ]
        # A neighbouring month's days show (dimmed) only where that month is not shown:
        # Mon 30 Nov before December, but not Mon 28 - Thu 31 Dec before January.
        first_week = grid_text(app).split("\n")[2]
        december, january = first_week[:28], first_week[30:58]
        assert december.split()[0] == "30"
        assert january[:16].strip() == "" and january[16:].split() == ["1", "2", "3"]
        await pilot.press("pagedown")
        assert month_titles(app)[0] == "January 2027" and grid.cursor == dt.date(2027, 1, 7)
        await pilot.press("pageup", "pageup", "pageup")
        assert month_titles(app)[0] == "October 2026"
        # October: 10-04 done, 10-06 extra, 10-18 done late, and November beside it.
        text = grid_text(app)
        assert " 4✓" in text and " 6+" in text and "18↷" in text and "11✗" in text
        await pilot.press("t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == TODAY


async def test_the_months_follow_the_width(open_app, seeded_repo):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        grid = screen.query_one(MonthGrid)
        assert (grid.months, grid.phases) == (1, True)
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert (grid.months, grid.phases) == (6, False)
        assert screen.has_class("-below")
        assert "April 2027" in "\n".join(screen_lines(app))
        await pilot.resize_terminal(64, 20)
        await pilot.pause()
        assert (grid.months, grid.phases) == (1, False)
        assert screen.has_class("-narrow") and not screen.has_class("-below")
        shown = "\n".join(screen_lines(app))
        assert [words for words in SAMPLE_SAYS if words not in shown] == []


async def test_y_and_a_open_the_year_and_the_agenda_over_the_calendar(open_app, seeded_repo):
    from scalp_tui.ui.screens.agenda import AgendaScreen
    from scalp_tui.ui.screens.year import YearScreen

    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        calendar = app.screen
        assert "y year  a agenda" in "\n".join(screen_lines(app))
        for key, view in (("y", YearScreen), ("a", AgendaScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen) is view
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is calendar


@pytest.mark.parametrize(("players", "expected"), [((), "bell"), (("aplay",), "tones")])
async def test_the_first_setup_offers_the_sound_this_machine_can_play(
    open_app, repo, tmp_path, monkeypatch, players, expected
):
    """Issue 14: tones by default where a player exists, else the bell (it was always tones,
    and a machine without a player was told so at every session)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in players:
        (folder / name).write_text("#!/bin/sh\nexit 0\n")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    async with open_app(size=SIZE) as (app, pilot):
        await go(pilot, "enter", SetupScreen)
        assert app.screen.query_one("#sound", Select).value == expected
        await go(pilot, "ctrl+s", CalendarScreen)
    assert repo.settings().sound == expected


async def test_settings_keep_the_sound_the_user_chose(open_app, seeded_repo, tmp_path, monkeypatch):
    """A database with settings shows its own sound, whatever this machine has."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no player at all
    seeded_repo.update_settings(lambda settings: replace(settings, sound="tones"))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#sound", Select).value == "tones"
