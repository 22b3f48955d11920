"""Pilot tests of the year view (a heat map) and the agenda, opened from the calendar and the
command palette (issue 15)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList

from scalp_tui.actions import log_session
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.agenda import AgendaScreen
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.history import HistoryScreen
from scalp_tui.ui.screens.year import YearScreen
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.year_map import YearMap, weeks_for
from tests.fixed import TODAY
from tests.pilots import (
    go,
    opened,
    palette_offers,
    screen_lines,
    screen_text,
    text_of,
    timer_intervals,
)
from tests.waiting import wait_for


def map_text(app: App[None]) -> str:
    return app.screen.query_one(YearMap).render().plain


def day_line(app: App[None]) -> str:
    return text_of(app, "#year-day")


async def open_by_palette(app: App[None], pilot: Pilot[None], title: str) -> None:
    """Type ``title`` into the command palette and run the command it then offers."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")
    await pilot.press(*title)
    await wait_for(pilot, lambda: palette_offers(app, title), f"the palette to offer {title!r}")
    await pilot.press("enter")
    await wait_for(
        pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette to close"
    )
    await pilot.pause()


# -- the year -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "weeks"), [((64, 20), 29), ((80, 24), 37), ((120, 40), 53)])
async def test_the_year_shows_as_many_weeks_as_fit(open_app, seeded_repo, size, weeks):
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        await go(pilot, "y", YearScreen)
        year_map = app.screen.query_one(YearMap)
        assert weeks_for(year_map.content_size.width) == weeks
        rows = map_text(app).split("\n")
        # Month names, seven weekdays, the percentages: one glyph a week on each weekday.
        assert len(rows) == 9 and rows[1].startswith("Mo ") and rows[7].startswith("Su ")
        assert all(len(row[3:].split()) == weeks for row in rows[1:8])
        # The sample's year: every state once at least, each in its own glyph.
        text = "".join(rows[1:8])
        counts = {glyph: text.count(glyph) for glyph in "✓↶↷✗+•○"}
        assert counts == {"✓": 8, "↶": 1, "↷": 1, "✗": 1, "+": 1, "•": 2, "○": 2}
        # October 100% (4 of 4), November 86% (6 of 7), under their names.
        names, percents = rows[0], rows[8]
        assert percents[names.index("Oct") :].startswith("100%")
        assert percents[names.index("Nov") :].startswith("86%")
        if weeks == 53:  # a year back from Mon 23 Nov 2026: Dec, then January with its year
            assert names.split()[:3] == ["Dec", "Jan'26", "Feb"]
        # Nothing runs off the screen.
        screen = "\n".join(screen_lines(app))
        for words in ("Best streaks", "Sun 4 Oct – Sun 8 Nov", "Sun 15 Nov – now", "7 kept"):
            assert words in screen
        for words in ("done early", "for another day", "nothing due", "due dates kept"):
            assert words in screen
        assert "Monday 23 November 2026: nothing planned" in screen
        lower = app.screen.query_one("#year-lower")
        assert lower.region.bottom <= size[1] - 1  # above the key bar
        assert year_map.region.right <= size[0]


async def test_the_month_the_year_opens_in_is_named_only_where_its_name_fits(seeded_repo):
    """At 200x50 on Wed 6 Jan 2027 the map opens on Mon 5 Jan 2026, February three columns
    on: the names ran together as "Jan'26Feb"."""
    at = dt.datetime(2027, 1, 6, 9, 30, tzinfo=dt.UTC)
    async with opened(seeded_repo, at=at, size=(200, 50)) as (app, pilot):
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        names = map_text(app).split("\n")[0].split()
        assert names[0] == "Feb" and names[-1] == "Jan'27"
        assert all(re.fullmatch(r"[A-Z][a-z]{2}('\d\d)?", name) for name in names)


async def test_the_year_cursor_moves_by_day_and_week_and_enter_opens_the_day(open_app, seeded_repo):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        year_map = app.screen.query_one(YearMap)
        assert year_map.cursor == TODAY
        await pilot.press("left", "up", "up", "up", "up", "up")  # a week back, five days back
        assert year_map.cursor == dt.date(2026, 11, 11)
        assert day_line(app) == "Wednesday 11 November 2026: missed (twice weekly)"
        await pilot.press("down", "down", "down", "down")  # Sun 15 Nov
        assert day_line(app) == "Sunday 15 November 2026: done (twice weekly)"
        await pilot.press("right")  # Sun 22 Nov, kept two days early
        assert day_line(app) == "Sunday 22 November 2026: done early (twice weekly)"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == dt.date(2026, 11, 22)
        await go(pilot, "escape", YearScreen)
        await pilot.press("t")
        assert year_map.cursor == TODAY


async def test_the_year_follows_the_cursor_back_in_time(open_app, seeded_repo):
    async with open_app(size=(64, 20)) as (app, pilot):
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        year_map = app.screen.query_one(YearMap)
        weeks = weeks_for(year_map.content_size.width)
        await pilot.press(*["pageup"] * 14)
        assert year_map.cursor == dt.date(2025, 9, 23)
        columns = year_map.columns(year_map.content_size.width)
        assert len(columns) == weeks and year_map.cursor in columns[0]
        assert "Tuesday 23 September 2025: nothing planned" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        columns = year_map.columns(year_map.content_size.width)
        assert TODAY in columns[-1]  # back to today: today's week last


async def test_a_session_logged_from_the_year_shows_on_it(open_app, seeded_repo):
    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert map_text(app).count("+") == 1
        await pilot.press("up", "up", "enter")  # Sat 21 Nov: nothing planned
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        await pilot.press(*"sides")
        await pilot.click("#log")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        assert map_text(app).count("+") == 2
        assert day_line(app) == "Saturday 21 November 2026: extra session"
    assert any(s.note == "sides" for s in seeded_repo.sessions())


async def test_the_year_from_the_palette_goes_back_to_the_history(open_app, seeded_repo):
    async with open_app(size=(100, 32)) as (app, pilot):
        await pilot.pause()
        history = await go(pilot, "h", HistoryScreen)
        await open_by_palette(app, pilot, "Year view")
        assert isinstance(app.screen, YearScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1] is history  # back where it was opened


@pytest.fixture
def settings_only(repo: Repository) -> Repository:
    """A database past the welcome screen (settings saved) with no plan and no session."""
    from scalp_tui.domain.settings import Settings

    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
    return repo


async def test_the_year_without_a_plan_or_sessions(open_app, settings_only):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        app.push_screen(YearScreen())
        await pilot.pause()
        rows = map_text(app).split("\n")
        assert all(set(row[3:].split()) == {"·"} for row in rows[1:8])  # nothing due, any day
        assert rows[8].strip() == "%"  # no month with a due date: no percentages
        assert day_line(app) == "Monday 23 November 2026: nothing planned"
        assert "None yet: a streak is planned dates kept in a" in screen_text(app)
        await pilot.press("enter")  # today's day opens, to log a session
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == TODAY


async def test_the_year_reads_without_colour(open_app, seeded_repo, monkeypatch):

    monkeypatch.setenv("NO_COLOR", "1")
    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
    for glyph in "✓↶↷✗+•○·":
        assert glyph in svg


# -- the agenda ---------------------------------------------------------------------------------


def agenda_lines(app: App[None]) -> list[str]:
    agenda = app.screen.query_one(OptionList)
    prompts = [agenda.get_option_at_index(i).prompt for i in range(agenda.option_count)]
    assert all(isinstance(p, Content) for p in prompts)  # never markup
    return [line for p in prompts for line in str(p).split("\n")]


async def test_the_agenda_lists_what_comes_and_what_was_done(open_app, seeded_repo):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await go(pilot, "a", AgendaScreen)
        lines = agenda_lines(app)
        assert lines[0] == "Coming: the next 12 planned dates"
        assert lines[1] == "○ Wed 25 Nov       in 2 days    twice weekly"
        assert lines[2] == "○ Sun 29 Nov       in 6 days    monthly upkeep"
        assert lines[12] == "○ Wed 29 Sep 2027  in 310 days  monthly upkeep"
        assert lines[13] == "Done: the last 10 sessions"
        assert lines[14:16] == [
            "↶ Fri 20 Nov       done early for Sun 22 Nov",
            "  no redness · “two days early”",
        ]
        assert lines[16:18] == ["✓ Wed 18 Nov       done", "  marked redness · “tingling”"]
        assert "↷ Mon 19 Oct       done late for Sun 18 Oct" in lines
        # The last session, then the photo check-in (issue 23: the sample has no photos).
        assert lines[-3:] == [
            "+ Tue  6 Oct       extra",
            "  no redness · “an extra touch-up”",
            "Photos due since Sun 1 Nov: front, top, crown, left, right",
        ]
        # Ten sessions: 10-04, the first, is not listed.
        assert not any("Sun  4 Oct" in line for line in lines)
        screen = screen_text(app)
        assert "Coming: the next 12 planned dates" in screen
        assert "Wed 25 Nov       in 2 days    twice weekly" in screen


async def test_the_agenda_scrolls_and_enter_opens_the_day(open_app, seeded_repo):
    async with open_app(size=(64, 20)) as (app, pilot):
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the first line: Wed 25 Nov
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == dt.date(2026, 11, 25)
        await go(pilot, "escape", AgendaScreen)
        await pilot.press("end")  # the last line: the extra session of Tue 6 Oct
        await pilot.pause()
        assert "Tue  6 Oct       extra" in screen_text(app)
        assert "Coming: the next" not in screen_text(app)  # scrolled down to it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == dt.date(2026, 10, 6)
        await pilot.press("escape")
        await pilot.pause()
        await go(pilot, "escape", CalendarScreen)


async def test_a_session_logged_from_the_agenda_is_listed(open_app, seeded_repo):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await open_by_palette(app, pilot, "Agenda")
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("end", "enter")  # Tue 6 Oct
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        await pilot.press(*"again")
        await pilot.click("#log")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # 6 Oct has a session: asked first
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        # Logged after the sample's own 6 Oct session: the later of the two, listed before
        # it; the sample's is now the eleventh, left out.
        assert agenda_lines(app)[-3:-1] == ["+ Tue  6 Oct       extra", "  “again”"]
        assert "an extra touch-up" not in "\n".join(agenda_lines(app))


async def test_a_session_today_keeps_the_next_date_early_in_the_agenda(open_app, seeded_repo):
    log_session(seeded_repo, TODAY, TODAY, note="new", redness=1)
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        lines = agenda_lines(app)
        assert lines[1] == "↶ Wed 25 Nov       in 2 days    twice weekly"
        assert lines[14:16] == [
            "↶ Mon 23 Nov       done early for Wed 25 Nov",
            "  mild redness · “new”",
        ]


async def test_notes_in_the_agenda_are_plain_text(open_app, seeded_repo):
    hostile = "[bold red]not markup[/] \x1b[2J\x07 end\nsecond line"
    log_session(seeded_repo, TODAY, TODAY, note=hostile)
    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = screen_text(app)
        assert "“[bold red]not markup[/] \\x1b[2J\\x07 end second line”" in screen
        assert "\x1b" not in "".join(agenda_lines(app))


async def test_the_agenda_without_a_plan_or_sessions(open_app, settings_only):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        app.push_screen(AgendaScreen())
        await pilot.pause()
        lines = agenda_lines(app)
        assert "No plan yet: open Settings from the command palette." in lines
        assert lines[-1] == "No sessions yet."
        await pilot.press("enter")  # nothing to open: no crash
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


async def test_the_year_and_the_agenda_follow_the_clock_past_midnight(seeded_repo):
    """The day is checked on a timer; the test makes the timer's call itself."""
    from scalp_tui.domain.clock import FakeClock

    clock = FakeClock(dt.datetime(2026, 11, 23, 23, 59, tzinfo=dt.UTC))
    async with opened(seeded_repo, clock, size=(80, 24)) as (app, pilot):
        await pilot.pause()
        year = await go(pilot, "y", YearScreen)
        assert timer_intervals(year, year.follow_today) == [year.DAY_CHECK_SECONDS]
        year_map = year.query_one(YearMap)
        clock.advance(120)  # 00:01 on Tuesday
        year.follow_today()
        await pilot.pause()
        tuesday = TODAY + dt.timedelta(days=1)
        assert year_map.today == year_map.cursor == tuesday
        assert day_line(app) == "Tuesday 24 November 2026: nothing planned"
        await pilot.press("escape")
        agenda = await go(pilot, "a", AgendaScreen)
        assert timer_intervals(agenda, agenda.follow_today) == [agenda.DAY_CHECK_SECONDS]
        assert "today" not in agenda_lines(app)[1]
        clock.advance(24 * 3600)  # Wednesday: 25 Nov is due today
        agenda.follow_today()
        await pilot.pause()
        assert agenda_lines(app)[1] == "○ Wed 25 Nov       today        twice weekly"


@pytest.mark.parametrize("key", ["y", "a"])
async def test_the_views_survive_a_terminal_too_small_and_back(open_app, seeded_repo, key):
    from scalp_tui.ui.screens.too_small import TooSmallScreen

    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        view = app.screen
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(64, 20)
        await pilot.pause()
        assert app.screen is view
        assert "Open day" in screen_text(app) and "esc Back" in screen_text(app)


async def test_c_from_the_year_or_the_agenda_goes_back_to_the_months(open_app, seeded_repo):
    from scalp_tui.ui.screens.calendar import CalendarScreen

    async with open_app(size=(100, 32)) as (app, pilot):
        for key in ("y", "a"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, CalendarScreen)
            await go(pilot, "c", CalendarScreen)


def test_a_long_note_in_the_agenda_is_its_start_on_one_line(seeded_repo):
    from scalp_tui.domain.calendar import recent
    from scalp_tui.domain.matching import review
    from scalp_tui.ui.screens.agenda import NOTE_SHOWN, session_lines

    log_session(seeded_repo, TODAY, TODAY, note="word " * 400)
    sessions = seeded_repo.sessions()
    done = recent(sessions, review(seeded_repo.plans(), sessions, TODAY))[0]
    text = str(session_lines(done, TODAY))
    assert "…" in text and len(text.splitlines()[-1]) <= NOTE_SHOWN + 20
