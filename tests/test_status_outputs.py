"""Issue 21 case 7, at the command line: after ``log`` on a planned day, ``status``,
``status --json``, ``status --short`` and ``remind --print`` say the same thing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock


def run(db: Path, today: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    now = dt.datetime.fromisoformat(f"{today}T10:00").replace(tzinfo=dt.UTC)
    code = main(["--db", str(db), *args], clock=FakeClock(now), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def lines_of(text: str) -> dict[str, str]:
    return {line[:11].strip(): line[11:] for line in text.splitlines()}


def test_a_session_logged_on_todays_planned_date(db_path):
    """Ramp from Sun 2026-12-06, Sun/Wed; December kept; Sun 01-03 logged on the day."""
    code, _, _ = run(
        db_path, "2026-12-01", "plan", "--start", "2026-12-06", "--weekdays", "sun,wed"
    )
    assert code == 0
    for day in ("2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27", "2027-01-03"):
        assert run(db_path, "2027-01-03", "log", "--date", day)[0] == 0
    code, out, err = run(db_path, "2027-01-03", "status", "--json")
    assert (code, err) == (0, "")
    status = json.loads(out)
    assert status["next_session"] == "2027-01-03"  # PRODUCT.md: on or after today
    assert status["days_to_next_session"] == 0
    assert status["next_session_outcome"] == "done"
    assert (status["next_to_do"], status["days_to_next_to_do"]) == ("2027-01-06", 3)
    assert status["due_today"] is False
    code, out, _ = run(db_path, "2027-01-03", "status")
    said = lines_of(out)
    assert said["Next"] == "today's session is done; then Wed 6 Jan, in 3 days"
    assert "Due" not in said


def test_a_miss_then_a_session_on_the_next_planned_date(db_path):
    """Sun 01-03 missed, Wed 01-06 logged on the day: ``overdue`` lists 01-03 (PRODUCT.md),
    and ``overdue_since`` says why the reminder does not: the user is back on the plan."""
    run(db_path, "2026-12-01", "plan", "--start", "2026-12-06", "--weekdays", "sun,wed")
    for day in ("2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27", "2027-01-06"):
        assert run(db_path, "2027-01-06", "log", "--date", day)[0] == 0
    status = json.loads(run(db_path, "2027-01-06", "status", "--json")[1])
    assert status["overdue"] == ["2027-01-03"]
    assert status["overdue_since"] is None
    assert (status["next_session"], status["next_session_outcome"]) == ("2027-01-06", "done")
    said = lines_of(run(db_path, "2027-01-06", "status")[1])
    assert said["Next"] == "today's session is done; then Sun 10 Jan, in 4 days"
    assert said["Missed"] == "Sun 3 Jan"
    # the photo check-in of Sun 3 Jan (every 4 weeks from the plan's start) has no photo yet
    line = "clean the roller; take progress photos\n"
    assert run(db_path, "2027-01-06", "status", "--short")[1] == line
    assert run(db_path, "2027-01-06", "remind", "--print")[1] == line
    # two days on, nothing kept since 01-06: the reminder and overdue_since name the 01-10 date
    status = json.loads(run(db_path, "2027-01-12", "status", "--json")[1])
    assert (status["overdue"], status["overdue_since"]) == (
        ["2027-01-03", "2027-01-10"],
        "2027-01-10",
    )
    line = "overdue since Sun 10 Jan; clean the roller; take progress photos\n"
    assert run(db_path, "2027-01-12", "status", "--short")[1] == line
    assert run(db_path, "2027-01-12", "remind", "--print")[1] == line
