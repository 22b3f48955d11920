"""A record keeps the settings it was made with; the calendar file says the user's directions
(issue 21 case 8)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

from icalendar import Calendar

from scalp_tui.actions import log_session
from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.directions import BACK_TO_FRONT, DIAGONAL_FRONT_LEFT, FRONT_TO_BACK
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository

NOW = dt.datetime(2027, 1, 13, 19, 0, tzinfo=dt.UTC)


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_ics_description_names_the_directions_rolled(repo: Repository, db_path):
    repo.save_settings(
        replace(Settings(), directions=(FRONT_TO_BACK, DIAGONAL_FRONT_LEFT), confident=True)
    )
    repo.save_plan(make_plan(dt.date(2027, 1, 3), 0.5, Preset.RAMP))
    code, ics, _ = run(db_path, "export", "ics")
    assert code == 0
    [description] = {str(e["description"]) for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert f"{FRONT_TO_BACK}, then {DIAGONAL_FRONT_LEFT}" in description
    assert "one direction per zone" not in description


def test_a_needle_change_by_the_cli_leaves_the_past_its_needle(repo: Repository, db_path):
    """Changing the needle to 1.5 mm rewrote the needle of every past date of a started plan:
    a session logged afterwards for one of them said 1.5 mm."""
    repo.save_settings(replace(Settings(), directions=(FRONT_TO_BACK, BACK_TO_FRONT)))
    assert run(db_path, "plan", "--start", "2026-12-06", "--needle-mm", "0.5")[0] == 0
    code, _, err = run(db_path, "plan", "--start", "2026-12-06", "--needle-mm", "1.5")
    assert code == 0, err
    again = open_repository(db_path)
    [plan] = again.plans()
    assert plan.needle_on(dt.date(2026, 12, 20)) == 0.5 and plan.needle_mm == 1.5
    past = log_session(again, dt.date(2026, 12, 20), NOW.date())
    today = log_session(again, NOW.date(), NOW.date())
    assert (past.needle_mm, today.needle_mm) == (0.5, 1.5)


def test_the_same_plan_twice_writes_nothing(repo: Repository, db_path):
    assert run(db_path, "plan", "--start", "2026-12-06")[0] == 0
    before = db_path.read_bytes()
    assert run(db_path, "plan", "--start", "2026-12-06")[0] == 0
    assert db_path.read_bytes() == before


def test_a_logged_session_keeps_the_serum_of_its_day(repo: Repository):
    repo.save_settings(replace(Settings(), serum_name="aloe gel"))
    repo.save_plan(make_plan(dt.date(2027, 1, 3), 0.5, Preset.RAMP))
    record = log_session(repo, NOW.date(), NOW.date())
    repo.save_settings(replace(Settings(), serum_name="copper peptides"))
    [stored] = open_repository(repo.path).sessions()
    assert stored.serum_name == record.serum_name == "aloe gel"
