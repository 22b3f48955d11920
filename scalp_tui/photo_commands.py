"""The CLI's ``photo`` commands: add, list, remove (PRODUCT.md section 6).

``photo add`` reads every file first, in memory (``images.prepare_photo``): a file that is
not a photo scalp-tui can store refuses the whole command before the database is opened, so
nothing is written and no file is left. Then every photo goes in one write
(``actions.add_photos``): each file, then the records.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from scalp_tui.domain.clock import Clock
from scalp_tui.domain.photos import Angle, Photo, check_photo_date, find_photo, photo_date
from scalp_tui.errors import EXIT_OK, InputError, already_done, say, shown
from scalp_tui.store.repository import Repository

if TYPE_CHECKING:
    from scalp_tui.store.backup import Backup


def run_photo_command(
    args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO
) -> int:
    commands = {"add": photo_add, "list": photo_list, "remove": photo_remove}
    return commands[args.photo_command](args, path, clock, out, err)


def photo_add(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui.actions import PhotoToAdd, add_photos
    from scalp_tui.commands import expand_user, open_checked
    from scalp_tui.images import ImageRefused, prepare_photo

    today = clock.today()
    given = check_photo_date(args.date, today) if args.date is not None else None
    angle = Angle(args.angle)
    ready: list[PhotoToAdd] = []
    notes: list[str] = []
    for name in args.files:
        source = expand_user(name)
        try:
            prepared = prepare_photo(source)
        except ImageRefused as exc:
            raise InputError(f"{exc}; nothing added") from None
        day, note = photo_date(prepared.taken, given, today)
        if note:
            notes.append(f"{source.name}: {note}")
        ready.append(PhotoToAdd(prepared, angle, day, _original_name(source)))
    repo = open_checked(path, clock, err, writes=True)
    results = add_photos(repo, ready, clock.now())
    with already_done("the photos are stored"):
        for item, result in zip(ready, results, strict=True):
            p = result.photo
            name = shown(item.original_name or "")
            if result.already:
                print(
                    f"{name} is stored already (photo {short_id(p)}, {p.angle.value}, "
                    f"{p.date}); not added again.",
                    file=out,
                )
            else:
                print(
                    f"Added {name}: photo {short_id(p)}, {p.angle.value}, {p.date}, "
                    f"{p.width}x{p.height}.",
                    file=out,
                )
        out.flush()
    for note in notes:
        say(err, "note", note)
    return EXIT_OK


def _original_name(source: Path) -> str | None:
    """The file's name as the user has it, if a record can hold it (at most 255 characters
    of text)."""
    from scalp_tui.domain.photos import FILE_NAME_MAX

    name = source.name
    return name if name.strip() and len(name) <= FILE_NAME_MAX else None


#: ``photo list`` shows this many characters of an id; ``photo remove`` takes them.
SHORT_ID = 12


def short_id(photo: Photo) -> str:
    return photo.id[:SHORT_ID]


def photo_json(repo: Repository, photo: Photo) -> dict[str, Any]:
    return {
        "id": photo.id,
        "date": photo.date.isoformat(),
        "angle": photo.angle.value,
        "sha256": photo.sha256,
        "path": str(repo.photo_path(photo)),
        "width": photo.width,
        "height": photo.height,
        "added_at": photo.added_at.isoformat(),
        "original_name": photo.original_name,
    }


def photo_list(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    from scalp_tui.commands import open_checked

    repo = open_checked(path, clock, err)
    photos = repo.photos()
    if args.json:
        print(json.dumps([photo_json(repo, p) for p in photos], indent=2), file=out)
        return EXIT_OK
    if not photos:
        print("No photos yet: scalp-tui photo add FILE... --angle front", file=out)
        return EXIT_OK
    for p in photos:
        size = f"{p.width}x{p.height}"
        print(
            f"{short_id(p)}  {p.date}  {p.angle.value:<5}  {size:>9}  "
            f"{shown(p.original_name or p.file_name)}",
            file=out,
        )
    print(f"Stored in {shown(str(repo.photo_folder))}", file=out)
    return EXIT_OK


def photo_remove(
    args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO
) -> int:
    from scalp_tui.actions import remove_photo
    from scalp_tui.commands import open_checked

    repo = open_checked(path, clock, err, writes=True)
    try:
        photo = find_photo(repo.photos(), args.id)
    except ValueError as exc:
        raise InputError(shown(str(exc))) from None
    try:
        remove_photo(repo, photo.id)
    except KeyError:  # removed by another scalp-tui since it was found
        raise InputError(f"photo {short_id(photo)} is gone already") from None
    with already_done(f"photo {short_id(photo)} is removed"):
        print(
            f"Removed photo {short_id(photo)} ({photo.angle.value}, {photo.date}) and its file.",
            file=out,
        )
        out.flush()
    return EXIT_OK


# -- backups with photos: export zip, import of a zip, what a restore says --------------------
def export_zip(args: argparse.Namespace, path: Path, clock: Clock, out: TextIO, err: TextIO) -> int:
    """``export zip -o FILE``: the JSON backup and every stored photo in one archive."""
    from scalp_tui.commands import expand_user, open_checked
    from scalp_tui.exports.files import check_output_path
    from scalp_tui.store.archive import write_archive
    from scalp_tui.store.backup import backup_bytes, backup_of

    if args.output in (None, "", "-"):
        raise InputError("export zip writes a file: name it with -o FILE")
    target = expand_user(args.output)
    try:
        real = check_output_path(target, path)  # before anything is read or written
    except ValueError as exc:
        raise InputError(str(exc)) from None
    repo = open_checked(path, clock, err)
    backup = backup_of(repo)
    try:
        write_archive(real, backup_bytes(backup, clock.now()), backup.photos, repo.photo_folder)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"Wrote {shown(str(target))} ({len(backup.photos)} photos)", file=err)
    return EXIT_OK


def import_zip(
    args: argparse.Namespace, source: Path, path: Path, clock: Clock, out: TextIO, err: TextIO
) -> int:
    """``import FILE`` of a zip export: all of it checked, then the photos' files and every
    record in one write."""
    from scalp_tui.commands import open_checked, parse_backup_json
    from scalp_tui.store.archive import backup_json_of, check_photos, opened_archive
    from scalp_tui.store.backup import (
        BackupError,
        check_backup_size,
        parse_backup,
        restore_backup,
    )

    try:
        with opened_archive(source) as archive:
            obj = parse_backup_json(source, backup_json_of(archive))
            backup = parse_backup(obj)
            check_backup_size(backup, clock.now())
            files = check_photos(archive, backup)
            repo = open_checked(path, clock, err, writes=True)
            try:
                left_out = restore_backup(repo, backup, replace=args.replace, files=files)
            except BackupError as exc:  # about the database, not the backup
                raise InputError(f"{path}: {exc}") from None
    except BackupError as exc:
        raise InputError(f"{source}: {exc}") from None
    except RecursionError:
        raise InputError(f"{source} is not a scalp-tui backup (nested too deeply)") from None
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    say_restored(backup, left_out, source, out, err)
    return EXIT_OK


def say_restored(
    backup: Backup, left_out: tuple[Photo, ...], source: Path, out: TextIO, err: TextIO
) -> None:
    """What an import restored, and a warning for the photos it left out (no file)."""
    from scalp_tui.domain.wording import plural

    photos = ""
    if backup.photos:
        photos = f", {plural(len(backup.photos) - len(left_out), 'photo')}"
    with already_done("the backup is restored"):
        print(
            f"Restored {plural(len(backup.sessions), 'session')}, "
            f"{plural(len(backup.plans), 'plan')}{photos} and "
            f"{plural(len(backup.checklists), 'checklist')} from {shown(str(source))}.",
            file=out,
        )
        out.flush()
    if left_out:
        say(
            err,
            "warning",
            f"{plural(len(left_out), 'photo')} of the backup left out: a JSON backup carries "
            "the photos' records, not their files (scalp-tui export zip carries both)",
        )
