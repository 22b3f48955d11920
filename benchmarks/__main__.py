"""`make bench`: every figure of the performance budget, measured side by side as ratios.

Absolute times on a shared machine mislead; each figure here is our program against a
baseline run in the same minute. First frames alternate ours and the bare app, round by round,
and the figure is the median of the rounds' ratios: a round's two runs see the same machine.

Both programs start as a user's would, with their bytecode cached: pip compiles the packages it
installs (Textual), and Python caches a module the first time it is imported. An editable
install is not compiled, and some machines (this one) set PYTHONDONTWRITEBYTECODE, so the
bench compiles the project's own sources first.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.terminal import Pane, launch
from scalp_tui.domain.clock import SystemClock
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig, StepKind
from scalp_tui.factory import open_repository
from scalp_tui.sample import seed_sample, seed_years

PY = sys.executable
BARE = [PY, "-m", "benchmarks.bare_app"]
ROUNDS = 21


@dataclass
class Figure:
    name: str
    value: float
    budget: float
    unit: str = "x"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.value <= self.budget

    def line(self) -> str:
        mark = "ok  " if self.ok else "OVER"
        return (
            f"{mark} {self.name:<44} {self.value:8.3f}{self.unit:<2} (budget {self.budget:g}"
            f"{self.unit})  {self.detail}"
        )


def ours(db: Path) -> list[str]:
    return [PY, "-m", "scalp_tui", "--db", str(db)]


def first_frame(db: Path, marker: str) -> tuple[float, float, float]:
    """Seconds to the first painted frame, (ours, bare) medians, and the median round ratio."""
    mine, bare = [], []
    for _ in range(ROUNDS):
        for argv, mark, into in ((ours(db), marker, mine), (BARE, "bare app ready", bare)):
            pane = launch(argv)
            try:
                into.append(pane.wait_for(mark))
            finally:
                pane.close()
            time.sleep(0.2)
    ratio = statistics.median(m / b for m, b in zip(mine, bare, strict=True))
    return statistics.median(mine), statistics.median(bare), ratio


def command_time(argv: list[str], rounds: int = 15) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def alternate(a: list[str], b: list[str], rounds: int = 15) -> tuple[float, float]:
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(command_time(a, 1))
        tb.append(command_time(b, 1))
    return statistics.median(ta), statistics.median(tb)


def measure_cpu(pane: Pane, seconds: float = 10.0) -> float:
    """Share of one core used over ``seconds``."""
    before, start = pane.cpu_seconds(), time.perf_counter()
    time.sleep(seconds)
    return (pane.cpu_seconds() - before) / (time.perf_counter() - start)


#: The real session the timer is measured over: three zones both ways, every timed step (six
#: passes, five moves) shortened to one second, four pauses at irregular points.
TIMER_ZONES = ("front/hairline", "top", "crown")
TIMER_STEP_S = 1
TIMER_PAUSES = {3: 0.45, 17: 0.3, 29: 0.7, 41: 0.25}  # at tick n: pause for this long


def timer_error() -> tuple[float, float, float, int, int]:
    """A guided session run on the system clock, ticked at the app's rate, against wall time.

    The session decides where each step starts (``step_started``); wall time says where the
    last timed step should end: when the first pass started, plus the steps' lengths, plus the
    pauses as this loop measured them around ``pause()`` and ``resume()``. A late tick or a
    pause that loses or gains time shows as the difference. Returns (the difference, the
    session's length in real seconds, the latest a tick saw a step change, the timed steps,
    the ticks).
    """
    from scalp_tui.ui.screens.session import TICK_S  # the app's tick: Textual's interval

    clock = SystemClock()
    settings = replace(Settings(), confident=True, zones=TIMER_ZONES)
    run = GuidedSession(SessionConfig.from_settings(settings, 0.5), clock, "bench")
    run.steps = tuple(replace(s, seconds=TIMER_STEP_S) if s.timed else s for s in run.steps)
    timed = sum(s.seconds or 0 for s in run.steps)
    run.confirm_safety(clock.now())  # now at "wet your hair", untimed
    begin = time.monotonic()
    run.next()  # the first pass starts
    paused, late, ticks = 0.0, 0.0, 0
    while run.step.timed:
        time.sleep(TICK_S)
        ticks += 1
        if run.update():
            late = max(late, time.monotonic() - run.step_started[-1])
        if ticks in TIMER_PAUSES and run.step.timed:
            paused_at = time.monotonic()
            run.pause()
            time.sleep(TIMER_PAUSES[ticks])
            run.resume()
            paused += time.monotonic() - paused_at
    assert run.step.kind is StepKind.SERUM
    ended = run.step_started[-1]
    steps = sum(1 for s in run.steps if s.timed)
    return ended - (begin + timed + paused), time.monotonic() - begin, late, steps, ticks


def main() -> int:
    compileall.compile_dir(Path(__file__).parents[1] / "scalp_tui", quiet=1)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.json"
        years = Path(tmp) / "years.json"
        sample = Path(tmp) / "sample.json"
        seed_years(open_repository(years), 1000)
        repo = open_repository(sample)
        seed_sample(repo)
        # The timer's CPU with every cue in the 10 s measured: 10 s passes, 2 s moves, stroke
        # pacing (a tick every 2.5 s and in each pass's last three seconds), sound on tones.
        repo.save_settings(
            replace(
                repo.settings(),
                seconds_per_pass=10,
                move_seconds=2,
                strokes_per_pass=4,
                sound="tones",
            )
        )
        players = Path(tmp) / "bin"  # a stand-in player: this machine may have none, or no
        players.mkdir()  # sound card; what the app pays is starting it, the same for any
        fake = players / "aplay"
        fake.write_text("#!/bin/sh\nsleep 0.3\n")
        fake.chmod(0o755)
        with_tones = {
            "PATH": f"{players}:{os.environ.get('PATH', '')}",
            "SCALP_TUI_SOUND": "tones",
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }

        mine, bare, ratio = first_frame(empty, "set up your plan")
        figures.append(
            Figure(
                "first frame, empty database / bare app",
                ratio,
                1.15,
                detail=f"{mine * 1000:.0f} ms vs {bare * 1000:.0f} ms",
            )
        )
        mine, bare, ratio = first_frame(years, "This week")
        figures.append(
            Figure(
                "first frame, 1,000 sessions / bare app",
                ratio,
                1.3,
                detail=f"{mine * 1000:.0f} ms vs {bare * 1000:.0f} ms",
            )
        )

        status, tinydb = alternate([*ours(sample), "status"], [PY, "-c", "import tinydb"])
        figures.append(
            Figure(
                "scalp-tui status / python -c 'import tinydb'",
                status / tinydb,
                3.0,
                detail=f"{status * 1000:.0f} ms vs {tinydb * 1000:.0f} ms",
            )
        )
        short, tinydb = alternate([*ours(sample), "status", "--short"], [PY, "-c", "import tinydb"])
        figures.append(
            Figure(
                "status --short / python -c 'import tinydb'",
                short / tinydb,
                3.0,
                detail=f"{short * 1000:.0f} ms vs {tinydb * 1000:.0f} ms",
            )
        )

        app = launch(ours(sample), env=with_tones)
        bare_pane = launch(BARE)
        try:
            app.wait_for("This week")
            bare_pane.wait_for("bare app ready")
            app.keys("s", "y", "n")
            app.wait_for("roll front to back")
            # (tones play through the stand-in player: the cues of passes, moves and ticks)
            time.sleep(1.0)
            cpu_app = measure_cpu(app)
            cpu_bare = measure_cpu(bare_pane)
            figures.append(
                Figure(
                    "CPU while the session timer runs (10 s, tones)",
                    cpu_app * 100,
                    2.0,
                    unit="%",
                    detail=f"bare app idling: {cpu_bare * 100:.2f}%",
                )
            )
            rss_app, rss_bare = app.peak_rss_kib(), bare_pane.peak_rss_kib()
            figures.append(
                Figure(
                    "peak memory / bare app",
                    rss_app / rss_bare,
                    1.35,
                    detail=f"{rss_app / 1024:.1f} MiB vs {rss_bare / 1024:.1f} MiB",
                )
            )
        finally:
            app.close()
            bare_pane.close()

    error, length, late, steps, ticks = timer_error()
    figures.append(
        Figure(
            "timer error, real clock, shortened session",
            abs(error) * 1000,
            50,
            unit="ms",
            detail=f"{length:.1f} s: {steps} timed steps, {len(TIMER_PAUSES)} pauses, "
            f"{ticks} ticks; step changes seen up to {late * 1000:.0f} ms late",
        )
    )
    print(f"scalp-tui benchmarks ({ROUNDS} rounds of first frames; median of the rounds' ratios)")
    for figure in figures:
        print(figure.line())
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
