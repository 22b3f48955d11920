"""Pilot tests of the history: edit, delete with confirmation, undo; each checked on disk."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from scalp_tui.actions import log_session
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.history import EditSession, HistoryScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.conftest import TODAY

SIZE = (100, 32)


def fresh(repo: Repository) -> Repository:
    """Read back from the file, not from this process's memory."""
    from scalp_tui.factory import open_repository

    return open_repository(repo.path)


async def test_history_lists_every_session_newest_first(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 11
        first = [str(c) for c in table.get_row_at(0)]
        assert first[:2] == ["Fri 2026-11-20", "for Sun 22 Nov"]
        assert first[-1] == "two days early"
        counted = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "extra" in counted and "for Sun 18 Oct" in counted


async def test_edit_note_and_redness(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
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


async def test_an_overlong_note_is_refused_inline(app_factory, seeded_repo):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-note", Input).value = "x" * 2001  # the cap of the CLI too
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditSession)
        assert "at most 2000" in str(app.screen.query_one("#edit-error").render())
    assert fresh(seeded_repo).sessions()[-1].note == "two days early"


async def test_delete_asks_then_undo_restores_session_and_checklist(app_factory, seeded_repo):
    record = log_session(seeded_repo, TODAY, TODAY, note="today's")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
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
        await pilot.press("u")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 12
    on_disk = fresh(seeded_repo)
    assert record in on_disk.sessions()
    assert [c.session_id for c in on_disk.checklists()] == [record.id]
