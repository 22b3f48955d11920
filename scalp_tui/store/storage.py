"""A TinyDB storage that keeps the data promises of PRODUCT.md section 5.

TinyDB's own JSONStorage rewrites the file in place (seek, write, truncate): a kill at the
wrong moment leaves a file that no longer parses, and it does nothing for two processes on one
file. This storage instead:

- reads the whole file on every ``read`` (so a read inside the lock sees the other process's
  latest write) and refuses files that are not valid JSON, not ours, or from a newer schema;
- writes with :func:`atomic_write_bytes` (temp file, fsync, ``os.replace``, fsync of folder);
- writes only inside a transaction (``with storage.transaction():``), which holds the
  inter-process lock, re-reads the file, and replaces it once at the end: every
  read-modify-write is serialised across processes, and all or nothing.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scalp_tui.store.atomic import atomic_write_bytes, ensure_private_folder
from scalp_tui.store.errors import (
    CorruptDatabase,
    DatabaseError,
    ForeignDatabase,
    LockedDatabase,
    NewerDatabase,
    UnusableDatabase,
    WriteFailed,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

FORMAT = "scalp-tui"
META_TABLE = "_meta"
META_ID = "1"
SCHEMA_VERSION = 2
LOCK_TIMEOUT_S = 10.0

Data = dict[str, dict[str, Any]]


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"the number {text[:40]} is too big")
    return number


def parse_json(raw: bytes) -> object:
    """Strict JSON: Python's reader also takes NaN and Infinity, and reads 1e999 as an
    infinity, none of which the file can be written back with (``allow_nan=False``). Refused
    here, a file is never read fine and then fails at every write."""
    return json.loads(raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite_float)


def schema_version_of(data: Data) -> int:
    return int(data[META_TABLE][META_ID]["schema_version"])


def check_data(path: Path, data: object, *, newest: int) -> Data | None:
    """Return ``data`` if it is scalp-tui's (``None`` for no data yet), else raise."""
    if data is None:  # no file, or a zero-byte one: a new database
        return None
    if not isinstance(data, dict):
        raise ForeignDatabase(path, "not scalp-tui data (the top level is not a JSON object)")
    if not data:
        raise ForeignDatabase(path, "not scalp-tui data (an empty JSON object)")
    meta = data.get(META_TABLE, {}).get(META_ID) if isinstance(data.get(META_TABLE), dict) else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ForeignDatabase(path, "not scalp-tui data (no scalp-tui marker in the file)")
    if not all(isinstance(table, dict) for table in data.values()):
        raise ForeignDatabase(path, "not scalp-tui data (a table is not a JSON object)")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ForeignDatabase(path, f"not scalp-tui data (schema version {version!r})")
    if version > newest:
        raise NewerDatabase(
            path,
            f"written by a newer scalp-tui (schema version {version}, this one reads up to "
            f"{newest}); upgrade scalp-tui to open it",
        )
    return data


class AtomicJSONStorage:
    """TinyDB storage with atomic replace, an inter-process lock, and transactions.

    It has TinyDB's Storage interface (read, write, close); ``store.tables`` registers it as
    one, so that reading the file for the first screen does not import TinyDB.

    Writes happen only inside :meth:`transaction`: a unit of work. Its outermost block takes
    the lock and reads the file afresh; inside it, ``read`` returns the working copy with every
    write so far, and ``write`` changes only that copy. When the block ends the file is
    replaced once, atomically; when it raises, nothing is written.

    ``path`` is the path the user named; ``file`` is where the bytes go: the target of a
    symlink, so that a linked database is written through and the link stays a link.
    """

    def __init__(
        self,
        path: Path,
        lock_timeout: float = LOCK_TIMEOUT_S,
        schema_version: int = SCHEMA_VERSION,
    ) -> None:
        self.path = path
        self.file = Path(os.path.realpath(path))
        self.lock_timeout = lock_timeout
        self.schema_version = schema_version
        self._lock: BaseFileLock | None = None
        self._depth = 0
        self._work: Data | None = None  # the transaction's working copy
        self._dirty = False
        #: Changes whenever what ``read`` returns may have changed (compare with ``!=``).
        self.revision = 0
        # (inode, mtime, size) -> parsed data; every write replaces the inode, so a changed
        # file never matches. Used only outside transactions: inside one, the file is re-read.
        self._cache: tuple[tuple[int, int, int], Data | None] | None = None
        # The file as this storage last wrote it, or as its caller vouched for every record
        # of it (``trust``); None: no file.
        self._trusted: tuple[int, int, int] | None = None
        #: Set as a transaction begins: the file is not the one trusted (another program or
        #: process wrote it since), so its records must be checked before it is written.
        self.changed_outside = False
        #: Called at the end of every transaction that wrote or failed, still inside the
        #: lock, with the data then on disk (the repository sweeps photo files no record
        #: names). A hook's OSError is ignored: the write itself is done, or already failed.
        self.after_write: list[Callable[[Data | None], None]] = []

    # -- the lock and the unit of work ---------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            from filelock import FileLock  # write path only: start-up and status never pay

            self._lock = FileLock(lock_path(self.file), timeout=self.lock_timeout, mode=0o600)
        from filelock import Timeout

        try:
            ensure_private_folder(self.file.parent)  # the first write to a new database
        except OSError as exc:
            raise WriteFailed(
                self.path, f"cannot create its folder {self.file.parent} ({_reason(exc)})"
            ) from exc
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise LockedDatabase(
                self.path,
                f"locked by another scalp-tui for more than {self.lock_timeout:g} s "
                f"(lock file {lock_path(self.file)})",
            ) from exc
        except OSError as exc:
            raise WriteFailed(self.path, f"cannot create its lock file ({_reason(exc)})") from exc
        try:
            yield
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work: all its writes land in one atomic replace, or none do."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._locked():
            raw, signature = self._read_file()
            self._work = check_data(self.path, raw, newest=self.schema_version)
            self.changed_outside = signature != self._trusted
            self._dirty = False
            self._depth = 1
            self.revision += 1
            try:
                yield
                if self._dirty:
                    self._commit(self._work or {})
                    self._run_after_write(self._work)
            except BaseException:
                if self.after_write:
                    with contextlib.suppress(DatabaseError, OSError):
                        on_disk = self._read_file()[0]
                        newest = self.schema_version
                        self._run_after_write(check_data(self.path, on_disk, newest=newest))
                raise
            finally:
                self._depth = 0
                self._work = None
                self._dirty = False
                self.revision += 1

    def _commit(self, data: Data) -> None:
        if META_TABLE not in data:  # the first write to a new database
            data = {
                META_TABLE: {META_ID: {"format": FORMAT, "schema_version": self.schema_version}},
                **data,
            }
        # allow_nan=False: NaN and infinities are not JSON; the domain refuses them anyway.
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
        try:
            atomic_write_bytes(self.file, payload.encode("utf-8"))
            self._trusted = _signature(os.stat(self.file))  # inside the lock: no other writer
        except OSError as exc:
            raise WriteFailed(self.path, f"not saved: {_reason(exc)}") from exc
        self._cache = None

    def _run_after_write(self, data: Data | None) -> None:
        for hook in self.after_write:
            with contextlib.suppress(OSError):
                hook(data)

    def trust(self) -> None:
        """Every record of the file as last read was checked (``Repository.check``): a
        transaction on that same file needs no second check."""
        if self._cache is not None:
            self._trusted = self._cache[0]

    @property
    def in_transaction(self) -> bool:
        return bool(self._depth)

    # -- Storage API ---------------------------------------------------------------------
    def read_raw(self) -> object | None:
        """Parse the file as it is on disk; ``None`` when it is missing or zero bytes."""
        return self._read_file()[0]

    def _read_file(self) -> tuple[object | None, tuple[int, int, int] | None]:
        """:meth:`read_raw`, and the signature of the very file read (``None``: none)."""
        try:
            with open(self.file, "rb") as handle:
                signature = _signature(os.fstat(handle.fileno()))
                raw = handle.read()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise UnusableDatabase(self.path, f"cannot be read ({_reason(exc)})") from exc
        if not raw:
            return None, signature
        try:
            parsed: object = parse_json(raw)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: also a
            # number of more than 4,300 digits, which Python's JSON refuses
            raise CorruptDatabase(self.path, f"not valid JSON ({str(exc)[:200]})") from exc
        if parsed is None:
            raise ForeignDatabase(self.path, "not scalp-tui data (the JSON value null)")
        return parsed, signature

    def read(self) -> Data | None:
        if self._depth:
            return self._work
        try:
            st = self.file.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UnusableDatabase(self.path, f"cannot be read ({_reason(exc)})") from exc
        if self._cache is not None and self._cache[0] == _signature(st):
            return self._cache[1]
        raw, signature = self._read_file()  # the signature of what was read, not of the stat
        data = check_data(self.path, raw, newest=self.schema_version)
        if signature is None:
            return None  # removed since the stat
        self._cache = (signature, data)
        self.revision += 1
        return data

    def write(self, data: Data) -> None:
        """Change the transaction's working copy; the file is replaced when it ends."""
        if not self._depth:
            raise RuntimeError("AtomicJSONStorage.write called outside a transaction")
        self._work = data
        self._dirty = True
        self.revision += 1

    def close(self) -> None:
        pass


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    """What changes whenever the file does: every write replaces the inode."""
    return st.st_ino, st.st_mtime_ns, st.st_size


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
