"""Screenshots of every screen for the README: `make screenshots`.

Each shot runs the real app (the same factory as the CLI) on a fresh database filled with the
sample data, at a fixed date, presses the keys a user would, and saves an SVG and a PNG.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import build_app, open_repository
from scalp_tui.sample import SAMPLE_NOW, seed_sample
from scalp_tui.ui.app import ScalpApp

OUT = Path(__file__).resolve().parents[1] / "screenshots"
os.environ["SCALP_TUI_SOUND"] = "off"  # shots make no sound and write no sound files
os.environ["SCALP_TUI_IMAGES"] = "halfcell"  # photos in half blocks: an SVG holds no graphics


def a_sound_player(folder: Path) -> None:
    """The shots are the same on every machine: each has a sound player, which the setup form
    of a new database looks for (tones, else the bell). This one is never run."""
    player = folder / "aplay"
    player.write_text("#!/bin/sh\nexit 0\n")
    player.chmod(0o755)
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


SIZE = (100, 30)

Action = Callable[[ScalpApp, Pilot[None]], Awaitable[None]]


@dataclass
class Shot:
    name: str
    title: str
    keys: tuple[str, ...] = ()
    seeded: bool = True
    action: Action | None = None
    size: tuple[int, int] = SIZE
    extra: dict[str, str] = field(default_factory=dict)


async def roll_to_the_finish(app: ScalpApp, pilot: Pilot[None]) -> None:
    """Roll every step for a few seconds of the fake clock: a pass tapped through within a
    second is skipped, not rolled (and then the finish step asks whether you rolled)."""
    from scalp_tui.domain.steps import StepKind
    from scalp_tui.ui.screens.session import SessionScreen

    screen = app.screen
    assert isinstance(screen, SessionScreen) and screen.run is not None
    clock = app.clock
    assert isinstance(clock, FakeClock)
    while screen.run.step.kind is not StepKind.FINISH:
        clock.advance(3)
        await pilot.press("n")


async def session_end(app: ScalpApp, pilot: Pilot[None]) -> None:
    await roll_to_the_finish(app, pilot)
    await pilot.press("2")


async def checklist(app: ScalpApp, pilot: Pilot[None]) -> None:
    """A session rolled and saved: the cleaning checklist it opens (the confidence offer
    after the fourth session answered "not yet")."""
    await roll_to_the_finish(app, pilot)
    await pilot.press("1", "ctrl+s")
    await pilot.pause()
    await pilot.press("n")


async def photos(app: ScalpApp, pilot: Pilot[None]) -> None:
    """Two front photos (the plan's first day, yesterday) made with Pillow and added as the
    app adds them, then the Photos screen once both are drawn."""
    import datetime as dt

    from PIL import Image, ImageDraw

    from scalp_tui.actions import PhotoToAdd, add_photos
    from scalp_tui.domain.photos import Angle
    from scalp_tui.images import prepare_photo
    from scalp_tui.ui.screens.photos import PhotosScreen

    folder = Path(app.repository.path).parent
    items = []
    for shade, day in ((40, dt.date(2026, 10, 4)), (90, dt.date(2026, 11, 22))):
        picture = Image.new("RGB", (120, 90), (shade, 90, 255 - shade))
        ImageDraw.Draw(picture).ellipse((30, 15, 90, 75), fill=(230, 190, 160))
        path = folder / f"front-{day}.jpg"
        picture.save(path, "JPEG")
        items.append(PhotoToAdd(prepare_photo(path), Angle.FRONT, day, path.name))
    add_photos(app.repository, items, app.clock.now())
    await pilot.press("p")
    while not (isinstance(app.screen, PhotosScreen) and None not in app.screen.drawn):
        await pilot.pause(0.05)


SHOTS = [
    Shot("welcome", "First run: welcome, and not medical advice", seeded=False),
    Shot("setup", "First run: setup", keys=("enter",), seeded=False),
    Shot("calendar", "Calendar (home) with the weekly review"),
    Shot("calendar-80x24", "Calendar at 80x24", size=(80, 24)),
    Shot("calendar-wide", "Calendar at 200x50: six months side by side", size=(200, 50)),
    Shot(
        "year",
        "Year view: a heat map of the year, adherence per month",
        keys=("y",),
        size=(120, 30),
    ),
    Shot("agenda", "Agenda: the next planned dates and the last sessions", keys=("a",)),
    Shot("day", "A day: its plan, its sessions, log one", keys=("up", "right", "enter")),
    Shot("session-safety", "Session: the safety check", keys=("s",)),
    Shot("session-pass", "Session: a timed pass, read from across the room", keys=("s", "y", "n")),
    Shot("session-move", "Session: moving the roller to the next zone", keys=("s", "y", "n", "n")),
    Shot("session-80x24", "Session at 80x24", keys=("s", "y", "n"), size=(80, 24)),
    Shot("session-end", "Session: how the scalp feels", keys=("s", "y"), action=session_end),
    Shot(
        "session-paused", "A session left paused: every screen says so", keys=("s", "y", "n", "c")
    ),
    Shot("history", "History: every session, edit and delete", keys=("h",)),
    Shot(
        "history-64x20",
        "History at 64x20: date, counted, redness, note",
        keys=("h",),
        size=(64, 20),
    ),
    Shot("help", "Help: keys, your regimen, safety notes", keys=("f1",)),
    Shot(
        "photos",
        "Photos: the first and the latest of an angle, what happened between",
        action=photos,
    ),
    Shot(
        "checklist",
        "Checklist after a session",
        keys=("s", "y"),
        action=checklist,
    ),
]


async def take(shot: Shot, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(Path(tmp) / "scalp.json")
        if shot.seeded:
            seed_sample(repo)
        app = build_app(repo, FakeClock(SAMPLE_NOW))
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            if shot.keys:
                await pilot.press(*shot.keys)
            if shot.action:
                await shot.action(app, pilot)
            for widget in app.screen.query(Input):
                widget.cursor_blink = False
            app.clear_notifications()
            await pilot.pause(0.3)
            svg = folder / f"{shot.name}.svg"
            app.save_screenshot(filename=svg.name, path=str(folder))
    return svg


def to_png(svg: Path) -> Path:
    """Render with a monospace font that is on the machine (Textual asks for Fira Code)."""
    import cairosvg

    text = svg.read_text().replace("Fira Code, monospace", "DejaVu Sans Mono, monospace")
    png = svg.with_suffix(".png")
    cairosvg.svg2png(bytestring=text.encode(), write_to=str(png), output_width=1400)
    return png


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as players:
        a_sound_player(Path(players))
        for shot in SHOTS:
            svg = await take(shot, OUT)
            print(f"{to_png(svg).relative_to(OUT.parent)}  {shot.title}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
