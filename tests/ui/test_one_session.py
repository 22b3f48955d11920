"""One session, one window; a failed write keeps the session to retry (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scalp_tui.actions import new_id
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig
from scalp_tui.session_control import RUNNING_ELSEWHERE
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.session import SessionScreen
from scalp_tui.ui.widgets.dialogs import Choice
from tests.pilots import SIZE, Said, go, text_of
from tests.sessions import roll_to_finish

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from scalp_tui.store.session_lock import SessionLock

    lock = SessionLock(Path(sys.argv[1]))  # kept: a lock object that is collected lets go
    assert lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def other_window(seeded_repo: Repository):
    """Another live process holding this database's session."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(seeded_repo.database.storage.file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def interrupted(repo: Repository, clock: FakeClock) -> GuidedSession:
    run = GuidedSession(SessionConfig.from_settings(Settings(), 0.5), clock, new_id())
    run.confirm_safety(clock.now())
    run.next()
    repo.save_active_session(run.snapshot(clock.now()))
    return run


async def test_a_session_running_in_another_window_is_not_offered_here(
    open_app, seeded_repo: Repository, clock: FakeClock, other_window
):
    interrupted(seeded_repo, clock)
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        assert not isinstance(app.screen, Choice)  # no "resume or record as aborted"
        assert any("another scalp-tui window" in message for message in said.messages)
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
    assert seeded_repo.active_session() is not None  # nothing recorded, nothing cleared
    assert len(seeded_repo.sessions()) == 11


async def test_once_the_other_window_is_gone_the_session_can_be_resumed(
    open_app, seeded_repo: Repository, clock: FakeClock, other_window
):
    run = interrupted(seeded_repo, clock)
    other_window.kill()  # the other window crashed: the OS drops its lock
    other_window.wait()
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await go(pilot, "r", SessionScreen)
        assert app.session_screen.run is not None and app.session_screen.run.id == run.id
        assert seeded_repo.session_lock.held


async def test_a_new_session_cannot_start_while_another_window_runs_one(
    open_app, seeded_repo: Repository, other_window
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session_screen.run is not None
        assert not app.session_screen.run.started
        assert RUNNING_ELSEWHERE.split(":")[0] in text_of(app, "#advice")
    assert seeded_repo.active_session() is None


async def test_a_failed_save_at_the_end_keeps_the_session_to_retry(
    open_app, seeded_repo: Repository, monkeypatch: pytest.MonkeyPatch
):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y", "n")
        screen = app.session_screen
        assert screen.run is not None
        roll_to_finish(screen.run)
        screen.show_step()
        await pilot.press("0")
        real_fsync = os.fsync

        def disk_full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)  # no crash, still here
        assert "No space left on device" in text_of(app, "#advice")
        assert screen.run is not None and not screen.run.finished
        monkeypatch.setattr(os, "fsync", real_fsync)
        await pilot.press("ctrl+s")  # retry once there is room
        await pilot.pause()
    saved = seeded_repo.sessions()[-1]
    assert saved.status is SessionStatus.COMPLETED and saved.redness == 0
    assert seeded_repo.active_session() is None
    assert not seeded_repo.session_lock.held


def test_a_failed_app_run_exits_non_zero(tmp_path: Path) -> None:
    """A crash inside the app is a failed run: the process must not exit 0."""
    script = textwrap.dedent(
        """
        import sys
        from scalp_tui import cli
        from scalp_tui.ui.app import ScalpApp

        def boom(self):
            raise RuntimeError("boom")

        ScalpApp.on_mount = boom
        sys.exit(cli.main(["--db", sys.argv[1]]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "scalp.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "dumb"},
        check=False,
    )
    assert done.returncode != 0
