"""The data promises of PRODUCT.md section 5, with real files and real processes."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scalp_tui.domain.settings import Settings
from scalp_tui.store.atomic import atomic_write_bytes
from scalp_tui.store.database import fresh_data, open_database
from scalp_tui.store.errors import (
    CorruptDatabase,
    DatabaseError,
    ForeignDatabase,
    InvalidDatabase,
    LockedDatabase,
    NewerDatabase,
    UnusableDatabase,
)
from scalp_tui.store.repository import Repository
from scalp_tui.store.storage import AtomicJSONStorage, lock_path

ROOT = Path(__file__).resolve().parents[2]


def child(db: Path, tag: str, count: int, *go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_child", str(db), tag, str(count), *map(str, go)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def session_ids(db: Path) -> set[str]:
    return {s.id for s in Repository(open_database(db)).sessions()}


@pytest.mark.slow  # real processes killed: make test-fast leaves it out
def test_killed_writer_never_breaks_the_file_nor_loses_an_acknowledged_write(tmp_path):
    db = tmp_path / "scalp.json"
    rng = random.Random(20261123)
    acknowledged: set[str] = set()
    kills = 30
    for round_ in range(kills):
        proc = child(db, f"r{round_}", 100_000)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acknowledged |= {line for line in rest.split() if line}
        # The file parses as scalp-tui data after every kill and holds every acknowledged write.
        json.loads(db.read_bytes())
        assert acknowledged <= session_ids(db)
    assert len(acknowledged) > kills  # the children really were writing when killed
    assert not list(tmp_path.glob(".scalp.json.*.tmp"))  # leftovers swept on the next open


@pytest.mark.slow  # real processes: make test-fast leaves it out
def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "scalp.json"
    open_database(db).close()
    go = tmp_path / "go"
    a, b = child(db, "a", 100, go), child(db, "b", 100, go)
    for proc in (a, b):  # both started and waiting: then both write at once
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    out_a, _ = a.communicate(timeout=120)
    out_b, _ = b.communicate(timeout=120)
    assert a.returncode == b.returncode == 0
    ids = session_ids(db)
    assert len(ids) == 200
    assert {f"a-{i}" for i in range(100)} | {f"b-{i}" for i in range(100)} == ids
    assert len(out_a.split()) == len(out_b.split()) == 100


BROKEN = [
    pytest.param(b"{not json", CorruptDatabase, "not valid JSON", id="not-json"),
    pytest.param(
        b'{"_meta": {"1": {"format": "scalp', CorruptDatabase, "not valid JSON", id="truncated"
    ),
    pytest.param(b"\xff\xfe\x00garbage", CorruptDatabase, "not valid JSON", id="binary"),
    pytest.param(b"[1, 2, 3]", ForeignDatabase, "not scalp-tui data", id="a-list"),
    pytest.param(
        b'{"_default": {"1": {"x": 1}}}', ForeignDatabase, "not scalp-tui data", id="other-tinydb"
    ),
    pytest.param(
        b'{"_meta": {"1": {"format": "other-app", "schema_version": 1}}}',
        ForeignDatabase,
        "not scalp-tui data",
        id="other-marker",
    ),
    pytest.param(
        b'{"_meta": {"1": {"format": "scalp-tui", "schema_version": 99}}}',
        NewerDatabase,
        "newer scalp-tui",
        id="newer",
    ),
    pytest.param(
        b'{"_meta": {"1": {"format": "scalp-tui", "schema_version": 1}},'
        b' "sessions": {"1": {"id": "x"}}}',
        InvalidDatabase,
        "sessions record 1 (id 'x'): date: is missing",
        id="malformed-record",
    ),
]


@pytest.mark.parametrize(("content", "error", "reason"), BROKEN)
def test_a_broken_file_is_refused_and_left_byte_for_byte(tmp_path, content, error, reason):
    db = tmp_path / "scalp.json"
    db.write_bytes(content)
    with pytest.raises(error) as caught:
        Repository(open_database(db)).sessions()
    assert caught.value.path == db
    assert reason in caught.value.reason
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scalp.json"]


@pytest.mark.parametrize(("content", "error", "reason"), BROKEN)
def test_the_cli_names_the_file_and_exits_3_for_a_broken_file(tmp_path, content, error, reason):
    db = tmp_path / "scalp.json"
    db.write_bytes(content)
    for args in (["status"], ["log", "--note", "x"], ["plan", "--start", "2026-12-06"]):
        result = subprocess.run(
            [sys.executable, "-m", "scalp_tui", "--db", str(db), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 3
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(f"scalp-tui: error: {db}: ")
        assert reason in lines[0]
        assert db.read_bytes() == content


def test_start_fresh_moves_a_corrupt_file_aside_only_when_asked(tmp_path):
    db = tmp_path / "scalp.json"
    db.write_bytes(b"{broken")
    subprocess.run(
        [sys.executable, "-m", "scalp_tui", "--db", str(db), "status"],
        cwd=ROOT,
        capture_output=True,
    )
    assert db.read_bytes() == b"{broken"
    result = subprocess.run(
        [sys.executable, "-m", "scalp_tui", "--db", str(db), "--start-fresh", "status"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    aside = list(tmp_path.glob("scalp.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"{broken"
    assert not db.exists()  # nothing written until the first record


def test_an_empty_file_is_a_new_database(tmp_path):
    db = tmp_path / "scalp.json"
    db.write_bytes(b"")
    repo = Repository(open_database(db))
    assert repo.sessions() == [] and db.read_bytes() == b""  # opening alone writes nothing
    repo.save_settings(Settings())
    stored = json.loads(db.read_bytes())
    assert stored["_meta"] == fresh_data()["_meta"]
    assert Repository(open_database(db)).settings() == Settings()


def test_modes_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    db = folder / "scalp.json"
    Repository(open_database(db)).save_settings(Settings())
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(lock_path(db).stat().st_mode) == 0o600


def test_an_existing_world_readable_file_becomes_private_on_the_next_write(tmp_path):
    db = tmp_path / "scalp.json"
    db.write_text(json.dumps(fresh_data()))
    os.chmod(db, 0o644)
    Repository(open_database(db)).save_settings(Settings())
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_leftover_temp_files_are_swept_on_open(tmp_path):
    db = tmp_path / "scalp.json"
    open_database(db).close()
    leftover = tmp_path / ".scalp.json.k1ll3d_x.tmp"
    leftover.write_text('{"half": ')
    unrelated = tmp_path / ".other.json.x.tmp"
    unrelated.write_text("keep me")
    open_database(db).close()
    assert not leftover.exists()
    assert unrelated.exists()


def test_a_write_outside_the_lock_is_refused(tmp_path):
    storage = AtomicJSONStorage(tmp_path / "scalp.json")
    with pytest.raises(RuntimeError, match="outside a transaction"):
        storage.write(fresh_data())
    assert not (tmp_path / "scalp.json").exists()


def test_a_lock_held_too_long_is_a_database_error(tmp_path):
    db = tmp_path / "scalp.json"
    Repository(open_database(db)).save_settings(Settings())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(30)",
            str(lock_path(db)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        repo = Repository(open_database(db, lock_timeout=0.2))  # reading needs no lock
        assert repo.sessions() == []
        before = db.read_bytes()
        with pytest.raises(LockedDatabase, match="locked by another scalp-tui"):
            repo.save_settings(Settings())
        assert db.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_an_older_schema_is_backed_up_then_migrated(tmp_path):
    db = tmp_path / "scalp.json"
    old = fresh_data(1)
    old["sessions"] = {"1": {"id": "a", "old_name": 1}}
    original = json.dumps(old).encode()
    db.write_bytes(original)

    def rename_field(data):
        for doc in data["sessions"].values():
            doc["new_name"] = doc.pop("old_name")
        return data

    opened = open_database(db, schema_version=2, migrations={1: rename_field})
    assert opened.migrated_from == 1
    assert opened.backup_path is not None and opened.backup_path.read_bytes() == original
    assert stat.S_IMODE(opened.backup_path.stat().st_mode) == 0o600
    stored = json.loads(db.read_bytes())
    assert stored["_meta"]["1"]["schema_version"] == 2
    assert stored["sessions"]["1"] == {"id": "a", "new_name": 1}


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    target.write_bytes(b"old")

    def failing_replace(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_database_errors_name_the_file(tmp_path):
    error = CorruptDatabase(tmp_path / "x.json", "not valid JSON")
    assert isinstance(error, DatabaseError)
    assert str(error) == f"{tmp_path / 'x.json'}: not valid JSON"


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(UnusableDatabase, match="is a folder"):
        open_database(tmp_path)


def test_many_records_in_one_write_each_get_their_own_id(tmp_path):
    from scalp_tui.sample import seed_years

    db = tmp_path / "scalp.json"
    seed_years(Repository(open_database(db)), 1000)
    assert len(Repository(open_database(db)).sessions()) == 1000


def test_ids_stay_unique_when_another_process_inserted_in_between(tmp_path):
    db = tmp_path / "scalp.json"
    mine = Repository(open_database(db))
    mine.add_session(_session("a"))
    other = Repository(open_database(db))
    other.add_session(_session("b"))  # the other process takes the next id
    mine.add_session(_session("c"))  # this one must not reuse it
    assert {s.id for s in Repository(open_database(db)).sessions()} == {"a", "b", "c"}


def _session(session_id: str):
    import datetime as dt

    from scalp_tui.domain.records import logged_session

    return logged_session(
        session_id, dt.date(2026, 1, 1), needle_mm=0.5, zones=("top",), directions=("x",)
    )
