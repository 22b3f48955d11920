"""One session, one window: the session lock between two real processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from scalp_tui.store.session_lock import SessionLock

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from scalp_tui.store.session_lock import SessionLock

    lock = SessionLock(Path(sys.argv[1]))
    print("held" if lock.acquire() else "refused", flush=True)
    sys.stdin.readline()  # hold it until told, or until killed
    """
)


def holder(db: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_session_running_in_another_process_is_refused_until_that_process_is_gone(tmp_path):
    db = tmp_path / "scalp.json"
    other = holder(db)
    mine = SessionLock(db)
    try:
        assert mine.held_elsewhere()
        assert not mine.acquire()
    finally:
        other.kill()  # a crash: no clean release
        other.wait()
    assert not mine.held_elsewhere()
    assert mine.acquire() and mine.held
    assert not mine.held_elsewhere()  # held here is not elsewhere


def test_the_holder_releasing_lets_another_process_take_it(tmp_path):
    db = tmp_path / "scalp.json"
    mine = SessionLock(db)
    assert mine.acquire()
    proc = subprocess.run(
        [sys.executable, "-c", HOLDER, str(db)], input="\n", capture_output=True, text=True
    )
    assert proc.stdout.strip() == "refused"
    mine.release()
    assert not mine.held
    other = holder(db)
    other.communicate("\n")
    assert other.returncode == 0
