"""No value can brick the data: refused on import (exit 2), on load (exit 3), on input (exit 2).

Each hostile value here once passed, was written, and then crashed History, ``status`` or the
CSV export at every run.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.store.repository import Repository
from tests.fixed import NOW


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def backup(seeded_repo: Repository, db_path: Path) -> dict[str, Any]:
    code, out, _ = run(db_path, "export", "json")
    assert code == 0
    parsed: dict[str, Any] = json.loads(out)
    return parsed


# (where, field, value, what the message names)
BAD_SESSION_FIELDS = [
    ("redness", 99, "redness"),
    ("redness", True, "redness"),
    ("zones", "crown", "zones"),
    ("zones", [], "zones"),
    ("zones", ["top", ""], "zones"),
    ("directions", [3], "directions"),
    ("needle_mm", "NaN", "needle_mm"),
    ("needle_mm", 0.6, "needle_mm"),
    ("started_at", "2026-10-04T09:00:00", "started_at"),  # naive
    ("date", "9999-12-31", "date"),
    ("date", "0001-01-01", "date"),
    ("date", "2026-02-30", "date"),
    pytest.param("note", "x" * 2001, "note", id="note-2001-chars"),
    ("status", "finished", "status"),
    ("id", "", "id"),
]


@pytest.mark.parametrize(("field", "value", "named"), BAD_SESSION_FIELDS)
def test_an_import_with_a_bad_session_value_is_refused_whole(
    backup: dict[str, Any], tmp_path: Path, field: str, value: object, named: str
) -> None:
    db = tmp_path / "fresh.json"
    bad = copy.deepcopy(backup)
    bad["sessions"][3][field] = value
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad))
    code, _, err = run(db, "import", str(source))
    assert code == 2
    assert err.startswith("scalp-tui: error: ") and err.count("\n") == 1
    assert "sessions[3]" in err and named in err
    assert not db.exists()  # nothing written


@pytest.mark.parametrize(
    ("part", "change", "named"),
    [
        ("plans", {"start": "0001-01-01"}, "start"),
        ("plans", {"weekdays": [1, 1]}, "weekdays"),
        ("plans", {"needle_mm": float("inf")}, "needle_mm"),
        ("checklists", {"ticks": {"alcohol": "2026-10-04T10:00:00"}}, "timezone"),
        ("checklists", {"ticks": {"soap": "2026-10-04T10:00:00+00:00"}}, "unknown item"),
    ],
)
def test_an_import_with_a_bad_plan_or_checklist_is_refused(
    backup: dict[str, Any], tmp_path: Path, part: str, change: dict[str, object], named: str
) -> None:
    bad = copy.deepcopy(backup)
    if part == "checklists" and not bad["checklists"]:
        bad["checklists"].append({"session_id": bad["sessions"][0]["id"], "session_date":
                                  bad["sessions"][0]["date"], "ticks": {}})  # fmt: skip
    bad[part][0].update(change)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad))
    db = tmp_path / "fresh.json"
    code, _, err = run(db, "import", str(source))
    assert code == 2
    assert f"{part}[0]" in err and named in err
    assert not db.exists()


def test_settings_of_the_wrong_type_are_refused(backup: dict[str, Any], tmp_path: Path) -> None:
    bad = copy.deepcopy(backup)
    bad["settings"]["confident"] = "false"  # would have read as True
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad))
    code, _, err = run(tmp_path / "fresh.json", "import", str(source))
    assert code == 2 and "confident" in err


@pytest.mark.parametrize(("field", "value", "named"), BAD_SESSION_FIELDS)
def test_a_database_holding_a_bad_value_is_refused_with_exit_3_and_kept(
    seeded_repo: Repository, db_path: Path, field: str, value: object, named: str
) -> None:
    data = json.loads(db_path.read_bytes())
    first = sorted(data["sessions"])[0]
    data["sessions"][first][field] = value
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    for command in (["status"], ["log"]):
        code, _out, err = run(db_path, *command)
        assert code == 3, command
        assert err.startswith(f"scalp-tui: error: {db_path}: sessions record")
        assert named in err and "--start-fresh" in err
        assert db_path.read_bytes() == before
    # An export writes what it can read and names the record it left out (issue 21, case 14).
    code, out, err = run(db_path, "export", "csv")
    assert code == 3
    warning, error = err.splitlines()
    assert warning.startswith("scalp-tui: warning: left out of the export: sessions record")
    assert named in warning
    assert (
        error.startswith(f"scalp-tui: error: {db_path}: holds 1 record")
        and "--start-fresh" in error
    )
    assert len(out.splitlines()) == 1 + len(data["sessions"]) - 1  # the header, the others
    assert db_path.read_bytes() == before


def test_start_fresh_moves_a_database_with_a_bad_record_aside(
    seeded_repo: Repository, db_path: Path
) -> None:
    data = json.loads(db_path.read_bytes())
    data["sessions"][sorted(data["sessions"])[0]]["redness"] = 99
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    code, _out, err = run(db_path, "--start-fresh", "status")
    assert code == 0, err
    assert "moved the broken database aside" in err  # a note on stderr: stdout stays data
    (moved,) = db_path.parent.glob("scalp.json.corrupt-*")
    assert moved.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--start", "0001-01-01"),
        ("plan", "--start", "1969-12-31"),
        ("plan", "--start", "2027-11-24"),  # a year and a day ahead of 2026-11-23
        ("log", "--note", "x" * 2001),
        ("log", "--date", "1969-12-31"),
    ],
)
def test_cli_input_out_of_range_exits_2_and_writes_nothing(
    seeded_repo: Repository, db_path: Path, args: tuple[str, ...]
) -> None:
    before = db_path.read_bytes()
    code, _, err = run(db_path, *args)
    assert code == 2, err
    assert err.startswith("scalp-tui: error: ") and err.count("\n") == 1
    assert db_path.read_bytes() == before


def test_a_plan_a_year_ahead_and_a_2000_character_note_are_fine(db_path: Path) -> None:
    assert run(db_path, "plan", "--start", "2027-11-23")[0] == 0
    assert run(db_path, "log", "--note", "x" * 2000)[0] == 0
    repo_sessions = json.loads(db_path.read_bytes())["sessions"]
    assert [len(s["note"]) for s in repo_sessions.values()] == [2000]


def test_a_started_plan_keeps_its_dates(seeded_repo: Repository, db_path: Path) -> None:
    """Changing the preset or weekdays of a plan that has started needs a new start date;
    its needle may change in place (issue found by a new-user pass)."""
    before = db_path.read_bytes()
    code, _, err = run(db_path, "plan", "--start", "2026-10-04", "--preset", "weekly")
    assert code == 2 and "has started" in err and "2026-11-23 or later" in err
    code, _, err = run(db_path, "plan", "--start", "2026-10-04", "--weekdays", "mon,thu")
    assert code == 2
    assert db_path.read_bytes() == before
    assert run(db_path, "plan", "--start", "2026-10-04", "--needle-mm", "0.75")[0] == 0
    assert run(db_path, "plan", "--start", "2026-11-23", "--preset", "weekly")[0] == 0
    plans = json.loads(db_path.read_bytes())["plans"].values()
    assert sorted((p["start"], p["preset"], p["needle_mm"]) for p in plans) == [
        ("2026-10-04", "ramp", 0.75),
        ("2026-11-23", "weekly", 0.75),
    ]
