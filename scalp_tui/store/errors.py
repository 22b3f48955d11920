"""The ways a database file can be refused. Each names the file and what is wrong."""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """A database problem: the CLI exits with status 3, the app refuses to start."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class CorruptDatabase(DatabaseError):
    """The file is not valid JSON."""


class ForeignDatabase(DatabaseError):
    """The file is JSON but not scalp-tui's data."""


class NewerDatabase(DatabaseError):
    """The file was written by a newer scalp-tui (a higher schema version)."""


class LockedDatabase(DatabaseError):
    """Another process held the file's lock for too long."""


class InvalidDatabase(DatabaseError):
    """The file is scalp-tui's, but a record in it holds a value the domain refuses."""


class UnusableDatabase(DatabaseError):
    """The path is not a regular, writable file (a folder, FIFO, device, or read-only)."""


class WriteFailed(DatabaseError):
    """The operating system refused a write (disk full, read-only folder, permission).

    Nothing was changed: the old file is still there, byte for byte.
    """


#: What a write can raise, for the handler of a user's answer to catch whole: the database
#: refused (DatabaseError), a value refused where it was made (InvalidValue, a ValueError), the
#: record gone meanwhile (KeyError). Each is one line for the user, never a traceback.
WRITE_ERRORS: tuple[type[Exception], ...] = (DatabaseError, ValueError, KeyError)
