"""Photos and their records are all or nothing, with real processes (issue 23): a forked child
adds photos and removes them in a tight loop, and is killed at a random moment (the harness
of tests/store/test_kills.py). After every kill, no record is without its file (the same
bytes), and the next write sweeps every file left without a record."""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable
from itertools import count
from pathlib import Path

import pytest

from scalp_tui import actions
from scalp_tui.domain.photos import Angle
from scalp_tui.factory import open_repository
from scalp_tui.images import prepare_photo
from scalp_tui.sample import seed_sample
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, TODAY
from tests.pictures import phone_jpeg
from tests.store.test_kills import KILLS, Tally, kill_during

pytestmark = pytest.mark.slow

SEED = 20261124


def test_a_kill_during_photo_add_or_remove_leaves_no_record_without_its_file(tmp_path):
    path = tmp_path / "data" / "scalp.json"
    seed_sample(open_repository(path))
    base = path.read_bytes()
    folder = path.with_name(path.name + ".photos")
    pictures = [
        actions.PhotoToAdd(
            prepare_photo(phone_jpeg(tmp_path / f"{n}.jpg", size=(400 + n, 300))),
            Angle.FRONT,
            TODAY,
        )
        for n in range(4)
    ]
    turn = count()

    def add_and_remove(repo: Repository, ack: Callable[[str], None]) -> None:
        item = pictures[next(turn) % len(pictures)]
        [added] = actions.add_photos(repo, [item], NOW)
        ack(f"added {added.photo.id}")
        actions.remove_photo(repo, added.photo.id)
        ack(f"removed {added.photo.id}")

    add_and_remove(open_repository(path), lambda token: None)  # the child's path, once
    rng = random.Random(SEED)
    tally = Tally("photo add and remove")
    records_seen = 0
    for _ in range(KILLS):
        path.write_bytes(base)
        shutil.rmtree(folder, ignore_errors=True)
        kill = kill_during(path, add_and_remove, rng)
        problems: list[str] = []
        repo = open_repository(path)
        photos = repo.photos()
        records_seen += len(photos)
        for photo in photos:
            stored = repo.photo_path(photo)
            if not stored.exists():
                problems.append(f"record without its file: {photo.id}")
            elif hashlib.sha256(stored.read_bytes()).hexdigest() != photo.sha256:
                problems.append(f"a file that is not its record's picture: {photo.id}")
        actions.remember_theme(repo, "")  # the next write, whatever it is
        names = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
        if names != sorted(p.file_name for p in photos):
            problems.append(f"after the next write the folder holds {names}")
        tally.record(kill, problems)
    tally.check()
    print(f"\n{tally.rounds} kills, {tally.acked} operations acknowledged, "
          f"{records_seen} records found after a kill")  # fmt: skip


def test_files_of_a_failed_write_are_swept_at_once(tmp_path, monkeypatch):
    """A write that fails after a photo's file was written (a full disk at the database's
    replace) leaves neither the record nor the file."""
    from scalp_tui.store import storage

    path = tmp_path / "scalp.json"
    repo = open_repository(path)
    seed_sample(repo)
    before = path.read_bytes()
    item = actions.PhotoToAdd(prepare_photo(phone_jpeg(tmp_path / "a.jpg")), Angle.TOP, TODAY)

    def full_disk(target: Path, data: bytes, mode: int = 0o600) -> None:
        if target == path:
            raise OSError(28, "No space left on device")
        storage_write(target, data, mode)

    storage_write = getattr(storage, "atomic_write_bytes")  # noqa: B009 (as storage uses it)
    monkeypatch.setattr(storage, "atomic_write_bytes", full_disk)
    with pytest.raises(Exception, match="No space left"):
        actions.add_photos(repo, [item], NOW)
    assert path.read_bytes() == before
    folder = path.with_name(path.name + ".photos")
    assert list(folder.iterdir()) == []
