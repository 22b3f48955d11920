"""A transaction is a unit of work: reads see its writes, one replace at the end, or nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scalp_tui.actions import log_session
from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.records import logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.factory import open_repository
from scalp_tui.store.codec import ACTIVE
from scalp_tui.store.errors import WriteFailed
from scalp_tui.store.repository import Repository

TODAY = dt.date(2026, 11, 23)


def session(session_id: str, day: dt.date = TODAY, note: str = "") -> object:
    return logged_session(
        session_id, day, needle_mm=0.5, zones=("top",), directions=("front to back",), note=note
    )


@pytest.fixture
def replaces(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every os.replace the store makes."""
    calls: list[str] = []
    real = os.replace

    def counting(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", counting)
    return calls


def test_reads_inside_see_the_writes_so_far_and_the_file_is_replaced_once(
    repo: Repository, replaces: list[str]
) -> None:
    with repo.transaction():
        repo.save_plan(make_plan(TODAY))
        repo.add_session(session("a"))  # type: ignore[arg-type]
        assert [s.id for s in repo.sessions()] == ["a"]
        assert repo.plans()[0].start == TODAY
        repo.save_checklist(Checklist("a", TODAY))
        assert [c.session_id for c in repo.checklists()] == ["a"]
        assert replaces == []  # nothing on disk yet
    assert len(replaces) == 1
    fresh = open_repository(repo.path)
    assert [s.id for s in fresh.sessions()] == ["a"]
    assert [c.session_id for c in fresh.checklists()] == ["a"]


def test_an_exception_inside_writes_nothing(repo: Repository) -> None:
    repo.save_plan(make_plan(TODAY))
    before = repo.path.read_bytes()
    with pytest.raises(RuntimeError, match="boom"), repo.transaction():
        repo.save_plan(make_plan(TODAY, 1.0, Preset.WEEKLY))
        repo.add_session(session("a"))  # type: ignore[arg-type]
        raise RuntimeError("boom")
    assert repo.path.read_bytes() == before
    assert repo.sessions() == []
    assert repo.plans()[0].preset is Preset.RAMP


def test_replacing_a_plan_is_one_write(repo: Repository, replaces: list[str]) -> None:
    repo.save_plan(make_plan(TODAY))
    replaces.clear()
    repo.save_plan(make_plan(TODAY, 1.0, Preset.WEEKLY))
    assert len(replaces) == 1
    assert [p.preset for p in repo.plans()] == [Preset.WEEKLY]


def test_log_for_today_writes_the_session_and_its_checklist_together(
    repo: Repository, replaces: list[str]
) -> None:
    record = log_session(repo, TODAY, TODAY)
    assert len(replaces) == 1
    assert [c.session_id for c in repo.checklists()] == [record.id]


def test_a_failed_write_raises_write_failed_and_leaves_the_file(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_plan(make_plan(TODAY))
    before = repo.path.read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteFailed, match="No space left on device"):
        log_session(repo, TODAY, TODAY)
    assert repo.path.read_bytes() == before
    assert not list(repo.path.parent.glob(".scalp.json.*.tmp"))
    assert repo.sessions() == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root can mount one; elsewhere the test is skipped)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (the injected-OSError test covers this)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_refuses_the_write_and_keeps_the_old_file(small_disk: Path) -> None:
    db = small_disk / "scalp.json"
    repo = open_repository(db)
    repo.save_plan(make_plan(TODAY))
    before = db.read_bytes()
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the disk to the last block
        try:
            while True:
                handle.write(b"x" * 512)
        except OSError:
            pass
    with pytest.raises(WriteFailed, match="No space left"):
        log_session(repo, TODAY, TODAY, note="x" * 1500)
    assert db.read_bytes() == before
    filler.unlink()
    assert not list(small_disk.glob(".scalp.json.*.tmp"))  # no temp file left


def test_a_symlinked_database_is_written_through_to_its_target(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "real.json"
    link = tmp_path / "scalp.json"
    link.symlink_to(target)
    repo = open_repository(link)
    repo.save_plan(make_plan(TODAY))
    log_session(repo, TODAY, TODAY)
    assert link.is_symlink() and link.resolve() == target
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert json.loads(target.read_bytes())["sessions"]
    assert open_repository(target).plans() == repo.plans()


def test_the_store_never_writes_nan(repo: Repository) -> None:
    """NaN is refused where it is made, so the file stays JSON."""
    with pytest.raises(ValueError, match="needle_mm"):
        logged_session(
            "a", TODAY, needle_mm=float("nan"), zones=("top",), directions=("front to back",)
        )


def test_a_session_both_recorded_and_in_progress_is_mended_on_open(
    repo: Repository, clock: object
) -> None:
    """The state a kill between two writes of an older release left behind."""
    from scalp_tui.actions import new_id
    from scalp_tui.domain.session import GuidedSession
    from scalp_tui.domain.steps import SessionConfig

    run = GuidedSession(SessionConfig.from_settings(Settings(), 0.5), clock, new_id())  # type: ignore[arg-type]
    run.confirm_safety(clock.now())  # type: ignore[attr-defined]
    with repo.transaction():
        repo.save_active_session(run.snapshot(clock.now()))  # type: ignore[attr-defined]
        run.abort()
        repo.add_session(run.record(clock.now()))  # type: ignore[attr-defined]
    assert repo.active_session() is not None
    reopened = open_repository(repo.path)
    assert reopened.active_session() is None
    assert [s.id for s in reopened.sessions()] == [run.id]
    assert reopened.notices and "in progress" in reopened.notices[0]
    assert json.loads(repo.path.read_bytes()).get(ACTIVE) == {}
    assert open_repository(repo.path).notices == []  # said once


def test_settings_saved_from_a_stale_copy_keep_another_windows_change(repo: Repository) -> None:
    """A read that decides a write happens inside the lock."""
    from dataclasses import replace

    other = open_repository(repo.path)
    repo.update_settings(lambda s: replace(s, serum_name="aloe"))
    other.update_settings(lambda s: replace(s, sound="off"))
    fresh = open_repository(repo.path).settings()
    assert (fresh.serum_name, fresh.sound) == ("aloe", "off")


def test_only_this_databases_temp_files_are_swept(tmp_path: Path) -> None:
    """An export next to it (db.json.bak.json) has temp files starting alike: not ours."""
    db = tmp_path / "db.json"
    open_repository(db).save_plan(make_plan(TODAY))
    ours = tmp_path / ".db.json.ab12cd_9.tmp"
    theirs = tmp_path / ".db.json.bak.json.ab12cd_9.tmp"
    folder = tmp_path / ".db.json.evil.tmp"
    for file in (ours, theirs):
        file.write_bytes(b"x")
    folder.mkdir()
    open_repository(db)
    assert not ours.exists() and theirs.exists() and folder.is_dir()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"null", "null"),
        (b"{}", "empty JSON object"),
        (b'{"_meta": {"1": {"format": "scalp-tui", "schema_version": 0}}}', "schema version 0"),
        (b'{"n": ' + b"9" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_files_that_are_not_a_database_are_refused_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    from scalp_tui.store.errors import DatabaseError

    db = tmp_path / "scalp.json"
    db.write_bytes(content)
    with pytest.raises(DatabaseError, match=reason):
        log_session(open_repository(db), TODAY, TODAY)
    assert db.read_bytes() == content


def test_a_lock_file_is_never_a_database(tmp_path: Path) -> None:
    from scalp_tui.store.errors import UnusableDatabase

    with pytest.raises(UnusableDatabase, match="lock file"):
        open_repository(tmp_path / "scalp.json.lock")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("duplicate-session", "two sessions share one id"),
        ("orphan-checklist", "belongs to no session"),
        ("two-checklists", "two cleaning checklists"),
        ("checklist-date", "another date"),
    ],
)
def test_a_database_whose_records_contradict_each_other_is_refused(
    tmp_path: Path, change: str, problem: str
) -> None:
    from scalp_tui.store.errors import InvalidDatabase

    db = tmp_path / "scalp.json"
    repo = open_repository(db)
    record = log_session(repo, TODAY, TODAY)
    data = json.loads(db.read_bytes())
    sessions, checklists = data["sessions"], data["checklists"]
    first = next(iter(checklists.values()))
    if change == "duplicate-session":
        sessions["9"] = dict(next(iter(sessions.values())))
    elif change == "orphan-checklist":
        checklists["9"] = {**first, "session_id": "gone"}
    elif change == "two-checklists":
        checklists["9"] = dict(first)
    else:
        first["session_date"] = "2026-11-20"
    db.write_text(json.dumps(data))
    with pytest.raises(InvalidDatabase, match=problem):
        open_repository(db)
    assert record.id


def test_text_that_is_not_utf8_is_refused_where_it_is_made() -> None:
    with pytest.raises(ValueError, match="note"):
        logged_session(
            "a", TODAY, needle_mm=0.5, zones=("top",), directions=("front to back",),
            note="\ud800",
        )  # fmt: skip
