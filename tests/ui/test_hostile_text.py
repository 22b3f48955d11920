"""The user's text is plain text on every screen: never markup, never a terminal control.

Each test asserts what reaches the terminal: the screen's rendered lines (the compositor's
strips) hold the text as typed, and not one control character.
"""

from __future__ import annotations

import re
from dataclasses import replace

from textual.app import App
from textual.widgets import Checkbox, DataTable, Input, Static

from scalp_tui.actions import log_session
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.history import EditSession, HistoryScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.big_text import BigText
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.messages import InlineError
from tests.fixed import TODAY
from tests.pilots import SIZE, go, screen_lines

MARKUP_NOTE = "felt ok [/b] oops"
ESCAPE_NOTE = "\x1b[2J\x1b]0;title\x07"
ESCAPE_SHOWN = "\\x1b[2J\\x1b]0;title\\x07"  # as the screens show it
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def text_without_controls(app: App[object]) -> str:
    """The screen's text; not one control character in it."""
    lines = screen_lines(app)
    for line in lines:
        assert not CONTROLS.search(line), f"a control character reaches the terminal: {line!r}"
    return "\n".join(lines)


def rendered(widget: Static) -> str:
    return str(widget.render())


def fresh(repo: Repository) -> Repository:
    return open_repository(repo.path)


async def open_history(app: App[object], pilot) -> HistoryScreen:
    await pilot.pause()
    return await go(pilot, "h", HistoryScreen)


# -- notes ------------------------------------------------------------------------------------
async def test_a_markup_note_shows_literally_in_history_and_its_delete_dialog(
    open_app, seeded_repo
):
    log_session(seeded_repo, TODAY, TODAY, note=MARKUP_NOTE)
    async with open_app(size=SIZE) as (app, pilot):
        screen = await open_history(app, pilot)
        table = screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[-1]) == MARKUP_NOTE  # newest first
        table.scroll_to(x=table.max_scroll_x, animate=False)  # the note is the last column
        await pilot.pause()
        assert MARKUP_NOTE in text_without_controls(app)
        await go(pilot, "d", Choice)
        assert f"“{MARKUP_NOTE}”" in rendered(app.screen.query_one("#choice-message", Static))
        assert MARKUP_NOTE in text_without_controls(app)
        await go(pilot, "n", HistoryScreen)
    assert app.return_code in (None, 0)


async def test_a_markup_note_shows_literally_in_the_day_dialog(open_app, seeded_repo):
    log_session(seeded_repo, TODAY, TODAY, note=MARKUP_NOTE)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("enter")  # the calendar's cursor is on today
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert f"“{MARKUP_NOTE}”" in rendered(app.screen.query_one("#day-summary", Static))
        assert MARKUP_NOTE in text_without_controls(app)
    assert app.return_code in (None, 0)


async def test_an_escape_sequence_note_is_shown_escaped_and_stored_unchanged(open_app, seeded_repo):
    record = log_session(seeded_repo, TODAY, TODAY, note=ESCAPE_NOTE)
    async with open_app(size=SIZE) as (app, pilot):
        screen = await open_history(app, pilot)
        table = screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[-1]) == ESCAPE_SHOWN
        row = next(i for i, line in enumerate(screen_lines(app)) if "Mon 23 Nov" in line)
        table.scroll_to(x=table.max_scroll_x, animate=False)  # the note is the last column
        await pilot.pause()
        assert ESCAPE_SHOWN in text_without_controls(app).splitlines()[row]

        await pilot.press("d")  # the confirmation quotes the note
        await pilot.pause()
        assert ESCAPE_SHOWN in rendered(app.screen.query_one("#choice-message", Static))
        text_without_controls(app)
        await pilot.press("n")
        await pilot.pause()

        await pilot.press("e")  # the edit dialog shows it escaped; saved untouched, unchanged
        await pilot.pause()
        assert isinstance(app.screen, EditSession)
        assert app.screen.query_one("#edit-note", Input).value == ESCAPE_SHOWN
        text_without_controls(app)
        await go(pilot, "enter", HistoryScreen)

        await pilot.press("c", "enter")  # the day dialog
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert ESCAPE_SHOWN in rendered(app.screen.query_one("#day-summary", Static))
        text_without_controls(app)
    [stored] = [s for s in fresh(seeded_repo).sessions() if s.id == record.id]
    assert stored.note == ESCAPE_NOTE


async def test_a_note_edited_from_its_escaped_form_saves_what_the_user_sees(open_app, seeded_repo):
    record = log_session(seeded_repo, TODAY, TODAY, note=ESCAPE_NOTE)
    async with open_app(size=SIZE) as (app, pilot):
        await open_history(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", "!", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    [stored] = [s for s in fresh(seeded_repo).sessions() if s.id == record.id]
    assert stored.note == ESCAPE_SHOWN + "!"


# -- zones, directions, serum -----------------------------------------------------------------
async def test_markup_in_zone_names_shows_literally_in_the_session(open_app, seeded_repo):
    # Directions come from a fixed vocabulary (issue 14): only zones are free text.
    settings = seeded_repo.settings()
    seeded_repo.save_settings(replace(settings, zones=("[b]crown", "sides [/i]")))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "next: [b]crown: roll front to back" in rendered(
            app.screen.query_one("#next-step", Static)
        )
        await pilot.press("n")
        await pilot.pause()
        assert app.session_screen.run is not None
        assert app.session_screen.run.step.kind is StepKind.PASS
        assert app.screen.query_one(BigText).text == "[B]CROWN"  # drawn big, never parsed
        text = text_without_controls(app)
        assert "next: Move to: sides [/i]" in text
    assert app.return_code in (None, 0)


async def test_control_characters_in_a_zone_never_reach_the_terminal(open_app, seeded_repo):
    settings = seeded_repo.settings()
    seeded_repo.save_settings(replace(settings, zones=("crown\x1b[2J", "sides")))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y")
        await pilot.pause()
        assert "next: crown\\x1b[2J: roll front to back" in text_without_controls(app)
        await pilot.press("n")
        await pilot.pause()
        big = app.screen.query_one(BigText)
        assert all("\x1b" not in line for line in big.layout_now.rows)
        assert "\x1b" not in text_without_controls(app)


async def test_an_interrupted_session_on_a_markup_zone_is_offered_literally(open_app, seeded_repo):
    settings = seeded_repo.settings()
    seeded_repo.save_settings(replace(settings, zones=("crown [/b]", "sides")))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n", "space")  # rolling the first zone, saved while paused
        await pilot.pause()
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        message = rendered(app.screen.query_one("#choice-message", Static))
        assert "“crown [/b]: roll front to back”" in message
        text_without_controls(app)


# -- error lines that echo what the user typed ------------------------------------------------
async def test_setup_echoes_a_markup_date_literally(open_app, repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "enter", SetupScreen)
        app.screen.query_one("#start", Input).value = "[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-start", InlineError)
        assert "'[/b]' is not a date" in rendered(error)
        assert "'[/b]' is not a date" in text_without_controls(app)
    assert repo.plans() == []
    assert app.return_code in (None, 0)


# -- settings: the setup form and the checklist -----------------------------------------------
async def test_setup_shows_stored_names_escaped_and_keeps_them_when_untouched(
    open_app, seeded_repo
):
    settings = replace(
        seeded_repo.settings(),
        zones=("crown\x1b[2J", "[b]sides"),
        serum_name="serum\x1b]0;x\x07",
    )
    seeded_repo.save_settings(settings)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.query_one("#zones", Input).value == "crown\\x1b[2J, [b]sides"
        assert screen.query_one("#serum_name", Input).value == "serum\\x1b]0;x\\x07"
        screen.query_one("#uses_minoxidil", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SetupScreen)
    stored = fresh(seeded_repo).settings()
    assert stored == replace(settings, uses_minoxidil=True)


async def test_the_checklist_shows_a_serum_name_literally(open_app, seeded_repo):
    seeded_repo.save_settings(replace(seeded_repo.settings(), serum_name="[b]serum\x1b[2J"))
    log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "l", ChecklistScreen)
        assert "Apply [b]serum\\x1b[2J (optional)" in text_without_controls(app)
