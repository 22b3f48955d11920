"""The attacker's paths through the command line (issue 21, cases 14, 15 and 17).

Each test runs the real ``main`` and asserts what a user sees: the exit status, one
``scalp-tui: error:`` line and no traceback, and the database byte for byte where nothing
should be written.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.session import GuidedSession, SessionConfig
from scalp_tui.domain.settings import Settings
from scalp_tui.factory import open_repository
from scalp_tui.sample import SAMPLE_NOW, seed_sample

NOW = SAMPLE_NOW

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
    """The sample user's database (tests/conftest's seeded_repo, without importing it)."""
    path = tmp_path / "data" / "scalp.json"
    seed_sample(open_repository(path))
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
    line = the_error_line(err)
    assert f"{db}: active_session record 1 (id 'in-progress'): {field}: must be a finite" in line
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
