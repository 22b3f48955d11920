"""The photo folder: the stored copies of the progress photos, beside the database.

``<database name>.photos/`` (0700) beside the database's file (a symlinked database's photos
are beside its target, with its lock), each photo ``<sha256>.jpg`` (0600), named by its
content: one file per picture.

Photos and their records are all or nothing (PRODUCT.md section 5). A photo's file is
written (temp file, fsync, rename, fsync of the folder) inside the transaction that adds its
record, before the record: a kill at any moment leaves no record without its file. A file
left without a record (a kill between the two, a record removed) is swept after the next
write, still inside the lock, against the records then on disk: no other process can be
between its file and its record meanwhile. Only a write makes the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from scalp_tui.store.atomic import (
    TEMP_SUFFIX,
    atomic_write_bytes,
    ensure_private_folder,
    fsync_folder,
)

#: A stored copy's name, and the temp file ``atomic_write_bytes`` makes for one: only such
#: names are ever swept (a file the user put in the folder is left alone).
STORED_NAME = re.compile(r"([0-9a-f]{64})\.jpg")
TEMP_NAME = re.compile(r"\.[0-9a-f]{64}\.jpg\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def stored_name(sha256: str) -> str:
    return f"{sha256}.jpg"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_photo(folder: Path, sha256: str, data: bytes) -> Path:
    """Store ``data`` as ``<sha256>.jpg`` in ``folder`` (made 0700 if missing), 0600, on
    disk when this returns. Call it inside the transaction that adds the record."""
    if sha256_of(data) != sha256:
        raise ValueError("a photo's bytes do not match its sha256")
    ensure_private_folder(folder)
    path = folder / stored_name(sha256)
    atomic_write_bytes(path, data, mode=0o600)
    return path


def file_matches(folder: Path, sha256: str) -> bool:
    """Whether the stored copy of ``sha256`` is there with exactly its bytes."""
    try:
        data = (folder / stored_name(sha256)).read_bytes()
    except OSError:
        return False
    return sha256_of(data) == sha256


def sweep_photos(folder: Path, keep: Iterable[str]) -> list[Path]:
    """Remove every stored copy no record names (``keep``: the sha256s of the records on
    disk) and every temp file a killed write left. Call it only while holding the lock."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []  # no photo was ever added: nothing to sweep, and no folder is made
    kept = set(keep)
    swept = []
    for entry in entries:
        stored = STORED_NAME.fullmatch(entry.name)
        if (stored and stored.group(1) not in kept) or TEMP_NAME.fullmatch(entry.name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                swept.append(Path(entry.path))
    if swept:
        fsync_folder(folder)
    return swept


def recorded_sha256s(data: dict[str, dict[str, object]] | None, table: str) -> set[str]:
    """The sha256 each photo record in the raw data names (before any conversion: the sweep
    must not depend on every record being sound)."""
    found = set()
    for doc in (data or {}).get(table, {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("sha256"), str):
            found.add(doc["sha256"])
    return found
