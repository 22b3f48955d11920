"""A child process that starts a session in the real app (headless) and waits to be killed.

Usage: python -m tests.ui.session_child DB
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from scalp_tui.factory import build_app, open_repository
from tests.waiting import wait_for


async def main(path: Path) -> None:
    repo = open_repository(path)
    app = build_app(repo)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("s", "y", "n")  # safety confirmed, hair wet: the first pass runs

        def rolling_saved() -> bool:
            saved = repo.active_session()
            return saved is not None and saved.index == 2

        await wait_for(pilot, rolling_saved, "the first pass, saved")
        print("rolling", flush=True)
        await asyncio.sleep(60)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
