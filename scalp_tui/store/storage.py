"""A TinyDB storage that keeps the data promises of PRODUCT.md section 5.

TinyDB's own JSONStorage rewrites the file in place (seek, write, truncate): a kill at the
wrong moment leaves a file that no longer parses, and it does nothing for two processes on one
file. This storage instead:

- reads the whole file on every ``read`` (so a read inside the lock sees the other process's
  latest write) and refuses files that are not valid JSON, not ours, or from a newer schema;
- writes with :func:`atomic_write_bytes` (temp file, fsync, ``os.replace``, fsync of folder);
- refuses to write unless the caller holds the inter-process lock (``with storage.locked():``),
  so every read-modify-write is serialised across processes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scalp_tui.store.atomic import atomic_write_bytes
from scalp_tui.store.errors import (
    CorruptDatabase,
    ForeignDatabase,
    LockedDatabase,
    NewerDatabase,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

FORMAT = "scalp-tui"
META_TABLE = "_meta"
META_ID = "1"
SCHEMA_VERSION = 1
LOCK_TIMEOUT_S = 10.0

Data = dict[str, dict[str, Any]]


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def schema_version_of(data: Data) -> int:
    return int(data[META_TABLE][META_ID]["schema_version"])


def check_data(path: Path, data: object, *, newest: int) -> Data | None:
    """Return ``data`` if it is scalp-tui's (``None`` for no data yet), else raise."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ForeignDatabase(path, "not scalp-tui data (the top level is not a JSON object)")
    if not data:
        return None
    meta = data.get(META_TABLE, {}).get(META_ID) if isinstance(data.get(META_TABLE), dict) else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ForeignDatabase(path, "not scalp-tui data (no scalp-tui marker in the file)")
    if not all(isinstance(table, dict) for table in data.values()):
        raise ForeignDatabase(path, "not scalp-tui data (a table is not a JSON object)")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ForeignDatabase(path, f"not scalp-tui data (schema version {version!r})")
    if version > newest:
        raise NewerDatabase(
            path,
            f"written by a newer scalp-tui (schema version {version}, this one reads up to "
            f"{newest}); upgrade scalp-tui to open it",
        )
    return data


class AtomicJSONStorage:
    """TinyDB storage with atomic replace and an inter-process lock for writes.

    It has TinyDB's Storage interface (read, write, close); ``store.tables`` registers it as
    one, so that reading the file for the first screen does not import TinyDB.
    """

    def __init__(
        self,
        path: Path,
        lock_timeout: float = LOCK_TIMEOUT_S,
        schema_version: int = SCHEMA_VERSION,
    ) -> None:
        self.path = path
        self.lock_timeout = lock_timeout
        self.schema_version = schema_version
        self._lock: BaseFileLock | None = None
        self._depth = 0
        # (inode, mtime, size) -> parsed data; every write replaces the inode, so a changed
        # file never matches. Used only outside the lock: inside it the file is always re-read.
        self._cache: tuple[tuple[int, int, int], Data | None] | None = None

    # -- the lock ------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the inter-process lock; re-entrant. Every write must happen inside it."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self._lock is None:
            from filelock import FileLock  # write path only: start-up and status never pay

            self._lock = FileLock(lock_path(self.path), timeout=self.lock_timeout, mode=0o600)
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout as exc:
            raise LockedDatabase(
                self.path,
                f"locked by another scalp-tui for more than {self.lock_timeout:g} s "
                f"(lock file {lock_path(self.path)})",
            ) from exc
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    # -- Storage API ---------------------------------------------------------------------
    def read_raw(self) -> object | None:
        """Parse the file as it is on disk; ``None`` when it is missing or zero bytes."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw:
            return None
        try:
            parsed: object = json.loads(raw.decode("utf-8"))
            return parsed
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptDatabase(self.path, f"not valid JSON ({exc})") from exc

    def read(self) -> Data | None:
        if self._depth:
            return check_data(self.path, self.read_raw(), newest=self.schema_version)
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        signature = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._cache is not None and self._cache[0] == signature:
            return self._cache[1]
        data = check_data(self.path, self.read_raw(), newest=self.schema_version)
        self._cache = (signature, data)
        return data

    def write(self, data: Data) -> None:
        if not self._depth:
            raise RuntimeError("AtomicJSONStorage.write called without holding the lock")
        if META_TABLE not in data:  # the first write to a new database
            data = {
                META_TABLE: {META_ID: {"format": FORMAT, "schema_version": self.schema_version}},
                **data,
            }
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
        atomic_write_bytes(self.path, payload.encode("utf-8"))
        self._cache = None

    def close(self) -> None:
        pass
