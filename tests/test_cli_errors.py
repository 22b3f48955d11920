"""Every CLI error is one ``scalp-tui: error:`` line, and the database path is checked.

Exit 2 is bad input (an argument, a file the user named); exit 3 a database problem (and an
output that closed early). Real processes where only a real one shows the behaviour: a broken
pipe, bytes in argv that are not UTF-8, a FIFO that would block a read.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.store.errors import CorruptDatabase, ForeignDatabase, InvalidDatabase
from scalp_tui.store.repository import Repository
from tests.conftest import NOW

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60.0


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_db(db: Path, *args: str) -> tuple[int, str, str]:
    return run("--db", str(db), *args)


def the_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scalp-tui: error: "), err
    return lines[0]


def spawn(*args: str | bytes, timeout: float = TIMEOUT_S, **kwargs: object) -> tuple[int, str]:
    """``python -m scalp_tui ARGS`` in a real process: its exit status and its stderr."""
    env = {k: v for k, v in os.environ.items() if k != "SCALP_TUI_DB"}
    options: dict[str, object] = {"stdout": subprocess.DEVNULL, **kwargs}
    proc = subprocess.run(
        [sys.executable, "-m", "scalp_tui", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
        **options,  # type: ignore[call-overload]
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def assert_no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.fixture
def seeded_db(seeded_repo: Repository, db_path: Path) -> Path:
    return db_path


# -- 1. errors are one line --------------------------------------------------------------


def test_invalid_utf8_in_an_argument_is_exit_2_in_a_real_process(seeded_db):
    before = seeded_db.read_bytes()
    code, err = spawn("--db", str(seeded_db), "log", "--note", b"felt ok \xff")
    assert code == 2
    line = the_error_line(err)
    assert "UTF-8" in line and "\\xff" in line
    assert seeded_db.read_bytes() == before


def test_invalid_utf8_in_an_argument_is_exit_2_in_process(seeded_db):
    before = seeded_db.read_bytes()
    code, out, err = run_db(seeded_db, "log", "--note", "felt ok \udcff")  # as argv decodes it
    assert (code, out) == (2, "")
    assert "UTF-8" in the_error_line(err)
    assert seeded_db.read_bytes() == before


def run_into_a_closed_pipe(db: Path, *args: str) -> tuple[int, str]:
    """The reader is gone before the first byte is written (as ``| head -1`` can be)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return spawn("--db", str(db), *args, stdout=write_end)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [["status"], ["status", "--json"], ["export", "json"]])
def test_a_broken_pipe_on_stdout_is_one_line_and_exit_3(seeded_db, args):
    before = seeded_db.read_bytes()
    code, err = run_into_a_closed_pipe(seeded_db, *args)
    assert_no_traceback(err)
    assert code == 3
    assert "broken pipe" in the_error_line(err)
    assert seeded_db.read_bytes() == before


def test_status_into_head_never_shows_a_traceback(seeded_db):
    """The issue's own pipeline; whether the pipe breaks depends on timing, the form does not."""
    env = {k: v for k, v in os.environ.items() if k != "SCALP_TUI_DB"}
    scalp = subprocess.Popen(
        [sys.executable, "-m", "scalp_tui", "--db", str(seeded_db), "status"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert scalp.stdout is not None and scalp.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=scalp.stdout, capture_output=True, check=True)
    scalp.stdout.close()
    err = scalp.stderr.read().decode()
    scalp.stderr.close()
    code = scalp.wait(TIMEOUT_S)
    assert head.stdout.decode().startswith("Today")
    assert_no_traceback(err)
    assert (code, err) == (0, "") or (code == 3 and "broken pipe" in the_error_line(err))


def test_a_database_in_a_folder_that_is_a_file_is_exit_3_naming_it(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    db = blocker / "scalp.json"
    for args in (["status"], ["log"]):
        code, out, err = run_db(db, *args)
        assert (code, out) == (3, "")
        assert str(db) in the_error_line(err)
    assert blocker.read_text() == "x"


def test_a_symlink_loop_as_the_database_is_exit_3_naming_it(tmp_path):
    loop = tmp_path / "scalp.json"
    loop.symlink_to(loop.name)
    for args in (["status"], ["log"]):
        code, out, err = run_db(loop, *args)
        assert (code, out) == (3, "")
        line = the_error_line(err)
        assert str(loop) in line and os.strerror(errno.ELOOP) in line
    assert loop.is_symlink()


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot mount a tmpfs here (needs root in a namespace that allows it)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def fill(folder: Path) -> None:
    with open(folder / "filler", "wb") as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        with contextlib.suppress(OSError):
            handle.close()


def test_a_full_disk_is_one_line_exit_3_and_the_file_unchanged(tmp_path):
    with small_tmpfs(tmp_path / "mnt", "256k") as mnt:
        db = mnt / "scalp.json"
        assert run_db(db, "plan", "--start", "2026-12-06")[0] == 0
        before = db.read_bytes()
        fill(mnt)
        code, out, err = run_db(db, "log", "--note", "x" * 1000)
        assert (code, out) == (3, "")
        line = the_error_line(err)
        assert str(db) in line and os.strerror(errno.ENOSPC) in line
        assert db.read_bytes() == before


def test_a_read_only_folder_is_one_line_exit_3_in_a_real_process(tmp_path):
    with small_tmpfs(tmp_path / "mnt", "1m") as mnt:
        db = mnt / "scalp.json"
        assert run_db(db, "plan", "--start", "2026-12-06")[0] == 0
        before = db.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        code, err = spawn("--db", str(db), "log")
        assert_no_traceback(err)
        assert code == 3
        assert str(db) in the_error_line(err)
        assert db.read_bytes() == before
        code, err = spawn("--db", str(db), "status")  # reading still works
        assert (code, err) == (0, "")
        new = mnt / "new" / "scalp.json"  # its folder cannot be made
        code, out, err = run_db(new, "log")
        assert (code, out) == (3, "")
        line = the_error_line(err)
        assert str(new) in line and os.strerror(errno.EROFS) in line


def test_an_import_source_the_system_cannot_read_is_exit_2(seeded_db, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    before = seeded_db.read_bytes()
    code, out, err = run_db(seeded_db, "import", str(blocker / "backup.json"))
    assert (code, out) == (2, "")
    assert str(blocker / "backup.json") in the_error_line(err)
    assert seeded_db.read_bytes() == before


# -- 2. an empty database path -----------------------------------------------------------


@pytest.mark.parametrize("how", ["--db", "SCALP_TUI_DB"])
def test_an_empty_database_path_is_exit_2(how, tmp_path, monkeypatch):
    data_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))  # where the default database would go
    monkeypatch.delenv("SCALP_TUI_DB", raising=False)
    if how == "--db":
        code, out, err = run("--db", "", "log")
    else:
        monkeypatch.setenv("SCALP_TUI_DB", "")
        code, out, err = run("log")
    assert (code, out) == (2, "")
    assert how in the_error_line(err)
    assert not data_home.exists()


# -- 3. the database path is checked before it is opened ---------------------------------


def test_a_fifo_as_the_database_is_exit_3_at_once(tmp_path):
    fifo = tmp_path / "scalp.json"
    os.mkfifo(fifo)
    for args in (["status"], ["log"], ["--start-fresh", "status"]):
        code, err = spawn("--db", str(fifo), *args, timeout=20)  # a read would block forever
        assert code == 3
        line = the_error_line(err)
        assert str(fifo) in line and "FIFO" in line
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scalp.json"]


def test_a_device_as_the_database_is_exit_3(tmp_path):
    device = tmp_path / "scalp.json"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("cannot make a device node here")
    for args in (["status"], ["log"]):
        code, out, err = run_db(device, *args)
        assert (code, out) == (3, "")
        assert str(device) in the_error_line(err) and "device" in err
        assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_folder_as_the_database_is_exit_3_and_start_fresh_leaves_it(tmp_path):
    folder = tmp_path / "scalp.json"
    folder.mkdir()
    (folder / "keep").write_text("mine")
    for args in (["status"], ["--start-fresh", "log"]):
        code, out, err = run_db(folder, *args)
        assert (code, out) == (3, "")
        assert str(folder) in the_error_line(err) and "folder" in err
    assert (folder / "keep").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scalp.json"]


@pytest.mark.parametrize("args", [["log"], ["status"], ["--start-fresh", "log"]])
def test_a_database_the_user_made_read_only_is_exit_3_and_kept(seeded_db, args):
    seeded_db.chmod(0o444)
    before = seeded_db.read_bytes()
    code, out, err = run_db(seeded_db, *args)
    assert (code, out) == (3, "")
    line = the_error_line(err)
    assert str(seeded_db) in line and "read-only" in line
    assert seeded_db.read_bytes() == before
    assert stat.S_IMODE(seeded_db.stat().st_mode) == 0o444
    assert [p.name for p in seeded_db.parent.iterdir() if "corrupt" in p.name] == []


def test_a_missing_or_zero_byte_file_is_a_new_database(tmp_path):
    missing = tmp_path / "new" / "scalp.json"
    assert run_db(missing, "log")[0] == 0
    empty = tmp_path / "empty.json"
    empty.touch()
    assert run_db(empty, "log")[0] == 0
    assert len(json.loads(empty.read_text())["sessions"]) == 1


def test_a_symlink_to_a_database_file_is_not_refused(seeded_db, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(seeded_db)
    code, out, err = run_db(link, "status", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["sessions_done"] == 11


# -- 4. export -o never writes over the database -----------------------------------------


def database_files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "target",
    ["itself", "relative", "symlink", "lock", "temp", "relative-database", "database-symlink"],
)
def test_export_refuses_the_database_and_its_lock_and_temp_files(
    seeded_db, tmp_path, monkeypatch, target
):
    db = seeded_db
    assert (db.parent / "scalp.json.lock").exists()  # seeding took the lock
    db_arg, output = str(db), str(db)
    if target == "relative":
        monkeypatch.chdir(tmp_path)
        output = os.path.join("data", "..", "data", "scalp.json")
    elif target == "symlink":
        (tmp_path / "link.csv").symlink_to(db)
        output = str(tmp_path / "link.csv")
    elif target == "lock":
        output = str(db.parent / "scalp.json.lock")
    elif target == "temp":
        output = str(db.parent / ".scalp.json.x1y2z3.tmp")
    elif target == "relative-database":
        monkeypatch.chdir(db.parent)
        db_arg = "scalp.json"
    elif target == "database-symlink":
        (tmp_path / "db-link.json").symlink_to(db)
        db_arg = str(tmp_path / "db-link.json")
    before = database_files(db)
    for kind in ("csv", "json", "ics"):
        code, out, err = run("--db", db_arg, "export", kind, "-o", output)
        assert (code, out) == (2, "")
        assert "database" in the_error_line(err)
        assert database_files(db) == before


def test_export_beside_the_database_still_works(seeded_db):
    code, _, err = run_db(seeded_db, "export", "csv", "-o", str(seeded_db.parent / "s.csv"))
    assert code == 0 and "Wrote" in err
    assert (seeded_db.parent / "s.csv").read_text().startswith("id,date,")


async def test_the_export_dialog_refuses_the_database(app_factory, seeded_repo, db_path):
    from textual.widgets import Input

    from scalp_tui.ui.screens.export import ExportDialog
    from scalp_tui.ui.widgets.messages import InlineError

    before = db_path.read_bytes()
    app = app_factory()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        dialog = ExportDialog("csv")
        await app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one("#export-path", Input).value = str(db_path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "database" in str(dialog.query_one("#export-error", InlineError).render())
    assert db_path.read_bytes() == before


# -- 5. import refuses what it should not read -------------------------------------------


def test_a_backup_over_50_mb_is_refused_before_it_is_read(seeded_db, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: no disk, no memory
    before = seeded_db.read_bytes()
    code, out, err = run_db(seeded_db, "import", "--replace", str(big))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert str(big) in line and "50 MB" in line and "JSON" not in line
    assert seeded_db.read_bytes() == before


def test_a_fifo_or_folder_as_the_backup_is_exit_2_at_once(seeded_db, tmp_path):
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    before = seeded_db.read_bytes()
    code, err = spawn("--db", str(seeded_db), "import", str(fifo), timeout=20)
    assert code == 2
    assert str(fifo) in the_error_line(err)
    code, out, err = run_db(seeded_db, "import", str(tmp_path))
    assert (code, out) == (2, "")
    assert "folder" in the_error_line(err)
    assert seeded_db.read_bytes() == before


# -- 6. --start-fresh moves aside every broken file it reports --------------------------


def corrupt_copies(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.corrupt-*"))


def break_first_session(db: Path, how: str) -> bytes:
    data = json.loads(db.read_text())
    session = next(iter(data["sessions"].values()))
    if how == "missing-date":
        del session["date"]
    else:
        session["redness"] = 99
    db.write_text(json.dumps(data))
    return db.read_bytes()


@pytest.mark.parametrize("how", ["missing-date", "redness-99"])
def test_start_fresh_moves_aside_a_database_with_a_bad_record(seeded_db, how):
    broken = break_first_session(seeded_db, how)
    code, _, err = run_db(seeded_db, "status")
    assert code == 3 and "--start-fresh" in the_error_line(err)
    assert seeded_db.read_bytes() == broken
    code, out, err = run_db(seeded_db, "--start-fresh", "status", "--json")
    assert (code, err) == (0, "")
    assert "Moved the broken database aside" in out
    [moved] = corrupt_copies(seeded_db)
    assert moved.read_bytes() == broken
    assert run_db(seeded_db, "log")[0] == 0


@pytest.mark.parametrize("error", [CorruptDatabase, ForeignDatabase, InvalidDatabase])
def test_start_fresh_moves_aside_each_kind_of_broken_file(seeded_db, monkeypatch, error):
    import scalp_tui.factory

    real = scalp_tui.factory.open_repository
    calls: list[Path] = []

    def refusing_once(path: Path, *args: object, **kwargs: object) -> Repository:
        calls.append(path)
        if len(calls) == 1:
            raise error(path, "a record in 'sessions' holds redness 99")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scalp_tui.factory, "open_repository", refusing_once)
    code, out, _ = run_db(seeded_db, "--start-fresh", "status")
    assert code == 0 and "Moved the broken database aside" in out
    assert len(corrupt_copies(seeded_db)) == 1


@pytest.mark.parametrize("error", [CorruptDatabase, ForeignDatabase, InvalidDatabase])
def test_the_hint_names_start_fresh_for_a_broken_file(seeded_db, monkeypatch, error):
    import scalp_tui.commands

    def refusing(path: Path, *args: object, **kwargs: object) -> Repository:
        raise error(path, "a record in 'sessions' holds redness 99")

    monkeypatch.setattr(scalp_tui.commands, "open_repository", refusing)
    code, _, err = run_db(seeded_db, "status")
    assert code == 3
    assert "--start-fresh" in the_error_line(err)


def test_start_fresh_leaves_a_newer_database_alone(seeded_db):
    data = json.loads(seeded_db.read_text())
    data["_meta"]["1"]["schema_version"] = 99
    seeded_db.write_text(json.dumps(data))
    before = seeded_db.read_bytes()
    code, out, err = run_db(seeded_db, "--start-fresh", "status")
    assert (code, out) == (3, "")
    line = the_error_line(err)
    assert "newer" in line and "--start-fresh" not in line
    assert seeded_db.read_bytes() == before
    assert corrupt_copies(seeded_db) == []


# -- 7. a failed app run is a failed process ---------------------------------------------


def test_a_crashed_app_exits_non_zero(db_path, monkeypatch, capsys):
    from textual.app import App

    import scalp_tui.factory

    class Crashing(App[None]):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

    def build_crashing(repository: Repository, clock: object = None) -> App[None]:
        app = Crashing()
        run_app = app.run
        monkeypatch.setattr(app, "run", lambda: run_app(headless=True))
        return app

    monkeypatch.setattr(scalp_tui.factory, "build_app", build_crashing)
    try:
        code = main(["--db", str(db_path)], clock=FakeClock(NOW))
    finally:
        gc.unfreeze()
    assert code != 0
    assert "boom" in capsys.readouterr().err  # Textual reported it; the process must fail too


# -- 8. the commands do not import the CLI -------------------------------------------------


def test_the_commands_module_does_not_import_the_cli():
    probe = "import sys, scalp_tui.commands; print('scalp_tui.cli' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_a_write_failing_without_a_file_name_names_the_database(seeded_db, monkeypatch):
    """EIO from fsync carries no file name: the line names the database."""

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    before = seeded_db.read_bytes()
    monkeypatch.setattr("scalp_tui.store.atomic.os.fsync", failing_fsync)
    code, out, err = run_db(seeded_db, "log")
    monkeypatch.undo()
    assert (code, out) == (3, "")
    line = the_error_line(err)
    assert str(seeded_db) in line and os.strerror(errno.EIO) in line
    assert seeded_db.read_bytes() == before
