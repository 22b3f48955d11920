"""Schema 1 -> 2 (the hands-free session): a real migration, after a backup copy."""

from __future__ import annotations

import io
import json
from pathlib import Path

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import open_repository
from scalp_tui.store.storage import SCHEMA_VERSION
from tests.fixed import NOW

V1_SETTINGS = {
    "zones": ["top", "crown"],
    "seconds_per_pass": 30,
    "directions": ["Front to back ", "sideways"],
    "confident": False,
    "serum_name": "aloe",
    "bell": False,
    "uses_minoxidil": False,
    "roller_started": None,
    "roller_replace_after": 10,
    "disclaimer_seen": True,
}
V1_ACTIVE = {
    "id": "abc",
    "zones": ["top"],
    "directions": ["front to back"],
    "seconds_per_pass": 30,
    "serum_name": "aloe",
    "needle_mm": 0.5,
    "started_at": "2026-11-23T09:00:00+00:00",
    "index": 2,
    "step_elapsed": 12.0,
    "serum_applied": None,
    "saved_at": "2026-11-23T09:00:14+00:00",
}


def v1_file(path: Path) -> bytes:
    data = {
        "_meta": {"1": {"format": "scalp-tui", "schema_version": 1}},
        "settings": {"1": V1_SETTINGS},
        "active_session": {"1": V1_ACTIVE},
    }
    raw = json.dumps(data).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


def test_a_schema_1_database_is_copied_aside_then_migrated(db_path: Path) -> None:
    before = v1_file(db_path)
    repo = open_repository(db_path)
    settings = repo.settings()
    assert settings.sound == "off"  # the bell was off
    assert settings.directions == ("front to back",)  # a free-text name not in the list goes
    assert settings.move_seconds == 5 and settings.strokes_per_pass == 0
    active = repo.active_session()
    assert active is not None and active.index == 2  # its steps unchanged: no move steps
    assert active.config.move_seconds == 0
    assert json.loads(db_path.read_bytes())["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    (backup,) = db_path.parent.glob("scalp.json.v1-backup-*")
    assert backup.read_bytes() == before


def test_a_schema_1_backup_imports_with_its_settings_migrated(tmp_path: Path) -> None:
    source = tmp_path / "old.json"
    source.write_text(
        json.dumps(
            {
                "format": "scalp-tui-backup",
                "schema_version": 1,
                "exported_at": "2026-11-01T10:00:00+00:00",
                "settings": {**V1_SETTINGS, "bell": True, "directions": ["back to front"]},
                "plans": [],
                "sessions": [],
                "checklists": [],
            }
        )
    )
    db = tmp_path / "fresh.json"
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), "import", str(source)], clock=FakeClock(NOW), stdout=out,
                stderr=err)  # fmt: skip
    assert code == 0, err.getvalue()
    settings = open_repository(db).settings()
    assert (settings.sound, settings.directions) == ("tones", ("back to front",))
