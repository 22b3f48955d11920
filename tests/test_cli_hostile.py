"""The attacker's paths through the command line (issue 21, cases 14, 15 and 17).

Each test runs the real ``main`` and asserts what a user sees: the exit status, one
``scalp-tui: error:`` line and no traceback, and the database byte for byte where nothing
should be written.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig
from scalp_tui.factory import open_repository
from tests.fixed import NOW, seed_plan_and_history

#: Every command a user may run on a database (``plan`` and ``log`` write).
COMMANDS = [
    ("status",),
    ("status", "--json"),
    ("status", "--short"),
    ("remind", "--print"),
    ("export", "json"),
    ("export", "csv"),
    ("export", "ics"),
    ("log",),
    ("plan", "--start", "2026-12-06"),
]


def run(db: Path, *args: str, clock: FakeClock | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=clock or FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def the_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scalp-tui: error: "), err
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The sample user's database, as a path (the ``seeded_repo`` fixture is a repository)."""
    path = tmp_path / "data" / "scalp.json"
    seed_plan_and_history(open_repository(path))
    return path


def edit(db: Path, change: Any) -> bytes:
    """Change the file as another program would; returns its new bytes."""
    data = json.loads(db.read_bytes())
    change(data)
    db.write_text(json.dumps(data))
    return db.read_bytes()


def save_a_session_in_progress(db: Path) -> None:
    clock = FakeClock(NOW)
    run_ = GuidedSession(SessionConfig.from_settings(Settings(), 0.5), clock, "in-progress")
    run_.confirm_safety(NOW)
    run_.next()
    clock.advance(4)
    open_repository(db).save_active_session(run_.snapshot(NOW))


# -- case 15: values Python reads and JSON cannot hold --------------------------------------
def _nan_in_an_unknown_field(data: dict[str, Any]) -> None:
    data["plans"]["1"]["comment"] = float("nan")


def _infinity_in_an_unknown_field(data: dict[str, Any]) -> None:
    data["settings"]["1"]["volume"] = float("-inf")


@pytest.mark.parametrize("change", [_nan_in_an_unknown_field, _infinity_in_an_unknown_field])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_nan_anywhere_is_refused_on_load_not_at_the_first_write(
    db: Path, change: Any, command: tuple[str, ...]
) -> None:
    """Python's JSON reads NaN and Infinity; the file cannot be written back with them. Every
    command used to read it fine and every write died with ValueError (exit 1)."""
    before = edit(db, change)
    code, out, err = run(db, *command)
    assert code == 3, err
    line = the_error_line(err)
    assert f"{db}: not valid JSON" in line and "is not a JSON number" in line
    assert "--start-fresh" in line
    assert out == ""
    assert db.read_bytes() == before


def test_a_float_too_big_for_a_float_is_refused_on_load(db: Path) -> None:
    """1e999 reads as an infinity: refused where it is read, as NaN is."""
    text = db.read_text().replace('"needle_mm": 0.5', '"needle_mm": 1e999', 1)
    db.write_text(text)
    code, _, err = run(db, "log")
    assert code == 3
    assert "the number 1e999 is too big" in the_error_line(err)
    assert db.read_text() == text


@pytest.mark.parametrize("field", ["step_elapsed"])
@pytest.mark.parametrize("command", [*COMMANDS, ("--start-fresh", "status")], ids=" ".join)
def test_a_401_digit_integer_in_the_session_in_progress_is_a_bad_record(
    db: Path, field: str, command: tuple[str, ...]
) -> None:
    """It overflowed every float conversion: every command, --start-fresh included, died
    with OverflowError. Now it is a record the domain refuses: exit 3 naming it, and
    --start-fresh moves the file aside."""
    save_a_session_in_progress(db)
    before = edit(db, lambda data: data["active_session"]["1"].update({field: 10**400}))
    code, _out, err = run(db, *command)
    if command[0] == "--start-fresh":
        assert code == 0, err
        assert "moved the broken database aside" in err
        (moved,) = db.parent.glob("scalp.json.corrupt-*")
        assert moved.read_bytes() == before
        return
    assert code == 3, err
    record = f"active_session record 1 (id 'in-progress'): {field}: must be a finite"
    if command[0] == "export":  # what can be read goes out; the record left out is named
        warning, line = err.splitlines()
        assert warning == f"scalp-tui: warning: left out of the export: {record} number, " + (
            f"at least 0, not {str(10**400)[:59]}…"
        )
        assert line.startswith(f"scalp-tui: error: {db}: holds 1 record scalp-tui refuses")
    else:
        assert f"{db}: {record}" in the_error_line(err)
    assert db.read_bytes() == before


# -- case 17: read-only commands create nothing; output never carries a terminal control ----
READ_ONLY = [
    ("status",),
    ("status", "--json"),
    ("status", "--short"),
    ("remind", "--print"),
    ("export", "json"),
    ("export", "csv"),
    ("export", "ics"),
]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_read_only_command_creates_no_folder(tmp_path: Path, command: tuple[str, ...]) -> None:
    """``status`` on a database in folders that do not exist made them (0755)."""
    db = tmp_path / "not" / "yet" / "scalp.json"
    code, _out, err = run(db, *command)
    assert code == 0, err
    assert list(tmp_path.iterdir()) == []


def test_the_first_write_makes_every_missing_folder_private(tmp_path: Path) -> None:
    db = tmp_path / "not" / "yet" / "scalp.json"
    code, _out, err = run(db, "log")
    assert code == 0, err
    for folder in (tmp_path / "not", tmp_path / "not" / "yet"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_export_json_escapes_c1_and_bidi_controls_and_keeps_the_value(db: Path) -> None:
    """JSON escapes only C0 controls: a C1 CSI (U+009B) or a bidi override in a note went to
    the terminal raw with ``export json``. Now escaped, as the same JSON value."""
    note = "a\x9b2J b\u202ec \x7f d\u2028e"
    edit(db, lambda data: data["sessions"]["1"].update(note=note))
    code, out, err = run(db, "export", "json")
    assert code == 0, err
    assert not set(out) & set("\x7f\x9b\u202e\u2028")
    assert "a\\u009b2J b\\u202ec \\u007f d\\u2028e" in out
    assert note in [s["note"] for s in json.loads(out)["sessions"]]


def test_output_its_encoding_cannot_write_exits_3(db: Path) -> None:
    """An output whose encoding cannot hold the text is an output that could not be
    written (exit 3), not bad input (it was exit 2)."""
    edit(db, lambda data: data["sessions"]["1"].update(note="café"))
    before = db.read_bytes()
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    err = io.StringIO()
    code = main(["--db", str(db), "export", "json"], clock=FakeClock(NOW), stdout=out, stderr=err)
    assert code == 3
    line = the_error_line(err.getvalue())
    assert "cannot write to standard output: its encoding (ascii) has no '\\xe9'" in line
    assert "PYTHONIOENCODING=utf-8" in line
    assert db.read_bytes() == before


# -- case 14: what any clock wrote can be read, exported and imported ----------------------
AHEAD = FakeClock(dt.datetime(2127, 3, 1, 9, 0, tzinfo=dt.UTC))  # over 100 years ahead
TWO_YEARS_AHEAD = FakeClock(dt.datetime(2028, 12, 1, 9, 0, tzinfo=dt.UTC))


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_session_logged_under_a_clock_100_years_ahead_still_loads(
    db: Path, command: tuple[str, ...]
) -> None:
    """Once the clock was right again, every command exited 3 ("more than 100 years
    ahead"), export included, and only --start-fresh was offered."""
    assert run(db, "log", clock=AHEAD)[0] == 0
    code, _out, err = run(db, *command)
    assert code == 0, err


def test_a_plan_started_two_years_ahead_under_a_wrong_clock_exports_a_backup_import_takes(
    db: Path, tmp_path: Path
) -> None:
    """Its backup was refused by import ("more than a year ahead")."""
    assert run(db, "plan", "--start", "2029-06-03", clock=TWO_YEARS_AHEAD)[0] == 0
    backup = tmp_path / "backup.json"
    code, _out, err = run(db, "export", "json", "-o", str(backup))
    assert code == 0, err
    fresh = tmp_path / "fresh.json"
    code, _out, err = run(fresh, "import", str(backup))
    assert code == 0, err
    again = json.loads(run(fresh, "export", "json")[1])
    assert again == json.loads(backup.read_bytes())  # exported_at: the same fixed clock
    assert "2029-06-03" in [plan["start"] for plan in again["plans"]]


def test_a_plan_start_over_a_year_ahead_is_still_refused_as_input(db: Path) -> None:
    before = db.read_bytes()
    code, _out, err = run(db, "plan", "--start", "2029-06-03")
    assert code == 2
    assert "more than a year ahead" in the_error_line(err)
    assert db.read_bytes() == before


def test_a_clock_past_the_last_date_a_record_may_hold_is_refused(db: Path) -> None:
    """A clock set to 9999-12-31 overflowed the status's date arithmetic (a traceback)."""
    before = db.read_bytes()
    end_of_time = FakeClock(dt.datetime(9999, 12, 31, 9, 0, tzinfo=dt.UTC))
    for command in COMMANDS:
        code, _out, err = run(db, *command, clock=end_of_time)
        assert code == 2, command
        assert "the system clock says 9999-12-31" in the_error_line(err)
    assert db.read_bytes() == before


def _redness_99(data: dict[str, Any]) -> None:
    data["sessions"]["3"]["redness"] = 99


def _two_sessions_one_id(data: dict[str, Any]) -> None:
    data["sessions"]["5"]["id"] = data["sessions"]["4"]["id"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_redness_99, "sessions record 3 (id 'sample-2'): redness: must be 0-3 (0 none ... 3 "
         "pain or bleeding) or empty, not 99"),
        (_two_sessions_one_id, "a second session with the id 'sample-3'"),
    ],
)  # fmt: skip
def test_a_refused_database_exports_what_it_can_read_and_names_what_it_left_out(
    db: Path, tmp_path: Path, change: Any, named: str
) -> None:
    """Only --start-fresh (all history moved aside) was offered; now the export holds every
    other record, says which it left out, exits 3, and imports."""
    before = edit(db, change)
    code, out, err = run(db, "export", "json")
    assert code == 3
    warning, error = err.splitlines()
    assert warning == f"scalp-tui: warning: left out of the export: {named}"
    assert error.startswith(f"scalp-tui: error: {db}: holds 1 record scalp-tui refuses, left out")
    assert "--start-fresh" in error
    assert db.read_bytes() == before
    exported = json.loads(out)
    kept = json.loads(before)["sessions"]
    assert len(exported["sessions"]) == len(kept) - 1
    assert len(exported["plans"]) == 1 and exported["settings"]["disclaimer_seen"] is True
    backup = tmp_path / "salvaged.json"
    backup.write_text(out)
    code, _, err = run(tmp_path / "fresh.json", "import", str(backup))
    assert code == 0, err


def test_a_database_that_is_not_json_exports_nothing(db: Path) -> None:
    db.write_text('{"_meta": ')
    code, out, err = run(db, "export", "json")
    assert code == 3 and out == ""
    assert f"{db}: not valid JSON" in the_error_line(err)


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """The import limit made small: the same rule as at 50 MB, in a test's time."""
    from scalp_tui.store import backup

    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 40_000)
    return 40_000


def compact_backup(sessions: int) -> bytes:
    docs = [
        {
            "id": f"s{i}",
            "date": (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat(),
            "status": "completed",
            "source": "log",
            "needle_mm": 0.5,
            "zones": ["top"],
            "directions": ["front to back"],
        }
        for i in range(sessions)
    ]
    obj = {"format": "scalp-tui-backup", "schema_version": 2, "settings": {}, "plans": [],
           "sessions": docs, "checklists": []}  # fmt: skip
    return json.dumps(obj, separators=(",", ":")).encode()


def test_every_backup_import_takes_exports_a_backup_it_takes_again(
    tmp_path: Path, small_limit: int
) -> None:
    """A 49.8 MB backup imported, and the export of the result (74 MB) could not be: the
    limit is now measured on what the restored database exports."""
    taken = refused = 0
    for sessions in range(100, 400, 7):
        source = tmp_path / f"in-{sessions}.json"
        source.write_bytes(compact_backup(sessions))
        if source.stat().st_size > small_limit:
            break
        fresh = tmp_path / f"db-{sessions}.json"
        code, _out, err = run(fresh, "import", str(source))
        if code != 0:
            assert code == 2
            assert "it would export a backup of" in the_error_line(err)
            assert not fresh.exists()
            refused += 1
            continue
        taken += 1
        exported = tmp_path / f"out-{sessions}.json"
        assert run(fresh, "export", "json", "-o", str(exported))[0] == 0
        code, _out, err = run(tmp_path / f"again-{sessions}.json", "import", str(exported))
        assert code == 0, (sessions, exported.stat().st_size, err)
    assert taken and refused  # both sides of the limit were tried
