"""The command line: plan, status, log; bad input exits 2 with one line and writes nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, seed_plan_and_history


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_plan_then_status_json(db_path):
    code, out, _ = run(db_path, "plan", "--start", "2026-12-06", "--weekdays", "sun,wed")
    assert code == 0
    assert "2026-12-06, 2026-12-13, 2026-12-20, 2026-12-27, 2027-01-03, 2027-01-06" in out
    code, out, _ = run(db_path, "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["today"] == "2026-11-23"
    assert status["next_session"] == "2026-12-06"
    assert status["phase"] is None  # the plan has not started yet
    assert status["due_today"] is False
    assert status["overdue"] == []
    assert status["cleaning_outstanding"] is False
    assert status["sessions_done"] == 0
    assert status["adherence_percent"] is None
    assert status["roller_uses"] == 0


def test_status_of_a_plan_under_way(repo: Repository, db_path):
    seed_plan_and_history(repo)
    code, out, _ = run(db_path, "status", "--json")
    status = json.loads(out)
    assert status["phase"] == "twice weekly"
    assert status["next_session"] == "2026-11-25"
    # 11 planned dates up to today: 10 kept (10-18 late, 11-22 early), 11-11 missed
    assert status["overdue"] == ["2026-11-11"]
    assert status["sessions_done"] == 11
    assert status["adherence_percent"] == 90.9
    assert status["streak"] == 3  # 11-15, 11-18, 11-22 since the miss
    assert status["roller_uses"] == 9  # since the roller's start, 2026-10-10
    code, out, _ = run(db_path, "status")
    assert code == 0
    # the calendar's review panel's words (status_words), with the year in every date
    assert out.splitlines() == [
        "Today      Mon 23 Nov 2026",
        "Phase      twice weekly",
        "Next       Wed 25 Nov, in 2 days",
        "This week  0 of 2 done",
        "Coming     Wed 25 Nov, Sun 29 Nov",
        "Adherence  90.9% (10 of 11)",
        "Streak     3",
        "Missed     Wed 11 Nov",
        "Cleaning   none recorded yet",  # the sample has only past logs
        "Roller     9 of 10 uses",
    ]
    assert "Overdue" not in out  # the window of 11-11 has passed: "Missed", as the calendar says


def test_status_says_overdue_with_the_last_day_that_still_counts(repo: Repository, db_path):
    # weekly from Thu 11-19: 11-19 not done, a session until Wed 11-25 still counts for it
    run(db_path, "plan", "--start", "2026-11-19", "--preset", "weekly")
    code, out, _ = run(db_path, "status")
    assert code == 0
    # "Overdue", as the calendar's legend says (! overdue); the window is still open.
    assert "Overdue    Thu 19 Nov, still counts until Wed 25 Nov" in out
    assert "Missed" not in out and "Late" not in out
    status = json.loads(run(db_path, "status", "--json")[1])
    assert status["overdue"] == ["2026-11-19"]  # the documented JSON key keeps both kinds


def test_status_says_a_date_once_with_a_count(repo: Repository, db_path):
    run(db_path, "log")
    run(db_path, "log")
    code, out, _ = run(db_path, "status")
    assert code == 0
    assert "Cleaning   open for Mon 23 Nov (2 sessions)" in out
    assert "Phase      no plan yet" in out


def test_import_counts_agree_with_their_nouns(repo: Repository, db_path, tmp_path):
    run(db_path, "plan", "--start", "2026-12-06")
    run(db_path, "log")
    backup = tmp_path / "backup.json"
    assert run(db_path, "export", "json", "-o", str(backup))[0] == 0
    code, out, _ = run(tmp_path / "other.json", "import", str(backup))
    assert code == 0
    assert f"Restored 1 session, 1 plan and 1 checklist from {backup}." in out


def test_log_records_a_session_and_opens_the_cleaning_checklist(repo: Repository, db_path):
    code, out, _ = run(db_path, "log", "--note", "quick one", "--redness", "1")
    assert code == 0 and "Logged a session on 2026-11-23" in out
    [session] = repo.sessions()
    assert (session.date.isoformat(), session.note, session.redness) == (
        "2026-11-23",
        "quick one",
        1,
    )
    assert session.source.value == "log" and session.status.value == "completed"
    status = json.loads(run(db_path, "status", "--json")[1])
    assert status["cleaning_outstanding"] is True
    # a session logged for a past day is history: no cleaning left open for it
    run(db_path, "log", "--date", "2026-11-20")
    assert len(repo.sessions()) == 2
    assert len(repo.checklists()) == 1


def test_plan_with_long_needles_on_the_ramp_warns_but_saves(repo: Repository, db_path):
    code, _, err = run(db_path, "plan", "--start", "2026-12-06", "--preset", "ramp",
                       "--needle-mm", "1.5")  # fmt: skip
    assert code == 0
    assert err.startswith("scalp-tui: warning:") and "at least a week apart" in err
    assert repo.plans()[0].needle_mm == 1.5


def test_needle_length_alone_picks_the_weekly_preset(repo: Repository, db_path):
    run(db_path, "plan", "--start", "2026-12-06", "--needle-mm", "1.0")
    assert repo.plans()[0].preset.value == "weekly"


BAD = [
    (["plan"], "required: --start"),
    (["plan", "--start", "2026-02-30"], "is not a date that exists"),
    (["plan", "--start", "06/12/2026"], "is not a date that exists"),
    (["plan", "--start", "2026-12-06", "--preset", "daily"], "invalid choice"),
    (["plan", "--start", "2026-12-06", "--needle-mm", "2"], "needle length must be one of"),
    (["plan", "--start", "2026-12-06", "--weekdays", "sun"], "two days"),
    (["plan", "--start", "2026-12-06", "--weekdays", "sun,sun"], "two different weekdays"),
    (["plan", "--start", "2026-12-06", "--weekdays", "sun,xyz"], "unknown weekday"),
    (["plan", "--start", "20261206"], "is not a date that exists (use YYYY-MM-DD)"),
    (["plan", "--start", "2026-W49-7"], "is not a date that exists (use YYYY-MM-DD)"),
    (["log", "--date", "20261120"], "is not a date that exists (use YYYY-MM-DD)"),
    (["log", "--date", "2026-W47-5"], "is not a date that exists (use YYYY-MM-DD)"),
    (["log", "--date", "2026-11-20T10:00"], "is not a date that exists (use YYYY-MM-DD)"),
    (["log", "--date", "2026-13-01"], "is not a date that exists"),
    (["log", "--date", "2026-11-24"], "is in the future"),
    (["log", "--redness", "4"], "redness must be 0-3"),
    (["log", "--redness", "high"], "redness must be 0-3"),
    (["status", "--verbose"], "unrecognized arguments"),
    (["status", "--json", "--short"], "not allowed with argument --json"),
    (["remind", "--at", "25:00", "--install"], "'25:00' is not a time of day"),
    (["remind", "--at", "09:00"], "--at goes with --install"),
    (["remind", "--install", "--uninstall"], "not allowed with argument --install"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(repo, db_path, args, message):
    seed_plan_and_history(repo)
    before = db_path.read_bytes()
    code, out, err = run(db_path, *args)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("scalp-tui: error: ")
    assert message in lines[0]
    assert out == ""
    assert db_path.read_bytes() == before


def test_database_path_from_the_environment(tmp_path, monkeypatch):
    target = tmp_path / "env.json"
    monkeypatch.setenv("SCALP_TUI_DB", str(target))
    out, err = io.StringIO(), io.StringIO()
    assert main(["log"], clock=FakeClock(NOW), stdout=out, stderr=err) == 0
    assert target.exists()
    assert "scalp-tui" in target.read_text()


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("scalp-tui 0.")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "plan" in capsys.readouterr().out


def test_plan_says_twice_weekly_days_only_for_the_ramp(repo: Repository, db_path):
    """Issue 21 case 22: `plan --preset weekly` printed twice-weekly days it has none of."""
    code, out, _ = run(db_path, "plan", "--start", "2026-12-06", "--preset", "weekly")
    assert code == 0 and "twice-weekly" not in out
    assert out.startswith("Plan from 2026-12-06 (Sunday): weekly, 0.5 mm.\n")
    code, out, _ = run(db_path, "plan", "--start", "2026-12-13", "--preset", "ramp")
    assert code == 0 and "twice-weekly days sun,wed." in out


def test_a_backdated_plan_over_a_started_one_is_refused_and_nothing_written(
    repo: Repository, db_path
):
    """Seen: plan --start 2026-12-07 on 2027-03-02 over a plan from 2026-12-06 exited 0 and
    adherence fell from 85.7% to 69.2%."""
    assert run(db_path, "plan", "--start", "2026-11-01")[0] == 0
    before = db_path.read_bytes()
    code, out, err = run(db_path, "plan", "--start", "2026-11-02")
    assert (code, out) == (2, "")
    assert err.startswith("scalp-tui: error: a plan is already in force on 2026-11-02")
    assert len(err.splitlines()) == 1
    assert db_path.read_bytes() == before


def test_a_first_plan_made_on_the_command_line_says_it_is_not_medical_advice_once(
    repo: Repository, db_path
):
    """A user's pass: after `plan --start` on a new database, the app opened on the calendar
    and the not-medical-advice notice of the first run never showed."""
    code, out, _ = run(db_path, "plan", "--start", "2026-12-06")
    assert code == 0 and "Not medical advice." in out
    assert open_repository(db_path).settings().disclaimer_seen
    code, out, _ = run(db_path, "plan", "--start", "2026-12-13")
    assert code == 0 and "Not medical advice." not in out
