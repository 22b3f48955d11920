"""The database replaced under a running app by one it refuses (issue 21, case 12).

A newer scalp-tui migrated it, or another program wrote it: pressing ``h`` ended the app with
a ``NewerDatabase`` traceback. Every read after start-up now says which file and what is
wrong, once, keeps showing what the file held before, and nothing is ever written to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from scalp_tui.ui.screens.history import HistoryScreen
from tests.pilots import SIZE, Said, go


def replace_file(path: Path, change: Any) -> bytes:
    """Another program writes the file: a new inode, as a newer scalp-tui's write makes."""
    data = json.loads(path.read_bytes())
    change(data)
    fresh = path.with_name("other-program.json")
    fresh.write_text(json.dumps(data))
    fresh.replace(path)
    return path.read_bytes()


def newer_schema(data: dict[str, Any]) -> None:
    data["_meta"]["1"]["schema_version"] = 99


def bad_record(data: dict[str, Any]) -> None:
    data["sessions"]["3"]["redness"] = 99


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (newer_schema, "written by a newer scalp-tui (schema version 99"),
        (bad_record, "sessions record 3 (id 'sample-2'): redness: must be 0-3"),
    ],
)
async def test_a_refused_file_is_said_once_and_the_screens_keep_what_they_showed(
    open_app, seeded_repo, change: Any, said: str
) -> None:
    path = seeded_repo.path
    heard = Said()
    async with open_app(size=SIZE, message_hook=heard) as (app, pilot):
        await pilot.pause()
        before = replace_file(path, change)
        await go(pilot, "h", HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 11  # what it held before
        await pilot.press("c", "h", "l", "c")
        await pilot.pause()
        said_now = [m for m in heard.titled if said in m]
        assert len(said_now) == 1, heard.titled
        assert said_now[0].startswith("Database cannot be read: ")
        assert str(path) in said_now[0] and "Nothing is saved" in said_now[0]
    assert app.return_code in (None, 0)
    assert path.read_bytes() == before


@pytest.mark.parametrize("change", [newer_schema, bad_record])
async def test_nothing_is_written_to_a_refused_file(open_app, seeded_repo, change: Any) -> None:
    """A write after the file was replaced says it is not saved and writes nothing: not even
    a record the app refuses kept as it was beside the change."""
    path = seeded_repo.path
    heard = Said()
    async with open_app(size=SIZE, message_hook=heard) as (app, pilot):
        await pilot.pause()
        before = replace_file(path, change)
        app.replace_roller("y")  # the palette's "Replaced the roller today", answered yes
        await pilot.pause()
        assert any("Not saved" in m and str(path) in m for m in heard.titled), heard.titled
    assert app.return_code in (None, 0)
    assert path.read_bytes() == before


async def test_reads_work_again_once_the_file_is_put_back(open_app, seeded_repo) -> None:
    path = seeded_repo.path
    good = path.read_bytes()
    heard = Said()
    async with open_app(size=SIZE, message_hook=heard) as (app, pilot):
        await pilot.pause()
        replace_file(path, newer_schema)
        await pilot.press("h")
        await pilot.pause()
        path.with_name("put-back.json").write_bytes(good)
        path.with_name("put-back.json").replace(path)
        app.replace_roller("y")
        await pilot.pause()
        assert any("Roller use count starts again" in m for m in heard.titled), heard.titled
    assert app.return_code in (None, 0)
    assert path.read_bytes() != good
