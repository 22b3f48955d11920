"""Every CLI error is one ``scalp-tui: error:`` line, and the database path is checked.

Exit 2 is bad input (an argument, a file the user named); exit 3 a database problem (and an
output that closed early). Real processes where only a real one shows the behaviour: a broken
pipe, bytes in argv that are not UTF-8, a FIFO that would block a read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import gc
import io
import json
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.validation import latest_plan_start
from scalp_tui.store.database import move_aside
from scalp_tui.store.errors import CorruptDatabase, ForeignDatabase, InvalidDatabase
from scalp_tui.store.repository import Repository
from tests.fixed import NOW

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


def spawn(
    *args: str | bytes,
    timeout: float = TIMEOUT_S,
    environ: dict[str, str] | None = None,
    **kwargs: object,
) -> tuple[int, str]:
    """``python -m scalp_tui ARGS`` in a real process: its exit status and its stderr.

    ``environ``: variables to set in the child's environment.
    """
    env = {k: v for k, v in os.environ.items() if k != "SCALP_TUI_DB"} | (environ or {})
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


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("log", "the session on 20"),
        ("plan", "the plan from 2027-01-03 is saved"),
        ("import", "the backup is restored"),
    ],
)
def test_a_write_whose_confirmation_cannot_be_printed_says_it_is_done(
    seeded_db, tmp_path, command, said
):
    """`log > /dev/full` saved the session and then failed with only "broken pipe" (exit 3):
    a script that retried logged it twice. The error now says the write is done."""
    args = {
        "log": ["log", "--note", "into a closed pipe"],
        "plan": ["plan", "--start", "2027-01-03"],
        "import": ["import", str(tmp_path / "backup.json"), "--replace"],
    }[command]
    if command == "import":
        assert run("--db", str(seeded_db), "export", "json", "-o", args[1])[0] == 0
        assert run("--db", str(seeded_db), "log")[0] == 0  # the backup has one session less
    before = seeded_db.read_bytes()
    code, err = run_into_a_closed_pipe(seeded_db, *args)
    assert_no_traceback(err)
    assert code == 3
    line = the_error_line(err)
    assert "broken pipe" in line and said in line
    assert seeded_db.read_bytes() != before  # done, once


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


async def test_the_export_dialog_refuses_the_database(open_app, seeded_repo, db_path):
    from textual.widgets import Input

    from scalp_tui.ui.screens.export import ExportDialog
    from scalp_tui.ui.widgets.messages import InlineError

    before = db_path.read_bytes()
    async with open_app(size=(100, 32)) as (app, pilot):
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
    assert code == 0
    assert json.loads(out)["sessions_done"] == 0  # stdout holds only the command's own output
    [note] = err.splitlines()
    assert note.startswith("scalp-tui: note: moved the broken database aside to ")
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
        return real(path, *args, **kwargs)

    monkeypatch.setattr(scalp_tui.factory, "open_repository", refusing_once)
    code, _, err = run_db(seeded_db, "--start-fresh", "status")
    assert code == 0 and "moved the broken database aside" in err
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


# -- 9. what an attacker found -------------------------------------------------------------
# 9.1 export -o never replaces what is not a regular file, and writes through a symlink


def special_file(folder: Path, kind: str) -> Path:
    """A device (a /dev/null of our own), FIFO, socket, or a symlink to such a device: never
    the real /dev/stdout or /dev/null."""
    node = folder / f"{kind}.csv"
    if kind in {"device", "link-to-device"}:
        device = folder / "null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("cannot make a device node here")
        if kind == "device":
            return device
        node.symlink_to(device.name)
    elif kind == "fifo":
        os.mkfifo(node)
    else:
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(node))
        except OSError:
            pytest.skip("cannot bind a unix socket here (path too long?)")
        finally:
            server.close()
    return node


@pytest.mark.parametrize("kind", ["device", "fifo", "socket", "link-to-device"])
def test_export_refuses_a_device_fifo_or_socket_and_leaves_it(seeded_db, tmp_path, kind):
    node = special_file(tmp_path, kind)
    before = os.lstat(node)
    code, out, err = run_db(seeded_db, "export", "csv", "-o", str(node))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert str(node) in line and "is not a regular file" in line
    after = os.lstat(node)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if node.is_symlink():
        assert stat.S_ISCHR(node.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("dangling", [False, True])
def test_export_writes_through_a_symlink_and_keeps_the_link(seeded_db, tmp_path, dangling):
    target = tmp_path / "real" / "sessions.csv"
    target.parent.mkdir()
    if not dangling:
        target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = run_db(seeded_db, "export", "csv", "-o", str(link))
    assert code == 0 and "Wrote" in err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("id,date,")


def test_export_to_an_empty_file_name_is_exit_2(seeded_db):
    code, out, err = run_db(seeded_db, "export", "csv", "-o", "")
    assert (code, out) == (2, "")
    assert "-o is empty" in the_error_line(err)


def test_export_to_dash_is_standard_output(seeded_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_db(seeded_db, "export", "csv", "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("id,date,")
    assert not (tmp_path / "-").exists()


def test_export_into_a_file_as_if_a_folder_says_it_is_not_a_folder(seeded_db):
    code, out, err = run_db(seeded_db, "export", "csv", "-o", str(seeded_db / "x.csv"))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert f"{seeded_db} is not a folder" in line and "does not exist" not in line


# 9.2 a backup Python's json cannot read is bad input, not a traceback


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "scalp-tui-backup", "schema_version": ' + "1" * 5000 + "}", "4,300 digits"),
        ("[" * 100_000, "nested too deeply"),
    ],
    ids=["huge-integer", "deep-nesting"],
)
def test_a_backup_json_cannot_read_is_exit_2(seeded_db, tmp_path, content, words):
    backup = tmp_path / "backup.json"
    backup.write_text(content)
    before = database_files(seeded_db)
    code, out, err = run_db(seeded_db, "import", "--replace", str(backup))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert str(backup) in line and words in line
    assert database_files(seeded_db) == before


# 9.3 --start-fresh: never over an earlier copy, through a symlink, its note on stderr

FIXED = dt.datetime(2026, 11, 23, 9, 0, 0)


def test_moves_in_one_second_never_overwrite_each_other(tmp_path):
    db = tmp_path / "scalp.json"
    moved = []
    for n in range(3):
        db.write_text(f"broken {n}")
        moved.append(move_aside(db, now=lambda: FIXED))
    stem = "scalp.json.corrupt-20261123T090000"
    assert [p.name for p in moved] == [stem, f"{stem}-2", f"{stem}-3"]
    assert [p.read_text() for p in moved] == ["broken 0", "broken 1", "broken 2"]
    assert not db.exists()


def test_start_fresh_twice_in_one_second_keeps_both_copies(seeded_db, monkeypatch):
    import scalp_tui.cli

    monkeypatch.setattr(
        scalp_tui.cli, "move_aside", functools.partial(move_aside, now=lambda: FIXED)
    )
    first = break_first_session(seeded_db, "redness-99")
    assert run_db(seeded_db, "--start-fresh", "log")[0] == 0
    seeded_db.write_text("{not json")
    assert run_db(seeded_db, "--start-fresh", "log")[0] == 0
    assert [p.read_bytes() for p in corrupt_copies(seeded_db)] == [first, b"{not json"]


def test_start_fresh_moves_a_linked_databases_file_and_keeps_the_link(seeded_db, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(seeded_db)
    broken = break_first_session(seeded_db, "missing-date")
    code, out, err = run("--db", str(link), "--start-fresh", "status", "--json")
    assert code == 0
    assert json.loads(out)["sessions_done"] == 0
    assert "scalp-tui: note: moved the broken database aside" in err
    assert link.is_symlink() and os.readlink(link) == str(seeded_db)
    [moved] = corrupt_copies(seeded_db)
    assert moved.read_bytes() == broken
    assert not any(p.name.startswith("link.json.") for p in tmp_path.iterdir())
    assert run("--db", str(link), "log")[0] == 0  # written through the link
    assert link.is_symlink() and len(json.loads(seeded_db.read_text())["sessions"]) == 1


# 9.4 a closed stdout or stderr (>&-, 2>&-)


def spawn_without(fd: int, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m scalp_tui ARGS`` started with file descriptor ``fd`` closed."""
    env = {k: v for k, v in os.environ.items() if k != "SCALP_TUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "scalp_tui", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
        preexec_fn=lambda: os.close(fd),
    )


@pytest.mark.parametrize("args", [["status"], ["status", "--json"], ["log"]])
def test_a_closed_stdout_is_written_to_nowhere(seeded_db, args):
    proc = spawn_without(1, "--db", str(seeded_db), *args)
    err = proc.stderr.decode()
    assert_no_traceback(err)
    assert proc.returncode == 0, err
    if args == ["log"]:
        assert len(json.loads(seeded_db.read_text())["sessions"]) == 12


@pytest.mark.parametrize(("how", "expected"), [("usage", 2), ("corrupt", 3)])
def test_a_closed_stderr_keeps_the_exit_status(seeded_db, how, expected):
    args = ["status", "--verbose"] if how == "usage" else ["status"]
    if how == "corrupt":
        seeded_db.write_text("{not json")
    proc = spawn_without(2, "--db", str(seeded_db), *args)
    assert (proc.returncode, proc.stdout) == (expected, b"")


# 9.5 Ctrl-C, ~user of no one, a local zone that cannot be told


def test_ctrl_c_is_one_line_and_exit_130(seeded_db, monkeypatch):
    import scalp_tui.commands

    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(scalp_tui.commands, "cmd_status", interrupted)
    try:
        code, out, err = run_db(seeded_db, "status")
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped main")
    assert (code, out, err) == (130, "", "scalp-tui: error: interrupted\n")


def test_a_held_lock_is_said_at_once_and_ctrl_c_while_waiting_is_exit_130(seeded_db):
    from filelock import FileLock

    before = seeded_db.read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "SCALP_TUI_DB"}
    with FileLock(os.path.realpath(seeded_db) + ".lock"):  # another scalp-tui is writing
        proc = subprocess.Popen(
            [sys.executable, "-m", "scalp_tui", "--db", str(seeded_db), "log"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a shell
        )
        assert proc.stderr is not None
        try:
            first = proc.stderr.readline().decode()  # the storage gives up after 10 s
            proc.send_signal(signal.SIGINT)
            rest = proc.stderr.read().decode()
            code = proc.wait(TIMEOUT_S)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stderr.close()
    assert first.startswith("scalp-tui: note: waiting for another scalp-tui to finish writing ")
    assert str(seeded_db) in first
    assert (code, rest) == (130, "scalp-tui: error: interrupted\n")
    assert seeded_db.read_bytes() == before


NO_SUCH_USER = "~nosuchuser-4b1d9e"


def test_a_home_of_no_such_user_is_exit_2(seeded_db, tmp_path):
    code, out, err = run("--db", f"{NO_SUCH_USER}/x.json", "status")
    assert (code, out) == (2, "")
    assert NO_SUCH_USER in the_error_line(err)
    for args in (["export", "csv", "-o", f"{NO_SUCH_USER}/x.csv"], ["import", f"{NO_SUCH_USER}/b"]):
        code, out, err = run_db(seeded_db, *args)
        assert (code, out) == (2, "")
        assert NO_SUCH_USER in the_error_line(err)


#: A local zone Python cannot use: ``TZ=UTC-25`` is an offset of 25 h (the C library makes it
#: 24 h, so a naive local "today" is a day after UTC's).
UNTOLD_ZONE = {"TZ": "UTC-25"}


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def spawn_in_untold_zone(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """``spawn`` in UNTOLD_ZONE: exit status, stdout, stderr."""
    out = tmp_path / "stdout.txt"
    with out.open("wb") as stdout:
        code, err = spawn(*args, environ=UNTOLD_ZONE, stdout=stdout)
    assert_no_traceback(err)
    return code, out.read_text(), err


@pytest.mark.parametrize("command", ["status", "log", "plan"])
def test_a_local_zone_that_cannot_be_told_is_taken_as_utc(tmp_path, command):
    db = str(tmp_path / "scalp.json")
    before = utc_today()
    if command == "status":
        code, out, err = spawn_in_untold_zone(tmp_path, "--db", db, "status", "--json")
        # UTC's date at the run: the same before and after, unless UTC's midnight fell between.
        utc_dates = {before.isoformat(), utc_today().isoformat()}
        assert code == 0, err
        assert json.loads(out)["today"] in utc_dates
    elif command == "log":
        code, out, err = spawn_in_untold_zone(tmp_path, "--db", db, "log")
        utc_dates = {before.isoformat(), utc_today().isoformat()}
        assert code == 0, err
        [session] = json.loads(Path(db).read_text())["sessions"].values()
        assert session["date"] in utc_dates
        assert out == f"Logged a session on {session['date']}.\n"
        recorded = dt.datetime.fromisoformat(session["recorded_at"])
        assert recorded.utcoffset() == dt.timedelta(0)
    else:
        # A plan starts at most a year after today: the limit says which today the app took.
        latest = latest_plan_start(before)
        after_it = (latest + dt.timedelta(days=1)).isoformat()
        code, out, err = spawn_in_untold_zone(tmp_path, "--db", db, "plan", "--start", after_it)
        if utc_today() == before:  # else UTC's midnight fell between: the day is allowed
            assert (code, out) == (2, "")
            assert f"start a plan by {latest}" in the_error_line(err)
        code, out, err = spawn_in_untold_zone(
            tmp_path, "--db", db, "plan", "--start", latest.isoformat()
        )
        assert code == 0, err
        assert out.startswith(f"Plan from {latest.isoformat()} ")


# 9.6 every error, note and warning line is one line of visible text, of bounded length


def test_an_error_line_escapes_a_path_with_a_newline_and_an_escape_sequence(seeded_db, tmp_path):
    weird = tmp_path / "a\nb\x1b]0;PWNED\x07" / "x.csv"
    code, out, err = run_db(seeded_db, "export", "csv", "-o", str(weird))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert "\x1b" not in err and "\x07" not in err
    assert "a b\\x1b]0;PWNED\\x07" in line


def test_a_huge_bad_value_in_a_backup_is_not_quoted_in_full(seeded_db, tmp_path):
    backup = tmp_path / "backup.json"
    assert run_db(seeded_db, "export", "json", "-o", str(backup))[0] == 0
    data = json.loads(backup.read_text())
    data["schema_version"] = "x" * 1_000_000
    backup.write_text(json.dumps(data))
    code, out, err = run_db(seeded_db, "import", "--replace", str(backup))
    assert (code, out) == (2, "")
    line = the_error_line(err)
    assert len(line) < 600 and line.endswith("...")


def test_the_start_fresh_note_is_one_line_of_visible_text(tmp_path):
    db = tmp_path / "x\ny\x1b[2J" / "scalp.json"
    db.parent.mkdir()
    db.write_text("{not json")
    code, out, err = run("--db", str(db), "--start-fresh", "status", "--json")
    assert code == 0 and json.loads(out)["sessions_done"] == 0
    [note] = err.splitlines()
    assert note.startswith("scalp-tui: note: moved the broken database aside to ")
    assert "\x1b" not in note and "x y\\x1b[2J" in note


def test_note_and_warning_lines_are_escaped_and_capped():
    from scalp_tui.errors import MAX_MESSAGE, message_line

    for kind in ("error", "note", "warning"):
        line = message_line(kind, "one\ntwo\x1b[31m" + "z" * 10_000)
        assert line.startswith(f"scalp-tui: {kind}: one two\\x1b[31m")
        assert "\n" not in line and "\x1b" not in line
        assert len(line) == len(f"scalp-tui: {kind}: ") + MAX_MESSAGE and line.endswith("...")
    assert message_line("note", "short") == "scalp-tui: note: short"
