"""Exports and backup: ICS against the regimen engine, CSV, JSON round trip, import refusals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path

import pytest
from icalendar import Calendar

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.regimen import Preset, make_plan, planned_sessions
from scalp_tui.exports.files import default_export_path
from scalp_tui.exports.ics import export_until
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from scalp_tui.store.storage import SCHEMA_VERSION
from tests.fixed import NOW, TODAY


def run(db: Path, *args: str, clock: FakeClock | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=clock or FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def event_dates(ics: str, first: dt.date, last: dt.date) -> list[dt.date]:
    calendar = Calendar.from_ical(ics)
    days = []
    for event in calendar.walk("VEVENT"):
        day = event.decoded("dtstart")
        assert isinstance(day, dt.date) and not isinstance(day, dt.datetime)  # all-day
        assert event.decoded("dtend") == day + dt.timedelta(days=1)
        assert event.walk("VALARM"), "every event carries a reminder"
        if first <= day <= last:
            days.append(day)
    return sorted(days)


@pytest.mark.parametrize(
    ("preset", "needle"), [(Preset.RAMP, 0.5), (Preset.WEEKLY, 1.0)], ids=["ramp", "weekly"]
)
def test_ics_holds_exactly_the_planned_dates(repo: Repository, db_path, preset, needle):
    plan = make_plan(dt.date(2026, 8, 30), needle, preset, (6, 2))
    repo.save_plan(plan)
    code, ics, _ = run(db_path, "export", "ics")
    assert code == 0
    until = export_until(TODAY)
    expected = [p.date for p in planned_sessions([plan], until=until)]
    assert event_dates(ics, plan.start, until) == expected
    assert until >= TODAY.replace(year=TODAY.year + 1)  # at least 12 months ahead
    summaries = {str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert "Scalp microneedling (monthly upkeep)" in summaries
    assert "Scalp microneedling (weekly phase)" in summaries


def test_ics_uids_are_stable_across_exports(seeded_repo, db_path):
    later = FakeClock(NOW + dt.timedelta(hours=5))
    first = Calendar.from_ical(run(db_path, "export", "ics")[1])
    second = Calendar.from_ical(run(db_path, "export", "ics", clock=later)[1])
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_csv_has_a_header_and_one_row_per_session(seeded_repo, db_path):
    code, text, _ = run(db_path, "export", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and len(rows) == 11
    by_id = {r["id"]: r for r in rows}
    assert by_id["sample-3"]["date"] == "2026-10-19"
    assert by_id["sample-3"]["counted_for"] == "2026-10-18"
    assert by_id["sample-1"]["counted_for"] == ""  # extra
    assert by_id["sample-0"]["note"] == "first time, went slowly"


def test_export_import_export_round_trips(seeded_repo, db_path, tmp_path):
    from scalp_tui.actions import log_session, toggle_checklist_item
    from scalp_tui.domain.checklist import ChecklistItem

    record = log_session(seeded_repo, TODAY, TODAY, note="ünïcode ✓", redness=2)
    toggle_checklist_item(seeded_repo, record.id, ChecklistItem.ALCOHOL, NOW)
    backup = tmp_path / "backup.json"
    assert run(db_path, "export", "json", "-o", str(backup))[0] == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    other = tmp_path / "other" / "scalp.json"
    code, out, _ = run(other, "import", str(backup))
    assert code == 0 and "Restored 12 sessions" in out
    first = json.loads(backup.read_text())
    second = json.loads(run(other, "export", "json")[1])
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second
    assert first["format"] == "scalp-tui-backup" and first["schema_version"] == SCHEMA_VERSION == 2


def test_import_over_data_needs_replace(seeded_repo, db_path, tmp_path):
    backup = tmp_path / "b.json"
    run(db_path, "export", "json", "-o", str(backup))
    before = db_path.read_bytes()
    code, _, err = run(db_path, "import", str(backup))
    assert code == 2 and "--replace" in err
    # the refusal names the database that holds data, not the backup (a new user's pass)
    assert err.startswith(f"scalp-tui: error: {db_path}: the database already holds data")
    assert db_path.read_bytes() == before
    assert run(db_path, "import", "--replace", str(backup))[0] == 0
    assert len(open_repository(db_path).sessions()) == 11


def broken_backups(good: dict[str, object]) -> dict[str, bytes]:
    text = json.dumps(good)
    sessions = list(good["sessions"])  # type: ignore[call-overload]
    return {
        "truncated": text[: len(text) // 2].encode(),
        "foreign": json.dumps({"events": []}).encode(),
        "newer": json.dumps({**good, "schema_version": 99}).encode(),
        "bad-session-date": json.dumps(
            {**good, "sessions": [{**sessions[0], "date": "2026-02-30"}]}
        ).encode(),
        "duplicate-ids": json.dumps({**good, "sessions": [sessions[0], sessions[0]]}).encode(),
        "not-utf8": b"\xff\xfe{}",
    }


def test_a_broken_backup_is_refused_with_exit_2_and_nothing_written(seeded_repo, db_path, tmp_path):
    good = json.loads(run(db_path, "export", "json")[1])
    target = tmp_path / "target.json"
    run(target, "plan", "--start", "2026-12-06")
    before = target.read_bytes()
    for name, content in broken_backups(good).items():
        bad = tmp_path / f"{name}.json"
        bad.write_bytes(content)
        for args in (["import", str(bad)], ["import", "--replace", str(bad)]):
            code, out, err = run(target, *args)
            assert out == "", name
            assert code == 2, name
            assert err.startswith("scalp-tui: error: ") and len(err.splitlines()) == 1, name
            assert target.read_bytes() == before, name


def test_export_to_a_folder_or_a_missing_folder_is_refused(seeded_repo, db_path, tmp_path):
    code, _, err = run(db_path, "export", "ics", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, err = run(db_path, "export", "csv", "-o", str(tmp_path / "nope" / "x.csv"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(db_path, "import", str(tmp_path / "missing.json"))
    assert code == 2 and "does not exist" in err


def test_default_export_path_prefers_documents(tmp_path):
    assert default_export_path("ics", TODAY, tmp_path) == tmp_path / "scalp-tui-plan-2026-11-23.ics"
    (tmp_path / "Documents").mkdir()
    assert default_export_path("json", TODAY, tmp_path).parent == tmp_path / "Documents"


def test_two_sessions_logged_on_one_day_keep_their_order_through_a_backup(repo, db_path, tmp_path):
    """A user's pass: after two `log`s on 2027-01-24, export, import and export listed the
    two sessions (and their checklists) in the opposite order."""
    day = FakeClock(dt.datetime(2027, 1, 24, 9, 0, tzinfo=dt.UTC))
    later = FakeClock(dt.datetime(2027, 1, 24, 21, 0, tzinfo=dt.UTC))
    assert run(db_path, "plan", "--start", "2027-01-03", clock=day)[0] == 0
    for date in range(3, 13):  # ten sessions before: the eleventh and twelfth records
        assert run(db_path, "log", "--date", f"2027-01-{date:02d}", clock=day)[0] == 0
    assert run(db_path, "log", "--note", "morning", clock=day)[0] == 0
    assert run(db_path, "log", "--note", "evening", clock=later)[0] == 0
    first = json.loads(run(db_path, "export", "json", clock=later)[1])
    # A backup lists them in some order (another program's, or a restore's): the same two
    # sessions listed the other way round restore to the same database.
    shuffled = {
        **first,
        "sessions": first["sessions"][::-1],
        "checklists": first["checklists"][::-1],
    }
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(shuffled))
    again = tmp_path / "again.json"
    assert run(again, "import", str(backup), clock=later)[0] == 0
    second = json.loads(run(again, "export", "json", clock=later)[1])
    assert [s["note"] for s in first["sessions"]][-2:] == ["morning", "evening"]
    for key in ("sessions", "checklists", "plans", "settings"):
        assert second[key] == first[key], key
