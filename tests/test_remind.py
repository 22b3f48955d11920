"""``scalp-tui remind`` and ``status --short``: what is said, the notifier, the daily timer.

Notifiers are fakes on PATH (small scripts that append their argv to a log, one line per call,
arguments separated by tabs); PATH holds nothing else, so the real ``notify-send`` and
``systemctl`` are never run. A fake ``systemctl`` is there to show ``--install`` on Linux and to
prove that it is never called. Unit files go to a temporary HOME or XDG_CONFIG_HOME. Tests wait
for log lines with a deadline, never a fixed sleep.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from scalp_tui.actions import log_session
from scalp_tui.cli import main
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.regimen import Preset, default_weekdays, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.factory import open_repository
from scalp_tui.remind.notifier import applescript_string, notify
from scalp_tui.remind.schedule import (
    CRON_BUS,
    DISABLE,
    ENABLE,
    config_home,
    crontab_line,
    parse_time_of_day,
    program_command,
    systemd_quote,
)
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, TODAY
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
DEADLINE_S = 20.0
DAY = dt.timedelta(days=1)


# -- fakes -----------------------------------------------------------------------------------


@dataclass
class FakeBin:
    """A folder of fake programs, to be the whole PATH."""

    folder: Path
    log: Path

    def add(self, name: str, *, status: int = 0, said: str = "", hang: bool = False) -> Path:
        """A fake ``name`` that logs ``name<TAB>arg<TAB>...``, prints ``said`` on stderr and
        exits ``status`` (or hangs, as a notifier without a bus can, its process id written to
        ``pid_file(name)`` first)."""
        script = self.folder / name
        script.write_text(
            "#!/bin/sh\n"
            f'line="{name}"\n'
            'for arg in "$@"; do line="$line\t$arg"; done\n'
            f"printf '%s\\n' \"$line\" >> '{self.log}'\n"
            + (f"printf '%s\\n' '{said}' >&2\n" if said else "")
            + (
                f"echo $$ > '{self.pid_file(name)}'\nexec sleep 60\n"
                if hang
                else f"exit {status}\n"
            )
        )
        script.chmod(0o755)
        return script

    def pid_file(self, name: str) -> Path:
        return self.log.with_name(f"{name}.pid")

    def calls(self, name: str | None = None) -> list[list[str]]:
        if not self.log.exists():
            return []
        lines = [line.split("\t") for line in self.log.read_text().splitlines()]
        return [line for line in lines if name is None or line[0] == name]

    def wait_calls(self, name: str, count: int = 1) -> list[list[str]]:
        wait_until(lambda: len(self.calls(name)) >= count, f"{count} call(s) of {name}", DEADLINE_S)
        return self.calls(name)

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=str(self.folder))


@pytest.fixture
def fake_bin(tmp_path: Path) -> FakeBin:
    folder = tmp_path / "bin"
    folder.mkdir()
    return FakeBin(folder, tmp_path / "calls.log")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_bin: FakeBin) -> Path:
    """A temporary HOME, no XDG_CONFIG_HOME, PATH = the fake programs only."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("SCALP_TUI_DB", raising=False)
    monkeypatch.setenv("PATH", str(fake_bin.folder))
    return folder


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FakeClock(NOW), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# -- the situations (today is Mon 2026-11-23) ------------------------------------------------


def weekly_from(repo: Repository, start: dt.date) -> None:
    # Photo check-ins off: these cases are about sessions (tests/test_cli_photos.py has them).
    repo.save_settings(Settings(photo_every_weeks=0))
    repo.save_plan(make_plan(start, 0.5, Preset.WEEKLY, default_weekdays(start)))


def nothing_due(repo: Repository) -> None:
    weekly_from(repo, TODAY + 13 * DAY)  # a plan that starts in two weeks


def due_today(repo: Repository) -> None:
    weekly_from(repo, TODAY)


def late(repo: Repository) -> None:
    weekly_from(repo, TODAY - 4 * DAY)  # Thu 19 Nov not done; a session until 25 Nov counts


def missed_and_due(repo: Repository) -> None:
    weekly_from(repo, TODAY - 7 * DAY)  # Mon 16 Nov's window closed today, and today is due


def cleaning_open(repo: Repository) -> None:
    nothing_due(repo)
    log_session(repo, TODAY, TODAY)  # an extra session today: its roller not cleaned yet


def due_and_cleaning(repo: Repository) -> None:
    three_days_ago = TODAY - 3 * DAY
    log_session(repo, three_days_ago, three_days_ago)  # its cleaning never ticked
    due_today(repo)


SITUATIONS = {
    "nothing due": (nothing_due, ""),
    "due today": (due_today, "roll today"),
    "late": (late, "overdue since Thu 19 Nov"),
    "missed and due": (missed_and_due, "roll today; overdue since Mon 16 Nov"),
    "cleaning open": (cleaning_open, "clean the roller"),
    "due and cleaning": (due_and_cleaning, "roll today; clean the roller"),
}
DUE = [name for name, (_, line) in SITUATIONS.items() if line]


@pytest.mark.parametrize("name", SITUATIONS)
def test_status_short_says_what_is_due_on_one_line(repo, db_path, name):
    seed, line = SITUATIONS[name]
    seed(repo)
    code, out, err = run(db_path, "status", "--short")
    assert (code, err) == (0, "")
    assert out == (line + "\n" if line else "")  # nothing at all when nothing is due


def test_status_short_of_a_new_database_is_empty(db_path):
    assert run(db_path, "status", "--short") == (0, "", "")


# -- remind: the notification ----------------------------------------------------------------


@pytest.mark.parametrize("name", DUE)
def test_remind_notifies_once_and_prints_the_same_line(repo, db_path, home, fake_bin, name):
    seed, line = SITUATIONS[name]
    seed(repo)
    fake_bin.add("notify-send")
    code, out, err = run(db_path, "remind")
    assert (code, out, err) == (0, line + "\n", "")
    [call] = fake_bin.wait_calls("notify-send")
    assert call[1:] == ["--app-name=scalp-tui", "--", "scalp-tui", line]


def test_nothing_due_is_silent_and_calls_no_notifier(repo, db_path, home, fake_bin):
    nothing_due(repo)
    fake_bin.add("notify-send")
    assert run(db_path, "remind") == (0, "", "")
    # the notifier runs before remind returns, or never: there is nothing to wait for
    assert fake_bin.calls() == []


def test_print_only_prints(repo, db_path, home, fake_bin):
    due_today(repo)
    fake_bin.add("notify-send")
    assert run(db_path, "remind", "--print") == (0, "roll today\n", "")
    assert fake_bin.calls() == []


def test_osascript_when_there_is_no_notify_send(repo, db_path, home, fake_bin):
    due_and_cleaning(repo)
    fake_bin.add("osascript")
    code, out, _ = run(db_path, "remind")
    assert (code, out) == (0, "roll today; clean the roller\n")
    [call] = fake_bin.wait_calls("osascript")
    assert call[1:] == [
        "-e",
        'display notification "roll today; clean the roller" with title "scalp-tui"',
    ]


def test_no_notifier_found_prints_and_exits_0(repo, db_path, home, fake_bin):
    due_today(repo)
    code, out, err = run(db_path, "remind")
    assert (code, out) == (0, "roll today\n")
    assert err.startswith("scalp-tui: note: no notify-send or osascript found")
    assert len(err.splitlines()) == 1


def test_a_failing_notifier_never_fails_the_command(repo, db_path, home, fake_bin):
    late(repo)
    fake_bin.add("notify-send", status=1, said="Cannot autolaunch D-Bus without X11 $DISPLAY")
    code, out, err = run(db_path, "remind")
    assert (code, out) == (0, "overdue since Thu 19 Nov\n")
    fake_bin.wait_calls("notify-send")
    assert err == (
        "scalp-tui: note: notify-send failed (exit 1): Cannot autolaunch D-Bus without X11 "
        "$DISPLAY; printed only\n"
    )


@pytest.mark.slow  # waits for a hung process: make test-fast leaves it out
def test_a_notifier_that_hangs_is_given_up_on(fake_bin):
    fake_bin.add("notify-send", hang=True)
    problem = notify("roll today", which=fake_bin.which, timeout=0.5)
    assert problem == "notify-send did not answer within 0.5 s: no desktop notification"
    [call] = fake_bin.wait_calls("notify-send")
    assert call[-1] == "roll today"  # it was run with the text, and hung
    # Given up on: the hung notifier was stopped and reaped, not left running.
    pid_file = fake_bin.pid_file("notify-send")
    wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(), "its process id")
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_notifier_that_cannot_start_is_a_note(tmp_path):
    broken = tmp_path / "notify-send"
    broken.write_text("#!/nonexistent/interpreter\n")
    broken.chmod(0o755)
    problem = notify("roll today", which=lambda name: str(broken) if name == broken.name else None)
    assert problem is not None and problem.startswith("cannot run notify-send")


def test_remind_in_a_real_process_finds_the_notifier_on_path(tmp_path, fake_bin):
    """The real clock: a plan from the real today is due today."""
    db = tmp_path / "real.json"
    due_today_for_real = dt.date.today()
    repo = open_repository(db)
    weekly_from(repo, due_today_for_real)
    fake_bin.add("notify-send")
    env = {"PATH": str(fake_bin.folder), "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "scalp_tui", "--db", str(db), "remind"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "roll today\n", "")
    [call] = fake_bin.wait_calls("notify-send")
    assert call[-1] == "roll today"


# -- remind --install, --uninstall -----------------------------------------------------------


def unit_files(config: Path) -> tuple[Path, Path]:
    folder = config / "systemd" / "user"
    return folder / "scalp-tui-remind.timer", folder / "scalp-tui-remind.service"


def exec_start(service: Path) -> list[str]:
    [line] = [x for x in service.read_text().splitlines() if x.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def verify_with_systemd(*units: Path) -> None:
    """``systemd-analyze verify`` in system mode (a user manager needs a login session, which a
    test machine may lack): it parses the files the same way and checks the command exists."""
    analyze = shutil.which("systemd-analyze", path=os.defpath + ":/usr/bin:/bin")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    proc = subprocess.run(
        [analyze, "verify", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_install_writes_a_persistent_timer_and_a_service_with_absolute_paths(
    db_path, home, fake_bin
):
    fake_bin.add("systemctl")
    code, out, err = run(db_path, "remind", "--install", "--at", "07:05")
    assert (code, err) == (0, "")
    timer, service = unit_files(home / ".config")
    text = timer.read_text()
    assert "\nOnCalendar=*-*-* 07:05:00\n" in text
    assert "\nPersistent=true\n" in text
    assert "\nWantedBy=timers.target\n" in text
    command = exec_start(service)
    assert os.path.isabs(command[0]) and os.access(command[0], os.X_OK)
    assert command[-3:] == ["--db", str(db_path.absolute()), "remind"]
    assert f"Wrote {timer}" in out and f"Wrote {service}" in out
    assert out.rstrip().endswith(ENABLE)
    assert fake_bin.calls() == []  # systemd is told nothing: the user runs the printed command
    verify_with_systemd(timer, service)


def test_install_defaults_to_nine_and_honours_xdg_config_home(
    tmp_path, db_path, home, fake_bin, monkeypatch
):
    fake_bin.add("systemctl")
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert run(db_path, "remind", "--install")[0] == 0
    timer, service = unit_files(config)
    assert "\nOnCalendar=*-*-* 09:00:00\n" in timer.read_text()
    assert service.exists()
    assert not (home / ".config").exists()
    # installing again (another time) replaces the files
    assert run(db_path, "remind", "--install", "--at", "21:30")[0] == 0
    assert "\nOnCalendar=*-*-* 21:30:00\n" in timer.read_text()
    assert sorted(p.name for p in timer.parent.iterdir()) == [service.name, timer.name]


def test_install_without_db_leaves_the_database_to_the_default(tmp_path, home, fake_bin):
    fake_bin.add("systemctl")
    out, err = io.StringIO(), io.StringIO()
    assert main(["remind", "--install"], clock=FakeClock(NOW), stdout=out, stderr=err) == 0
    _, service = unit_files(home / ".config")
    assert "--db" not in exec_start(service)
    assert exec_start(service)[-1] == "remind"


def test_uninstall_removes_the_files_and_says_how_to_stop_the_timer(db_path, home, fake_bin):
    fake_bin.add("systemctl")
    run(db_path, "remind", "--install")
    timer, service = unit_files(home / ".config")
    wants = timer.parent / "timers.target.wants"
    wants.mkdir()
    (wants / timer.name).symlink_to(timer)  # what ``systemctl --user enable`` makes
    code, out, err = run(db_path, "remind", "--uninstall")
    assert (code, err) == (0, "")
    assert not timer.exists() and not service.exists()
    assert not (wants / timer.name).is_symlink()
    assert f"Removed {timer}" in out and f"Removed {service}" in out
    assert out.rstrip().endswith(DISABLE)
    assert fake_bin.calls() == []
    code, out, _ = run(db_path, "remind", "--uninstall")
    assert code == 0 and "nothing to remove" in out


def test_without_systemd_install_prints_the_crontab_line(db_path, home, fake_bin):
    code, out, err = run(db_path, "remind", "--install", "--at", "7:05")
    assert (code, err) == (0, "")
    line = out.splitlines()[-1]
    assert line.startswith(f"5 7 * * * {CRON_BUS} /")
    assert CRON_BUS == "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus"
    assert line.endswith(f" --db {db_path.absolute()} remind >/dev/null")
    assert not (home / ".config").exists()
    code, out, _ = run(db_path, "remind", "--uninstall")
    assert code == 0 and "crontab -e" in out


@pytest.mark.parametrize("at", ["25:00", "24:00", "12:60", "9", "noon", "09:00:00", " 9:00"])
def test_a_bad_time_is_exit_2_with_one_line_and_writes_nothing(db_path, home, fake_bin, at):
    fake_bin.add("systemctl")
    code, out, err = run(db_path, "remind", "--install", "--at", at)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith("scalp-tui: error: argument --at: ")
    assert not (home / ".config").exists()


def test_at_needs_install(db_path, home):
    code, out, err = run(db_path, "remind", "--at", "09:00")
    assert (code, out) == (2, "")
    assert err.startswith("scalp-tui: error: --at goes with --install")
    assert len(err.splitlines()) == 1


def test_a_config_folder_that_cannot_be_written_is_one_line(
    tmp_path, db_path, home, fake_bin, monkeypatch
):
    fake_bin.add("systemctl")
    blocker = tmp_path / "config-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    code, out, err = run(db_path, "remind", "--install")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith("scalp-tui: error: ") and str(blocker) in line


def test_the_installed_executable_runs_the_reminder(tmp_path, fake_bin):
    """The console script started by a relative path, as a shell may: the service names it by
    its absolute path, and that command, run as systemd would (PATH of the fakes only, another
    folder), reminds."""
    script = Path(sys.executable).parent / "scalp-tui"
    if not script.exists():
        pytest.skip("scalp-tui is not installed in this Python's environment")
    fake_bin.add("systemctl")
    fake_bin.add("notify-send")
    db = tmp_path / "real.json"
    weekly_from(open_repository(db), dt.date.today())
    home = tmp_path / "home"
    env = {"PATH": str(fake_bin.folder), "HOME": str(home)}
    relative = os.path.relpath(script, tmp_path)
    install = subprocess.run(
        [relative, "--db", "real.json", "remind", "--install"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (install.returncode, install.stderr) == (0, "")
    _, service = unit_files(home / ".config")
    command = exec_start(service)
    assert command == [os.path.abspath(script), "--db", str(db), "remind"]
    reminded = subprocess.run(
        command, cwd="/", env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert (reminded.returncode, reminded.stdout) == (0, "roll today\n")
    assert fake_bin.wait_calls("notify-send")[0][-1] == "roll today"
    assert fake_bin.calls("systemctl") == []


# -- the pure parts --------------------------------------------------------------------------


def test_parse_time_of_day():
    assert parse_time_of_day("09:00") == dt.time(9, 0)
    assert parse_time_of_day("7:05") == dt.time(7, 5)
    assert parse_time_of_day("23:59") == dt.time(23, 59)
    with pytest.raises(ValueError, match="not a time of day"):
        parse_time_of_day("25:00")


def test_systemd_quoting_keeps_spaces_and_escapes_specifiers():
    assert systemd_quote("/usr/bin/scalp-tui") == "/usr/bin/scalp-tui"
    assert systemd_quote("/home/a b/scalp.json") == '"/home/a b/scalp.json"'
    assert systemd_quote('/x/"q"\\') == '"/x/\\"q\\"\\\\"'
    assert systemd_quote("/x/100%/$HOME") == '"/x/100%%/$$HOME"'
    with pytest.raises(ValueError, match="control character"):
        systemd_quote("/x\ny")


def test_crontab_line_quotes_for_the_shell_and_escapes_percent():
    line = crontab_line(["/opt/my tools/scalp-tui", "--db", "/d/50%.json", "remind"], dt.time(8, 0))
    # cron turns "\\%" into "%" before the shell reads the line
    assert line == (
        f"0 8 * * * {CRON_BUS} '/opt/my tools/scalp-tui' --db /d/50\\%.json remind >/dev/null"
    )


def test_applescript_strings_escape_quotes_and_backslashes():
    assert applescript_string('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'


def test_program_command_is_absolute(tmp_path):
    script = tmp_path / "scalp-tui"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert program_command(str(script), which=lambda _: None) == [str(script)]
    main_py = str(ROOT / "scalp_tui" / "__main__.py")
    assert program_command(main_py) == [os.path.abspath(sys.executable), "-m", "scalp_tui"]
    found = str(tmp_path / "elsewhere" / "scalp-tui")
    assert program_command("/usr/bin/pytest", which=lambda _: found) == [found]
    fallback = program_command("/usr/bin/pytest", which=lambda _: None)
    assert fallback == [os.path.abspath(sys.executable), "-m", "scalp_tui"]


def test_remind_does_not_import_textual(tmp_path):
    probe = (
        "import sys\n"
        "from scalp_tui.cli import main\n"
        f"main(['--db', {str(tmp_path / 'db.json')!r}, 'remind', '--print'])\n"
        f"main(['--db', {str(tmp_path / 'db.json')!r}, 'status', '--short'])\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    modules = set(out.split())
    assert "scalp_tui.remind" in modules and "scalp_tui.domain.reminder" in modules
    assert not {m for m in modules if m.split(".")[0] in {"textual", "rich"}}


# -- hostile paths and files (issue 21, case 16) ---------------------------------------------
#
# Each: exit 2 with one ``scalp-tui: error:`` line, nothing on stdout and nothing written, or
# the right thing done.


def one_error_line(err: str) -> str:
    [line] = err.splitlines()
    assert line.startswith("scalp-tui: error: ")
    return line


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a symlink's target."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (os.readlink(p) if p.is_symlink() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


@pytest.mark.parametrize("systemd", [False, True], ids=["cron", "systemd"])
@pytest.mark.parametrize(
    "name", ["a\n* * * * * touch pwned #.json", "a\rb.json", "a\x1b[2Jb.json", "a\u2028b.json"]
)
def test_a_database_path_with_a_control_character_is_refused(
    tmp_path, home, fake_bin, systemd, name
):
    """Without systemctl the crontab line was printed with the newline in it: a second cron
    entry of the path's choosing."""
    if systemd:
        fake_bin.add("systemctl")
    db = tmp_path / name
    code, out, err = run(db, "remind", "--install")
    assert (code, out) == (2, "")
    line = one_error_line(err)
    assert "control character" in line
    assert tree(home) == {}


def test_the_crontab_line_and_the_unit_refuse_control_characters():
    for word in ["/x\ny", "/x\ty", "/x\x00y", "/x\x7fy", "/x\x85y", "/x\u2029y"]:
        with pytest.raises(ValueError, match="control character"):
            crontab_line(["/bin/scalp-tui", "--db", word, "remind"], dt.time(9, 0))
        with pytest.raises(ValueError, match="control character"):
            systemd_quote(word)


def test_a_relative_home_is_refused(tmp_path, db_path, home, fake_bin, monkeypatch):
    """HOME=relhome wrote relhome/.config/systemd/user/ under the current folder, where
    systemd never reads."""
    fake_bin.add("systemctl")
    monkeypatch.setenv("HOME", "relhome")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(db_path, "remind", "--install")
    assert (code, out) == (2, "")
    assert "HOME" in one_error_line(err) and "absolute" in err
    assert not (tmp_path / "relhome").exists()
    code, out, err = run(db_path, "remind", "--uninstall")
    assert (code, out) == (2, "")
    one_error_line(err)


def test_without_home_the_accounts_home_folder_is_used():
    import pwd

    account = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert config_home({}) == account / ".config"
    assert config_home({"HOME": ""}) == account / ".config"
    assert config_home({"HOME": "/h", "XDG_CONFIG_HOME": "rel"}) == Path("/h/.config")
    assert config_home({"HOME": "/h", "XDG_CONFIG_HOME": "/c"}) == Path("/c")


def test_a_symlinked_unit_is_not_replaced(tmp_path, db_path, home, fake_bin):
    fake_bin.add("systemctl")
    timer, service = unit_files(home / ".config")
    service.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.service"
    elsewhere.write_text("[Service]\nExecStart=/bin/true\n")
    service.symlink_to(elsewhere)
    before = tree(home), elsewhere.read_bytes()
    code, out, err = run(db_path, "remind", "--install")
    assert (code, out) == (2, "")
    assert str(service) in one_error_line(err) and "symbolic link" in err
    assert (tree(home), elsewhere.read_bytes()) == before
    assert not timer.exists()


@pytest.mark.parametrize("which", ["timer", "service"])
def test_a_unit_scalp_tui_did_not_write_is_neither_replaced_nor_removed(
    db_path, home, fake_bin, which
):
    fake_bin.add("systemctl")
    assert run(db_path, "remind", "--install")[0] == 0
    timer, service = unit_files(home / ".config")
    theirs = timer if which == "timer" else service
    theirs.write_text("[Unit]\nDescription=the user's own\n")
    before = tree(home)
    for action in ("--install", "--uninstall"):
        code, out, err = run(db_path, "remind", action)
        assert (code, out) == (2, "")
        line = one_error_line(err)
        assert str(theirs) in line and "not written by scalp-tui" in line
        assert tree(home) == before  # ours, beside it, is not removed either


def test_uninstall_leaves_a_symlinked_unit_alone(tmp_path, db_path, home, fake_bin):
    fake_bin.add("systemctl")
    assert run(db_path, "remind", "--install")[0] == 0
    timer, _ = unit_files(home / ".config")
    kept = tmp_path / "kept.timer"
    timer.rename(kept)
    timer.symlink_to(kept)  # even one pointing at a unit scalp-tui wrote: not its file
    before = tree(home), kept.read_bytes()
    code, out, err = run(db_path, "remind", "--uninstall")
    assert (code, out) == (2, "")
    assert str(timer) in one_error_line(err) and "symbolic link" in err
    assert (tree(home), kept.read_bytes()) == before


def test_a_unit_written_by_an_earlier_scalp_tui_is_replaced_and_removed(db_path, home, fake_bin):
    """The marker line is the one every version wrote first."""
    fake_bin.add("systemctl")
    timer, service = unit_files(home / ".config")
    service.parent.mkdir(parents=True)
    header = (
        "# Written by `scalp-tui remind --install`; `scalp-tui remind --uninstall` removes it.\n"
    )
    service.write_text(header + "[Service]\nExecStart=/old/scalp-tui remind\n")
    timer.write_text(header + "[Timer]\nOnCalendar=*-*-* 08:00:00\n")
    assert run(db_path, "remind", "--install", "--at", "07:00")[0] == 0
    assert "07:00:00" in timer.read_text() and "/old/" not in service.read_text()
    assert run(db_path, "remind", "--uninstall")[0] == 0
    assert tree(home) == {}


def test_a_failed_write_names_the_unit_and_writes_nothing(db_path, home, fake_bin, monkeypatch):
    """The error named ``.scalp-tui-remind.timer.tmp-1234``, a file the user never sees."""
    fake_bin.add("systemctl")
    assert run(db_path, "remind", "--install", "--at", "08:00")[0] == 0
    timer, _ = unit_files(home / ".config")
    before = tree(home)
    real_replace = os.replace

    def full_disk(src, dst):
        if Path(dst) == timer:
            raise OSError(28, "No space left on device", str(src), None, str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    code, out, err = run(db_path, "remind", "--install", "--at", "21:00")
    assert (code, out) == (2, "")
    line = one_error_line(err)
    assert str(timer) in line and "No space left on device" in line and ".tmp" not in line
    assert tree(home) == before  # the service is not half-updated, no temp file is left
