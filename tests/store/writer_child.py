"""A child process for the kill and concurrency tests: writes sessions and acknowledges each.

Usage: python -m tests.store.writer_child DB TAG COUNT [GO_FILE]
Prints "ready", waits for GO_FILE to exist (if given), then prints the id of every session
whose write returned, one per line, flushed at once.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from scalp_tui.domain.records import logged_session
from scalp_tui.store.database import open_database
from scalp_tui.store.repository import Repository


def main() -> None:
    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    repo = Repository(open_database(path, lock_timeout=60))
    print("ready", flush=True)
    if len(sys.argv) > 4:
        go = Path(sys.argv[4])
        while not go.exists():
            time.sleep(0.001)
    for i in range(count):
        session_id = f"{tag}-{i}"
        repo.add_session(
            logged_session(
                session_id,
                dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                needle_mm=0.5,
                zones=("top",),
                directions=("front to back",),
                note=f"write {i} of {tag} " + "x" * (i % 50),
            )
        )
        print(session_id, flush=True)


if __name__ == "__main__":
    main()
