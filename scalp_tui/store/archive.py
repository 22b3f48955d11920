"""The zip backup: the JSON backup and every stored photo in one archive.

    scalp-tui-backup.json          the JSON backup (``store.backup``), photo records included
    photos/<sha256>.jpg            each photo's stored copy, byte for byte

``export zip`` writes it atomically (temp file, fsync, rename), 0600: it holds health data
and photos. ``import`` of one checks it all before anything is written: the JSON as a JSON
backup is checked, and every photo its records name is in the archive with exactly its
bytes (its sha256); a member bigger than a backup or a stored photo can be is refused
before it is read (a zip bomb). Then the photos' files and the records go in together
(``backup.restore_backup``).
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from scalp_tui.domain.photos import Photo
from scalp_tui.store.atomic import atomic_write_with
from scalp_tui.store.backup import MAX_BACKUP_BYTES, Backup, BackupError, PhotoFiles
from scalp_tui.store.photo_files import stored_name

BACKUP_MEMBER = "scalp-tui-backup.json"
PHOTOS_PREFIX = "photos/"
#: The biggest photo member taken: a stored copy (2048 px, JPEG) is a few MB at most.
MAX_PHOTO_BYTES = 32 * 1024 * 1024
#: What a zip reader can raise on a damaged or unusual archive.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def photo_member(photo: Photo) -> str:
    return PHOTOS_PREFIX + stored_name(photo.sha256)


def write_archive(
    target: Path, backup_json: bytes, photos: tuple[Photo, ...], folder: Path
) -> None:
    """Write the zip at ``target`` (an export's file, checked already): the JSON, then each
    photo's stored copy from ``folder``. OSError when a photo's file cannot be read."""

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w") as archive:
            archive.writestr(BACKUP_MEMBER, backup_json, compress_type=zipfile.ZIP_DEFLATED)
            for photo in photos:  # JPEG is compressed already: stored as it is
                archive.write(folder / stored_name(photo.sha256), photo_member(photo))

    atomic_write_with(target, write)


def is_archive(source: Path) -> bool:
    """Whether ``source`` is a regular file that starts as a zip does (a JSON backup starts
    with ``{``). Only ``stat`` for anything else: a FIFO is never opened (it would block)."""
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):
            return False
        with source.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


@contextmanager
def opened_archive(source: Path) -> Iterator[zipfile.ZipFile]:
    """The zip at ``source``; BackupError when it is not one that can be read."""
    try:
        archive = zipfile.ZipFile(source)
    except ZIP_ERRORS as exc:
        raise BackupError(f"not a readable zip ({exc})") from None
    with archive:
        yield archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The member ``name``, refused when missing or bigger than ``limit`` (as it says, and as
    it turns out: the size in the directory can lie)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BackupError(f"the zip has no {name}") from None
    if info.file_size > limit:
        raise BackupError(f"{name} in the zip is over {limit // 2**20} MB")
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except ZIP_ERRORS as exc:
        raise BackupError(f"{name} in the zip cannot be read ({exc})") from None
    if len(data) > limit:
        raise BackupError(f"{name} in the zip is over {limit // 2**20} MB")
    return data


def backup_json_of(archive: zipfile.ZipFile) -> bytes:
    return read_member(archive, BACKUP_MEMBER, MAX_BACKUP_BYTES)


def check_photos(archive: zipfile.ZipFile, backup: Backup) -> PhotoFiles:
    """Every photo of ``backup`` is in ``archive`` with exactly its bytes; the readers of
    their bytes, for the restore (which checks each sha256 again as it writes)."""
    files: PhotoFiles = {}
    for photo in backup.photos:
        name = photo_member(photo)
        data = read_member(archive, name, MAX_PHOTO_BYTES)
        if hashlib.sha256(data).hexdigest() != photo.sha256:
            raise BackupError(f"{name} in the zip is not the photo its record names (sha256)")

        def reader(member: str = name) -> bytes:
            return read_member(archive, member, MAX_PHOTO_BYTES)

        files[photo.sha256] = reader
    return files
