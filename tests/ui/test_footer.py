"""The key bar: the right keys on every screen, what fits at 80 columns, clicks; per-screen CSS."""

from __future__ import annotations

from textual.app import App
from textual.dom import DOMNode
from textual.geometry import Region, Spacing
from textual.widgets import Input

from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.help import HelpScreen
from scalp_tui.ui.screens.history import HistoryScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.widgets.dialogs import confirm
from scalp_tui.ui.widgets.footer import Key, KeyFooter, fit
from scalp_tui.ui.widgets.month_grid import MonthGrid
from tests.pilots import SIZE, go, screen_lines


def footer_keys(app: App[None]) -> list[str]:
    return app.screen.query_one(KeyFooter).keys


def bar_text(app: App[None]) -> str:
    return str(app.screen.query_one(KeyFooter).render())


async def test_the_calendar_shows_its_keys_from_its_first_frame(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        keys = footer_keys(app)
        assert keys[:2] == ["Open day", "Today"]
        assert keys[-3:] == ["Help", "Quit", "palette"]
        assert {"Session", "Checklist", "History"} <= set(keys)
        assert "Calendar" not in keys  # the screen already shown
        assert bar_text(app).startswith("⏎ Open day t Today s Session")
        assert bar_text(app).endswith("▏^p palette")
        await pilot.press("enter")  # the screen's key opens the day under the grid's cursor
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)


async def test_a_form_changes_the_keys_only_when_focus_changes_them(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        keys, changes, moves = footer_keys(app), 0, 0
        # start date; four selects; zones, seconds; the directions select; move, strokes
        for _ in range(9):
            focused = app.focused
            await pilot.press("tab")
            await pilot.pause()
            moves += app.focused is not focused
            now = footer_keys(app)
            changes += now != keys
            keys = now
        # A focused text field hides the one-letter keys; between two fields of a kind
        # nothing changes.
        assert moves == 9
        assert changes == 4  # text -> select -> text -> select -> text
        assert "Save" in keys and "Quit" not in keys


async def test_the_session_keys_follow_its_steps(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "s", SessionScreen)
        assert {"Yes, all fine", "No: stop"} <= set(footer_keys(app))
        await pilot.press("y")
        await pilot.pause()
        keys = footer_keys(app)
        assert "Next" in keys and "Abort" in keys
        assert "Yes, all fine" not in keys


async def test_at_80_columns_help_quit_and_the_palette_always_show(open_app, seeded_repo):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")  # a timed pass: the most keys of any screen
        await pilot.pause()
        keys = footer_keys(app)
        assert keys[:4] == ["Pause/resume", "Next", "Back", "Abort"]
        assert keys[-3:] == ["Help", "Quit", "palette"]
        assert "History" not in keys  # no room: the first keys that fit, then the essentials
        text = bar_text(app)
        assert len(text) == 80 and "Pause/resume" in text and text.endswith("^p palette")


async def test_a_click_on_a_key_presses_it(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        x = bar_text(app).index("s Session")
        assert await pilot.click(KeyFooter, offset=(x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.click(KeyFooter, offset=(0, 0))  # "y Yes, all fine"
        await pilot.pause()
        assert "Next" in footer_keys(app)


def test_fit_keeps_the_order_the_first_keys_and_the_essential_ones():
    keys = [
        Key("a", "a", "Alpha"),
        Key("b", "b", "Bravo"),
        Key("c", "c", "Charlie"),
        Key("d", "d", "Delta"),
        Key("f1", "f1", "Help", essential=True),
        Key("q", "q", "Quit", essential=True),
    ]
    widths = [key.width for key in keys]
    assert widths == [7, 7, 9, 7, 7, 6]
    everything = sum(widths) + len(keys) - 1
    assert fit(keys, everything) == keys
    # One cell short: Delta goes, and Charlie stays only while it fits.
    assert [k.key for k in fit(keys, everything - 1)] == ["a", "b", "c", "f1", "q"]
    assert [k.key for k in fit(keys, 7 + 1 + 7 + 1 + 7 + 1 + 6)] == ["a", "b", "f1", "q"]
    assert [k.key for k in fit(keys, 7 + 1 + 7 + 1 + 7 + 1 + 6 - 1)] == ["a", "f1", "q"]
    # Charlie does not fit after Alpha and Bravo: nothing after it is tried.
    assert [k.key for k in fit(keys, 7 + 1 + 7 + 1 + 8 + 1 + 7 + 1 + 6)] == ["a", "b", "f1", "q"]
    assert [k.key for k in fit(keys, 5)] == ["f1", "q"]  # never fewer than the essentials


async def test_a_screens_own_css_does_not_reach_the_others(open_app, seeded_repo):
    """The session screen's style for its note field must not restyle the day dialog's."""

    async def day_note_box(pilot) -> tuple[Spacing, Region]:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)
        note = pilot.app.screen.query_one("#note", Input)
        box = (note.styles.margin, note.region)
        await pilot.press("escape")
        await pilot.pause()
        return box

    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        before = await day_note_box(pilot)
        await pilot.press("s")  # loads the session screen's CSS
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await go(pilot, "c", CalendarScreen)
        assert await day_note_box(pilot) == before
        assert before[0].top == 1  # a blank line between the heading and the field


BOUND: list[type[DOMNode]] = [
    ScalpApp,
    CalendarScreen,
    SessionScreen,
    SetupScreen,
    DayScreen,
    HistoryScreen,
    MonthGrid,
]


async def test_every_key_shows_as_textual_shows_it_without_the_unicode_name_table(
    open_app, seeded_repo, monkeypatch
):
    import textual.app
    from textual.app import App as TextualApp
    from textual.binding import Binding

    looked_up: list[str] = []
    original = textual.app.format_key  # type: ignore[attr-defined]

    def spy(key: str) -> str:
        looked_up.append(key)
        return original(key)

    monkeypatch.setattr(textual.app, "format_key", spy)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert set(looked_up) == {"p"}  # ctrl+p, the palette's key, is Textual's to show
        bindings = [b for node in BOUND for b in node.BINDINGS if isinstance(b, Binding)]
        assert len(bindings) > 30
        for binding in [*bindings, Binding("question_mark", "x"), Binding("shift+tab", "x")]:
            assert app.get_key_display(binding) == TextualApp.get_key_display(app, binding)


async def test_a_dialog_shows_its_own_keys_not_those_of_the_screen_under_it(open_app, seeded_repo):
    """The day dialog and Help left the calendar's key bar showing ("Open day", "Today"),
    keys that do nothing while a dialog is open."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        for key in ("enter", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, (DayScreen, HelpScreen))
            assert footer_keys(app) == ["Close"]
            bottom = screen_lines(app)[-1]
            assert bottom.startswith("esc Close") and "Open day" not in bottom
            await pilot.press("escape")
            await pilot.pause()
        app.push_screen(confirm("Really?", "A question.", yes="Go", no="Stay"))
        await pilot.pause()
        assert footer_keys(app) == ["Go", "Stay"]
        x = bar_text(app).index("n Stay")
        await pilot.click(KeyFooter, offset=(x, 0))  # a click answers, as the key would
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
