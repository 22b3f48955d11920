"""A file the user named, checked before it is opened: the command line's backups and the
photos both read one."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def stat_input_file(source: Path, what: str) -> os.stat_result:
    """``source``'s ``stat``, when it is a regular file; ValueError with a message a person can
    act on otherwise (``what``: "a backup file", "a photo"). A FIFO is never opened: it would
    block."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise ValueError(f"{source} does not exist") from None
    except OSError as exc:
        raise ValueError(f"cannot read {source}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{source} is a folder, not {what}")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{source} is a FIFO, device or socket, not {what}")
    return info
