"""Pilot tests of the history: edit, delete with confirmation, undo; each checked on disk."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App
from textual.widgets import DataTable, Input, Select

from scalp_tui.actions import log_session
from scalp_tui.domain.records import logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.history import EditSession, HistoryScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.fixed import TODAY
from tests.pilots import SIZE, go, screen_text, widget_lines


def fresh(repo: Repository) -> Repository:
    """Read back from the file, not from this process's memory."""
    from scalp_tui.factory import open_repository

    return open_repository(repo.path)


async def test_history_lists_every_session_newest_first(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await go(pilot, "h", HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 11
        first = [str(c) for c in table.get_row_at(0)]
        assert first[:2] == ["Fri 20 Nov", "for Sun 22 Nov"]  # the date family of every screen
        assert first[-1] == "two days early"
        counted = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "extra" in counted and "for Sun 18 Oct" in counted


async def test_edit_note_and_redness(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "e")  # Wed 18 Nov, "tingling", redness 2
        await pilot.pause()
        assert isinstance(app.screen, EditSession)
        app.screen.query_one("#edit-redness", Select).value = 1
        await pilot.press(*" then fine", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    edited = next(s for s in fresh(seeded_repo).sessions() if s.id == "sample-9")
    assert (edited.note, edited.redness) == ("tingling then fine", 1)


async def test_an_overlong_note_is_refused_inline(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-note", Input).value = "x" * 2001  # the cap of the CLI too
        await go(pilot, "enter", EditSession)
        assert "at most 2000" in str(app.screen.query_one("#edit-error").render())
    assert fresh(seeded_repo).sessions()[-1].note == "two days early"


def toasts(app: App[None]) -> str:
    """The notifications on screen now."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_delete_asks_then_undo_restores_session_and_checklist(open_app, seeded_repo):
    record = log_session(seeded_repo, TODAY, TODAY, note="today's")
    async with open_app(size=SIZE, notifications=True) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await go(pilot, "d", Choice)
        await pilot.press("n")  # keep
        await pilot.pause()
        assert len(fresh(seeded_repo).sessions()) == 12
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        on_disk = fresh(seeded_repo)
        assert record.id not in {s.id for s in on_disk.sessions()}
        assert on_disk.checklists() == []
        assert "Press u to undo" in toasts(app)
        await pilot.press("u")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 12
        shown = toasts(app)
        assert "Restored the session" in shown and "Press u to undo" not in shown
    on_disk = fresh(seeded_repo)
    assert record in on_disk.sessions()
    assert [c.session_id for c in on_disk.checklists()] == [record.id]


# -- issue 13: charts on their true scale, titles that fit, "1 zone" ---------------------------


def seed_rednesses(repo: Repository, rednesses: list[int], zones: tuple[str, ...] = ("top",)):
    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(dt.date(2026, 10, 4), 0.5, Preset.RAMP, (6, 2)))
        for i, redness in enumerate(rednesses):
            day = TODAY - dt.timedelta(days=len(rednesses) - i)
            repo.add_session(
                logged_session(
                    f"r{i}", day, needle_mm=0.5, zones=zones, directions=("x",), redness=redness
                )
            )


def chart_text(app: App[None], selector: str) -> str:
    chart = app.screen.query_one(selector)
    return "".join(widget_lines(chart)).strip()


@pytest.mark.parametrize(
    ("rednesses", "drawn"),
    [
        ([0], "▁"),  # "0 none": the lowest bar, not a full one
        ([1, 2, 1, 3], "▃▆▃█"),  # the 1s stand above 0, 3 is full
        ([3, 3], "██"),
        ([0, 0, 2], "▁▁▆"),
    ],
)
async def test_redness_is_drawn_on_its_0_to_3_scale(open_app, repo, rednesses, drawn):
    """Issue 13: the Sparkline scaled to the data: a single 0 drew a full bar, and 1, 2, 1, 3
    drew the 1s flat."""
    seed_rednesses(repo, rednesses)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert chart_text(app, "#redness") == drawn


async def test_sessions_a_week_are_drawn_from_zero(open_app, repo):
    """One session every week for 26 weeks: each week's bar stands half high (1 on 0-2), where
    a chart scaled to its data drew steady weeks as nothing."""
    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(dt.date(2026, 5, 31), 0.5, Preset.RAMP, (6, 2)))
        for k in range(26):
            day = TODAY - dt.timedelta(weeks=k)
            repo.add_session(
                logged_session(f"w{k}", day, needle_mm=0.5, zones=("top",), directions=("x",))
            )
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert chart_text(app, "#weeks") == "▅" * 26


@pytest.mark.parametrize("size", [(64, 20), (80, 24)])
async def test_chart_titles_are_shown_whole(open_app, seeded_repo, size):
    """Issue 13: the chart title was cut at 80 columns."""
    async with open_app(size=size) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        shown = screen_text(app)
        labels = [str(label.render()) for label in app.screen.query("#charts Label")]
        assert len(labels) >= 2 and all(labels)
        assert [label for label in labels if label not in shown] == []
        assert "Redness 0-3" in shown


async def test_one_zone_is_one_zone(open_app, repo):
    """Issue 13: "1 zones"."""
    seed_rednesses(repo, [0], zones=("crown",))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[3]) == "1 zone, 1 direction"  # not a known direction


async def test_the_directions_rolled_are_their_arrows(open_app, repo):
    """A new user's pass: a crosshatch session (four directions) said "5 zones, both ways"."""
    from scalp_tui.domain.settings import DIRECTION_PRESETS

    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(dt.date(2026, 10, 4), 0.5, Preset.RAMP, (6, 2)))
        for i, preset in enumerate(("crosshatch", "article")):
            directions = DIRECTION_PRESETS[preset]
            repo.add_session(
                logged_session(
                    f"d{i}", TODAY - dt.timedelta(days=i + 1), needle_mm=0.5,
                    zones=("top", "crown"), directions=directions,
                )
            )  # fmt: skip
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert [str(table.get_row_at(i)[3]) for i in (0, 1)] == ["2 zones ↓→↘↙", "2 zones ↓↑"]


async def test_at_64_columns_history_shows_what_fits_whole(open_app, seeded_repo):
    """Issue 13: every screen fits 64x20; History's seven columns did not (Redness was 'R')."""
    async with open_app(size=(64, 20)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == ["Date", "Counted", "Redness", "Note"]
        assert table.virtual_size.width <= table.size.width  # nothing off to the right
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == ["Date", "Counted", "Rolled", "Zones", "Redness", "Cleaning", "Note"]


async def test_at_80_and_120_columns_nothing_runs_off_to_the_right(open_app, seeded_repo):
    """At 80x24 the Note column was off screen (at 100 a note of 24 characters still fits)."""
    log_session(seeded_repo, TODAY, TODAY, note="a long note about the session " * 20)
    for size in ((80, 24), (120, 40)):
        async with open_app(size=size) as (app, pilot):
            await pilot.pause()
            await pilot.press("h")
            await pilot.pause()
            table = app.screen.query_one("#sessions", DataTable)
            assert table.virtual_size.width <= table.size.width, size


async def test_ctrl_s_saves_the_edit_or_says_why_not(open_app, seeded_repo):
    """A second new-user pass: ctrl+s in the edit dialog did nothing, not even with a note
    too long to keep (enter said why)."""
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "e")  # Wed 18 Nov, "tingling"
        await pilot.pause()
        assert isinstance(app.screen, EditSession)
        note = app.screen.query_one("#edit-note", Input)
        note.value = "x" * 2005
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#edit-error").render())
        assert "at most 2000" in error and isinstance(app.screen, EditSession)
        note.value = "tingling, then calm"
        await go(pilot, "ctrl+s", HistoryScreen)
    edited = next(s for s in fresh(seeded_repo).sessions() if s.id == "sample-9")
    assert edited.note == "tingling, then calm"


async def test_undo_goes_back_through_every_delete(open_app, seeded_repo):
    """Issue 21 case 4: d y, d y, d y, u u u restored one session; the dialog had said "You
    can undo it with u" each time."""
    before = fresh(seeded_repo).sessions()
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        for _ in range(3):
            await go(pilot, "d", Choice)
            await pilot.press("y")
            await pilot.pause()
        assert len(fresh(seeded_repo).sessions()) == len(before) - 3
        await pilot.press("u", "u")
        await pilot.pause()
        assert len(fresh(seeded_repo).sessions()) == len(before) - 1
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.check_action("undo", ()) is False  # nothing left to undo
    assert sorted(s.id for s in fresh(seeded_repo).sessions()) == sorted(s.id for s in before)


async def test_the_time_rolled_is_titled_rolled_and_leaves_out_the_night(open_app, seeded_repo):
    """Issue 21 case 3: a session quit at 19:00 and finished the next morning showed
    `840:46` under "Time"."""
    from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus

    start = dt.datetime(2026, 11, 22, 19, 0, tzinfo=dt.UTC)
    seeded_repo.add_session(
        SessionRecord(
            id="night", date=start.date(), started_at=start,
            ended_at=start + dt.timedelta(hours=14, seconds=46), status=SessionStatus.COMPLETED,
            source=SessionSource.TIMER, needle_mm=0.5, zones=("top",),
            directions=("front to back",), rolled_s=300.4,
        )
    )  # fmt: skip
    async with open_app(size=(120, 30)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[2] == "Rolled"
        assert str(table.get_row("night")[2]) == "5:00"


async def test_the_note_takes_the_width_the_other_columns_leave(open_app, seeded_repo):
    """Issue 21 case 22: at 120 columns the note was cut at 37 characters with 10+ free."""
    note = "a long note about how the session went, with the crown first " * 2
    log_session(seeded_repo, TODAY, TODAY, note=note)
    async with open_app(size=(120, 40)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        shown = str(table.get_row_at(0)[-1])
        assert len(shown) >= 40 and shown.endswith("…")
        assert table.virtual_size.width <= table.size.width  # and nothing off to the right
        assert table.size.width - table.virtual_size.width <= 4


async def test_at_80_columns_the_time_rolled_is_shown_and_at_64_a_long_note_ends_in_an_ellipsis(
    open_app, seeded_repo
):
    """A user's pass: History at 80x24 had no duration (the spec lists it), and at 64x20 the
    notes were cut mid-word with no "…" (the note column's minimum overflowed the table)."""
    log_session(seeded_repo, TODAY, TODAY, note="resumed the next morning after a late night")
    async with open_app(size=(80, 24)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == ["Date", "Counted", "Rolled", "Redness", "Note"]
        assert table.virtual_size.width <= table.size.width
    async with open_app(size=(64, 20)) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[-1]).endswith("…")
        assert table.virtual_size.width <= table.size.width
