"""One session, one window: a lock held by the process that runs a guided session.

The lock is an OS file lock (``flock`` through filelock) on ``<database>.session.lock``, held
from the safety check's "yes" (or a resume) until the session ends or the process exits. The
operating system drops it when its process dies, however it dies, so a crashed window never
blocks the next one: there is no pid or heartbeat to go stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import BaseFileLock


def session_lock_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".session.lock")


class SessionLock:
    """Taken without waiting: either this process runs the session, or it says who does."""

    def __init__(self, db_file: Path) -> None:
        self.path = session_lock_path(db_file)
        self._lock: BaseFileLock | None = None

    def _file_lock(self) -> BaseFileLock:
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(self.path, timeout=0, mode=0o600)
        return self._lock

    @property
    def held(self) -> bool:
        """This process holds it."""
        return self._lock is not None and self._lock.is_locked

    def acquire(self) -> bool:
        """Take the lock; False when another live process holds it."""
        if self.held:
            return True
        from filelock import Timeout

        try:
            self._file_lock().acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self.held:
            assert self._lock is not None
            self._lock.release(force=True)

    def held_elsewhere(self) -> bool:
        """Another live process runs a session on this database."""
        if self.held:
            return False
        if not self.acquire():
            return True
        self.release()
        return False
