"""The photo commands (issue 23): photo add, list, remove; photo_due and next_photo_date in
status --json, "take progress photos" in remind; export json and zip, and their import. Bad
input exits 2 with one line, leaves the database byte-identical and no file behind."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from tests.fixed import NOW, seed_plan_and_history
from tests.pictures import bomb_png, heic, phone_jpeg, png, truncated_jpeg

ROOT = Path(__file__).resolve().parents[1]
ANGLES = ("front", "top", "crown", "left", "right")


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def listed(db: Path) -> list[dict[str, object]]:
    code, out, _ = run(db, "photo", "list", "--json")
    assert code == 0
    result: list[dict[str, object]] = json.loads(out)
    return result


def folder_of(db: Path) -> Path:
    return db.with_name(db.name + ".photos")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def seeded(repo, db_path):
    seed_plan_and_history(repo)  # the sample user: a plan from Sun 2026-10-04
    return db_path


def test_photo_add_stores_an_upright_private_copy_and_lists_it(seeded, tmp_path):
    source = phone_jpeg(tmp_path / "IMG_0001.JPG")
    original = source.read_bytes()
    code, out, err = run(seeded, "photo", "add", str(source), "--angle", "crown")
    assert (code, err) == (0, "")
    assert out.startswith("Added IMG_0001.JPG: photo ") and "crown, 2026-11-20, 40x60." in out
    assert source.read_bytes() == original
    [photo] = listed(seeded)
    assert {k: photo[k] for k in ("date", "angle", "width", "height", "original_name")} == {
        "date": "2026-11-20",  # the photo's own date taken
        "angle": "crown",
        "width": 40,
        "height": 60,
        "original_name": "IMG_0001.JPG",
    }
    path = Path(str(photo["path"]))
    assert path == folder_of(seeded) / f"{photo['sha256']}.jpg"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == photo["sha256"]
    assert mode(path) == 0o600 and mode(folder_of(seeded)) == 0o700
    assert b"Exif" not in path.read_bytes() and b"PhoneMaker" not in path.read_bytes()
    code, out, _ = run(seeded, "photo", "list")
    assert code == 0 and "2026-11-20  crown" in out and "IMG_0001.JPG" in out


def test_photo_add_takes_several_files_a_png_and_a_heic_dated_as_said(seeded, tmp_path):
    files = [str(png(tmp_path / "a.png")), str(heic(tmp_path / "b.heic"))]
    code, out, _ = run(seeded, "photo", "add", *files, "--angle", "top", "--date", "2026-11-01")
    assert code == 0 and out.count("Added") == 2
    assert [(p["date"], p["angle"]) for p in listed(seeded)] == [("2026-11-01", "top")] * 2


def test_without_a_date_taken_or_given_a_photo_is_dated_today(seeded, tmp_path):
    source = phone_jpeg(tmp_path / "a.jpg", taken=None)
    assert run(seeded, "photo", "add", str(source), "--angle", "left")[0] == 0
    assert listed(seeded)[0]["date"] == "2026-11-23"


def test_the_photos_own_date_wins_over_date_and_is_said(seeded, tmp_path):
    source = phone_jpeg(tmp_path / "a.jpg")
    code, _, err = run(
        seeded, "photo", "add", str(source), "--angle", "left", "--date", "2026-11-01"
    )
    assert code == 0
    assert (
        err == "scalp-tui: note: a.jpg: dated 2026-11-20, the date it was taken, not 2026-11-01\n"
    )


def test_the_same_picture_twice_is_one_record_and_said(seeded, tmp_path):
    source = phone_jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "copy of a.jpg"
    copy.write_bytes(source.read_bytes())
    assert run(seeded, "photo", "add", str(source), "--angle", "front")[0] == 0
    before = seeded.read_bytes()
    code, out, err = run(seeded, "photo", "add", str(copy), str(source), "--angle", "front")
    assert (code, err) == (0, "")
    assert out.count("is stored already") == 2 and "not added again" in out
    assert len(listed(seeded)) == 1 and seeded.read_bytes() == before
    assert len(list(folder_of(seeded).iterdir())) == 1


BAD_FILES: dict[str, tuple[Callable[[Path], object], str]] = {
    "zero bytes": (lambda p: p.write_bytes(b""), "is empty (zero bytes)"),
    "not an image": (lambda p: p.write_text("hello"), "is not an image scalp-tui reads"),
    "truncated": (truncated_jpeg, "is truncated or damaged"),
    "bomb": (bomb_png, "decompression bomb"),
    "missing": (lambda p: None, "does not exist"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_adds_nothing_not_even_the_good_ones(seeded, tmp_path, case):
    make, reason = BAD_FILES[case]
    bad = tmp_path / "bad.jpg"
    make(bad)
    good = phone_jpeg(tmp_path / "good.jpg")
    before = seeded.read_bytes()
    code, out, err = run(seeded, "photo", "add", str(good), str(bad), "--angle", "front")
    assert code == 2 and out == ""
    assert err.startswith("scalp-tui: error: ") and err.count("\n") == 1
    assert reason in err and "nothing added" in err
    assert seeded.read_bytes() == before
    assert not folder_of(seeded).exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--angle", "back"], "invalid choice: 'back'"),
        ([], "the following arguments are required: --angle"),
        (["--angle", "top", "--date", "2026-02-30"], "is not a date that exists"),
        (["--angle", "top", "--date", "1969-12-31"], "out of range"),
        (["--angle", "top", "--date", "2026-11-24"], "in the future"),
    ],
)
def test_bad_arguments_add_nothing(seeded, tmp_path, args, said):
    good = phone_jpeg(tmp_path / "good.jpg")
    before = seeded.read_bytes()
    code, out, err = run(seeded, "photo", "add", str(good), *args)
    assert (code, out) == (2, "")
    assert err.startswith("scalp-tui: error: ") and said in err and err.count("\n") == 1
    assert seeded.read_bytes() == before and not folder_of(seeded).exists()


def test_photo_remove_removes_the_record_and_its_file(seeded, tmp_path):
    run(seeded, "photo", "add", str(phone_jpeg(tmp_path / "a.jpg")), "--angle", "top")
    run(seeded, "photo", "add", str(png(tmp_path / "b.png")), "--angle", "top")
    first, second = listed(seeded)
    code, out, _ = run(seeded, "photo", "remove", str(first["id"])[:6])
    assert code == 0 and out.startswith(f"Removed photo {str(first['id'])[:12]} (top, ")
    assert [p["id"] for p in listed(seeded)] == [second["id"]]
    assert not Path(str(first["path"])).exists() and Path(str(second["path"])).exists()


@pytest.mark.parametrize(("given", "said"), [("zzzz", "no photo has an id"), ("a", "at least")])
def test_photo_remove_of_no_such_photo_is_exit_2_and_writes_nothing(seeded, given, said):
    before = seeded.read_bytes()
    code, _, err = run(seeded, "photo", "remove", given)
    assert code == 2 and said in err and err.startswith("scalp-tui: error: ")
    assert seeded.read_bytes() == before


def test_reading_commands_create_nothing(tmp_path):
    db = tmp_path / "new" / "scalp.json"
    assert run(db, "photo", "list") == (
        0,
        "No photos yet: scalp-tui photo add FILE... --angle front\n",
        "",
    )
    assert run(db, "photo", "list", "--json")[1] == "[]\n"
    assert run(db, "status", "--json")[0] == 0
    assert not db.parent.exists()


def test_status_json_and_remind_say_when_photos_are_due(seeded, tmp_path):
    status = json.loads(run(seeded, "status", "--json")[1])
    # check-ins every 4 weeks from Sun 2026-10-04: 11-01 is the current one, not done
    assert (status["photo_due"], status["next_photo_date"]) == (True, "2026-11-01")
    assert run(seeded, "remind", "--print")[1].endswith("take progress photos\n")
    for n, angle in enumerate(ANGLES):  # five pictures (same picture: one record)
        picture = phone_jpeg(tmp_path / f"{angle}.jpg", taken=None, size=(60 + n, 40))
        assert run(seeded, "photo", "add", str(picture), "--angle", angle)[0] == 0
    status = json.loads(run(seeded, "status", "--json")[1])
    assert (status["photo_due"], status["next_photo_date"]) == (False, "2026-11-29")
    assert "photos" not in run(seeded, "remind", "--print")[1]


def test_status_does_not_import_pillow(seeded):
    probe = (
        "import sys\nfrom scalp_tui.cli import main\n"
        f"main(['--db', {str(seeded)!r}, 'status', '--json'])\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    loaded = set(done.stderr.split())
    assert "scalp_tui.commands" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"PIL", "pillow_heif", "textual_image"}}


def test_a_file_without_a_record_is_swept_on_the_next_write(seeded, tmp_path):
    run(seeded, "photo", "add", str(phone_jpeg(tmp_path / "a.jpg")), "--angle", "top")
    [kept] = listed(seeded)
    folder = folder_of(seeded)
    orphan = folder / ("0" * 64 + ".jpg")
    orphan.write_bytes(b"left by a kill")
    temp = folder / f".{'1' * 64}.jpg.abcd1234.tmp"
    temp.write_bytes(b"half")
    mine = folder / "notes.txt"  # not a name scalp-tui makes: left alone
    mine.write_text("mine")
    run(seeded, "photo", "list")  # a read sweeps nothing
    assert orphan.exists()
    assert run(seeded, "log", "--date", "2026-11-20")[0] == 0  # any write
    assert sorted(p.name for p in folder.iterdir()) == [f"{kept['sha256']}.jpg", "notes.txt"]


def test_start_fresh_takes_the_photos_along_with_the_broken_file(seeded, tmp_path):
    run(seeded, "photo", "add", str(phone_jpeg(tmp_path / "a.jpg")), "--angle", "top")
    seeded.write_text("{broken")
    code, _, err = run(seeded, "--start-fresh", "log")
    assert code == 0 and "moved the broken database aside" in err
    [moved] = [p for p in seeded.parent.iterdir() if ".corrupt-" in p.name and p.is_file()]
    assert len(list(folder_of(moved).iterdir())) == 1
    assert not folder_of(seeded).exists() or not list(folder_of(seeded).iterdir())


# -- backups ---------------------------------------------------------------------------------------
def with_photos(db: Path, tmp_path: Path) -> None:
    run(db, "photo", "add", str(phone_jpeg(tmp_path / "a.jpg")), "--angle", "crown")
    run(db, "photo", "add", str(png(tmp_path / "b.png")), "--angle", "front")


def backup_of(db: Path) -> dict[str, object]:
    code, out, _ = run(db, "export", "json")
    assert code == 0
    obj: dict[str, object] = json.loads(out)
    obj.pop("exported_at")
    return obj


def test_export_zip_and_import_restore_every_photo_exactly(seeded, tmp_path):
    with_photos(seeded, tmp_path)
    archive = tmp_path / "backup.zip"
    code, _, err = run(seeded, "export", "zip", "-o", str(archive))
    assert code == 0 and "(2 photos)" in err and mode(archive) == 0o600
    with zipfile.ZipFile(archive) as opened:
        names = sorted(opened.namelist())
    photos = listed(seeded)
    assert names == sorted(
        ["scalp-tui-backup.json"] + [f"photos/{p['sha256']}.jpg" for p in photos]
    )
    other = tmp_path / "other" / "scalp.json"
    code, out, _ = run(other, "import", str(archive))
    assert code == 0 and "2 photos" in out
    assert backup_of(other) == backup_of(seeded)
    assert len(backup_of(seeded)["photos"]) == 2  # type: ignore[arg-type]
    for photo in listed(other):
        data = Path(str(photo["path"])).read_bytes()
        assert hashlib.sha256(data).hexdigest() == photo["sha256"]
        assert mode(Path(str(photo["path"]))) == 0o600
    assert mode(folder_of(other)) == 0o700


def test_a_json_backup_lists_the_photos_and_restores_them_where_their_files_are(seeded, tmp_path):
    with_photos(seeded, tmp_path)
    backup = tmp_path / "backup.json"
    assert run(seeded, "export", "json", "-o", str(backup))[0] == 0
    assert len(json.loads(backup.read_text())["photos"]) == 2
    # over the same database: the files are there, every record restored
    code, out, err = run(seeded, "import", str(backup), "--replace")
    assert (code, err) == (0, "") and "2 photos" in out
    assert len(listed(seeded)) == 2
    # elsewhere: no files, so no records (said), everything else restored
    other = tmp_path / "other.json"
    code, out, err = run(other, "import", str(backup))
    assert code == 0 and "0 photos" in out
    assert "2 photos of the backup left out" in err and "export zip" in err
    assert listed(other) == []


def test_a_zip_missing_a_photo_or_with_another_picture_writes_nothing(seeded, tmp_path):
    with_photos(seeded, tmp_path)
    archive = tmp_path / "backup.zip"
    run(seeded, "export", "zip", "-o", str(archive))
    with zipfile.ZipFile(archive) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    photo_names = [n for n in members if n.startswith("photos/")]
    missing, swapped = tmp_path / "missing.zip", tmp_path / "swapped.zip"
    with zipfile.ZipFile(missing, "w") as written:
        for name in members:
            if name != photo_names[0]:
                written.writestr(name, members[name])
    with zipfile.ZipFile(swapped, "w") as written:
        for name in members:
            swap = members[photo_names[1]] if name == photo_names[0] else members[name]
            written.writestr(name, swap)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(archive.read_bytes()[:200])
    other = tmp_path / "other" / "scalp.json"
    for bad, said in [
        (missing, f"the zip has no {photo_names[0]}"),
        (swapped, "is not the photo its record names"),
        (broken, "not a readable zip"),
    ]:
        code, out, err = run(other, "import", str(bad))
        assert (code, out) == (2, ""), bad
        assert err.startswith("scalp-tui: error: ") and said in err and err.count("\n") == 1
        assert not other.parent.exists()  # no database, no folder, no photo
    before = seeded.read_bytes()
    assert run(seeded, "import", str(missing), "--replace")[0] == 2
    assert seeded.read_bytes() == before and len(os.listdir(folder_of(seeded))) == 2


def test_export_zip_needs_a_file(seeded):
    for args in ([], ["-o", "-"]):
        code, out, err = run(seeded, "export", "zip", *args)
        assert (code, out) == (2, "") and "name it with -o FILE" in err
