"""Abuse: thousands of random keys, cramped terminals, NO_COLOR, unicode and long notes."""

from __future__ import annotations

import os
import random
from typing import Any, NamedTuple

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Static

from scalp_tui.actions import log_session
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.ui.app import ScalpApp
from scalp_tui.ui.screens.calendar import CalendarScreen
from scalp_tui.ui.screens.checklist import ChecklistScreen
from scalp_tui.ui.screens.day import DayScreen
from scalp_tui.ui.screens.help import HelpScreen
from scalp_tui.ui.screens.history import HistoryScreen
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.screens.setup import SetupScreen
from scalp_tui.ui.screens.too_small import TooSmallScreen
from tests.fixed import TODAY, seed_plan_and_history
from tests.pilots import go, opened, screen_lines, text_of, widget_lines

PUNCTUATION = {
    " ": "space", "?": "question_mark", ".": "full_stop", ",": "comma", "-": "minus",
    "/": "slash",
}  # fmt: skip
# (key, character); pilot.press takes the key names.
KEYS: list[tuple[str, str | None]] = [
    *((c, c) for c in "abcdefghijkmnoprstuvwxyz0123456789"),
    *((name, char) for char, name in PUNCTUATION.items()),
    ("enter", "\r"), ("escape", "\x1b"), ("tab", "\t"), ("backspace", "\x7f"),
    ("up", None), ("down", None), ("left", None), ("right", None), ("pageup", None),
    ("pagedown", None), ("home", None), ("end", None), ("shift+tab", None), ("delete", None),
    ("ctrl+s", None), ("ctrl+p", None), ("f1", None),
]  # fmt: skip
# Never q / ctrl+q / ctrl+c: quitting would end the run, not test it.
START_KEYS = {
    "welcome": (),
    "calendar": (),
    "session": ("s",),
    "checklist": ("l",),
    "history": ("h",),
    "help": ("f1",),
}
#: Random keys per starting screen: a short seeded run (25) in `make test`, 350 (2,100 in all) in
#: `make soak` (SCALP_TUI_MONKEY_PRESSES).
PRESSES = int(os.environ.get("SCALP_TUI_MONKEY_PRESSES", "25"))


@pytest.mark.parametrize("start", list(START_KEYS))
async def test_random_keys_never_crash_and_the_database_still_loads(
    open_app, repo, clock, db_path, tmp_path, monkeypatch, start
):
    monkeypatch.setenv("HOME", str(tmp_path))  # an export the monkey triggers lands here
    if start != "welcome":
        seed_plan_and_history(repo)
        log_session(repo, TODAY, TODAY, note="open cleaning")
    rng = random.Random(f"monkey-{start}")
    async with open_app(size=(100, 32)) as (app, pilot):
        await pilot.pause()
        await pilot.press(*START_KEYS[start])
        for i in range(0, PRESSES, 10):
            clock.advance(rng.uniform(0, 40))  # let session timers run out too
            keys = [rng.choice(KEYS)[0] for _ in range(10)]
            await pilot.press(*keys)
            assert app.is_running, f"the app stopped after {i} keys: {keys}"
        await pilot.pause()
        assert app.is_running
    assert app.return_code in (None, 0)
    open_repository(db_path).check()  # every record still loads


class Reached(NamedTuple):
    """The keys pressed on the calendar, the screen they reach, and for a session its step."""

    keys: tuple[str, ...]
    screen: type[Screen[Any]]
    step: StepKind | None = None


SCREENS = {
    "calendar": Reached((), CalendarScreen),
    "day": Reached(("enter",), DayScreen),
    "session-safety": Reached(("s",), SessionScreen, StepKind.SAFETY),
    "session-pass": Reached(("s", "y", "n"), SessionScreen, StepKind.PASS),
    # wet hair, 5 passes and 4 moves between them, the serum: the finish
    "session-end": Reached(("s", "y", *"n" * 11), SessionScreen, StepKind.FINISH),
    "checklist": Reached(("l",), ChecklistScreen),
    "history": Reached(("h",), HistoryScreen),
    "help": Reached(("f1",), HelpScreen),
}


def where(app: ScalpApp) -> tuple[type[Screen[Any]], StepKind | None]:
    """The screen shown, and the session's step if it is the session."""
    run = app.session_screen.run if isinstance(app.screen, SessionScreen) else None
    return type(app.screen), run.step.kind if run is not None else None


@pytest.mark.parametrize("size", [(80, 24), (50, 16)], ids=["80x24", "50x16"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_survives_small_terminals(open_app, seeded_repo, screen, size):
    reached = SCREENS[screen]
    async with open_app(size=(100, 32)) as (app, pilot):
        await pilot.pause()
        await pilot.press(*reached.keys)
        await pilot.pause()
        assert where(app) == (reached.screen, reached.step)
        view = app.screen
        await pilot.resize_terminal(*size)
        await pilot.pause()
        if size == (50, 16):
            assert isinstance(app.screen, TooSmallScreen)
            message = text_of(app, "#too-small-message")
            assert "enlarge the terminal to at least 64x20" in message
            await pilot.resize_terminal(100, 32)
            await pilot.pause()
        assert app.screen is view and where(app) == (reached.screen, reached.step)
        assert app.is_running


async def test_setup_at_80x24_and_too_small(open_app):
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.pause()
        setup = await go(pilot, "enter", SetupScreen)
        # At 80x24 the form's first fields show whole, and the save key is on the key bar.
        lines = screen_lines(app)
        assert len(lines) == 24
        for label in ("Plan start", "Needle length", "Preset", "Zones", "Seconds per pass"):
            assert any(line.startswith(f"  {label}") for line in lines), label
        assert TODAY.isoformat() in lines[2] and "0.5 mm" in "\n".join(lines)
        assert lines[-1].startswith("^s Save esc Cancel")
        assert setup.query_one("#needle_mm").region.right <= 80
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen_stack[-1] is setup  # the form again, as it was


async def test_no_color_is_honoured(open_app, seeded_repo, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    async with open_app(size=(100, 32)) as (app, pilot):
        await pilot.pause()
        assert app.no_color  # Textual's monochrome filter is on
        svg = app.export_screenshot()
    assert "✓" in svg and "✗" in svg and "○" in svg  # states still read by their symbols


async def test_unicode_and_long_notes(seeded_repo, clock, db_path):
    long_note = "Kopfhaut leicht gerötet — 头皮 🙂 " * 15
    log_session(seeded_repo, TODAY, TODAY, note=long_note[:500], redness=1)
    log_session(seeded_repo, TODAY, TODAY, note="Ünïcödé ✓\ttab and ‘quotes’")
    async with opened(open_repository(db_path), clock, size=(80, 24)) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        notes = {str(table.get_row_at(i)[-1]) for i in range(table.row_count)}
        shown = [n for n in notes if n.startswith(long_note[:12])]  # its start, as fits
        assert len(shown) == 1 and shown[0].endswith("…")  # e and the day show it whole
        await pilot.press("c", "enter")  # today's day dialog lists both notes
        await pilot.pause()
        summary = text_of(app, "#day-summary")
        assert "Ünïcödé ✓" in summary and "头皮" in summary
    stored = {s.note for s in open_repository(db_path).sessions()}
    assert long_note[:500].strip() in stored


async def test_page_keys_before_a_list_is_laid_out_do_not_crash():
    """The guard of scalp_tui.ui.textual_fixes (Textual 8.2.8's OptionList._move_page)."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    import scalp_tui.ui.app  # noqa: F401  (applies the guard)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList("a", "b", "c")

    app = Bare()
    async with app.run_test(size=(40, 10)) as pilot:
        options = app.query_one(OptionList)
        options.styles.display = "none"  # never laid out: no content region
        await pilot.pause()
        options._move_page(1)  # raised KeyError before the guard
        assert app.is_running


@pytest.mark.parametrize("size", [(80, 24), (64, 20), (120, 40)])
async def test_the_not_medical_advice_notice_reads_whole_at_any_size(open_app, size):
    from rich.text import Text

    from scalp_tui.ui.screens.welcome import DISCLAIMER

    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        box = app.screen.query_one("#disclaimer", Static)
        assert box.region.right <= size[0]
        lines = widget_lines(box)
        shown = " ".join(" ".join(lines).replace("│", " ").split())
        assert " ".join(Text.from_markup(DISCLAIMER).plain.split()) in shown
