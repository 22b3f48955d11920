"""The start-up rule as a test (harlequin's import hygiene test): opening the calendar pays for
nothing a later screen or a write needs. A module-level import of the session screen, pyfiglet
(its big letters), the sound module, TinyDB or filelock in the calendar's path makes this fail
on every machine alike, where the bench would only show a slower start on a quiet one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Loaded when they are needed, never for the first frame.
NOT_AT_START = (
    "scalp_tui.ui.screens.session",
    "scalp_tui.ui.screens.history",
    "scalp_tui.ui.screens.setup",
    "scalp_tui.sound",
    "scalp_tui.actions",
    "scalp_tui.store.photo_files",
    "scalp_tui.domain.photos",  # the records of photos: check_ins.py is the schedule
    "pyfiglet",
    "tinydb",
    "filelock",
    "PIL",
    "pillow_heif",
    "textual_image",
    "scalp_tui.images",
)

PROBE = """
import asyncio, sys
from pathlib import Path
from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import build_app, open_repository
from scalp_tui.sample import SAMPLE_NOW

async def first_frame():
    app = build_app(open_repository(Path(sys.argv[1])), FakeClock(SAMPLE_NOW))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__)

asyncio.run(first_frame())
print("\\n".join(sys.modules))
"""


def test_the_first_frame_of_the_calendar_imports_nothing_a_later_screen_needs(tmp_path):
    db = tmp_path / "scalp.json"
    seed = (
        "import sys\nfrom pathlib import Path\n"
        "from scalp_tui.factory import open_repository\n"
        "from scalp_tui.sample import seed_sample\n"
        "seed_sample(open_repository(Path(sys.argv[1])))\n"
    )
    subprocess.run([sys.executable, "-c", seed, str(db)], cwd=ROOT, check=True)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    shown, *loaded = out.split()
    assert shown == "CalendarScreen"  # the probe did open the calendar
    assert paid(set(loaded), NOT_AT_START) == []


def paid(loaded: set[str], unwanted: tuple[str, ...]) -> list[str]:
    return sorted(
        name for name in loaded if any(name == m or name.startswith(m + ".") for m in unwanted)
    )


def test_the_welcome_of_a_new_database_does_not_match_a_plan_it_does_not_have(tmp_path):
    """The empty database's first frame (the welcome) is the tightest budget (1.10x a bare
    app): nothing of the regimen's matching, nor of the calendar, loads before there is a plan."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "new.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown, *loaded = out.split()
    assert shown == "WelcomeScreen"
    unwanted = (*NOT_AT_START, "scalp_tui.domain.matching", "scalp_tui.ui.screens.calendar")
    assert paid(set(loaded), unwanted) == []
