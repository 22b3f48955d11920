"""Crash-safe file replacement: temp file in the same folder, fsync, os.replace, fsync folder.

A reader (or a crash at any moment) sees either the old bytes or the new bytes, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data``; when this returns, the new content is on disk."""
    atomic_write_with(path, lambda handle: handle.write(data), mode)


def atomic_write_with(path: Path, write: Callable[[BinaryIO], object], mode: int = 0o600) -> None:
    """:func:`atomic_write_bytes` of what ``write`` writes to the temp file's handle (a zip
    of photos is written as it is made, not held in memory)."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w+b") as handle:
            write(handle)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_files(path: Path) -> list[Path]:
    """The temp files :func:`atomic_write_bytes` makes for ``path``: its prefix, the eight
    characters ``mkstemp`` adds, its suffix; regular files only. The temp file of another
    name that starts alike (``db.json.bak.json`` beside ``db.json``) is not one of them."""
    pattern = re.compile(re.escape(temp_prefix(path)) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    return [
        candidate
        for candidate in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}")
        if pattern.fullmatch(candidate.name) and candidate.is_file()
    ]


def has_temp_files(path: Path) -> bool:
    return bool(temp_files(path))


def sweep_temp_files(path: Path) -> list[Path]:
    """Remove temp files a killed writer left behind. Call only while holding the lock."""
    swept: list[Path] = []
    for leftover in temp_files(path):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            swept.append(leftover)
    return swept


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; every folder made here is 0700 (``mkdir
    -p`` would make the parents 0755). Only a write calls this: reading creates nothing."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            made.mkdir(mode=0o700)
            os.chmod(made, 0o700)  # whatever the umask
