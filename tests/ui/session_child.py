"""A child process that starts a session in the real app (headless) and waits to be killed.

Usage: python -m tests.ui.session_child DB
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from scalp_tui.factory import build_app, open_repository


async def main(path: Path) -> None:
    app = build_app(open_repository(path))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("s", "y", "n")  # safety confirmed, hair wet: the first pass runs
        await pilot.pause(1.2)
        print("rolling", flush=True)
        await asyncio.sleep(60)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
