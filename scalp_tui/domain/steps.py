"""A guided session's steps: what each asks, how long a timed one runs, and the soft ticks in
a pass. Built once from the settings a session starts with (:class:`SessionConfig`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scalp_tui.domain.regimen import check_needle
from scalp_tui.domain.settings import (
    MAX_MOVE_SECONDS,
    MAX_STROKES_PER_PASS,
    Settings,
    check_seconds_per_pass,
)
from scalp_tui.domain.validation import check_int, check_name, check_names

WET_HAIR_WHY = "to make a flat surface and avoid getting hair caught in the roller"


class StepKind(StrEnum):
    SAFETY = "safety"
    WET = "wet"
    PASS = "pass"
    MOVE = "move"  # between two passes: lift the roller, move it to the next zone
    SERUM = "serum"
    FINISH = "finish"


#: A pass left sooner than this was skipped, not rolled (its zone is not recorded as rolled).
MIN_ROLLED_S = 1.0
#: The last seconds of a pass each get a soft tick.
WARNING_TICKS = 3


@dataclass(frozen=True)
class Step:
    """One step of a guided session: its prompt, and its length if it is timed."""

    kind: StepKind
    title: str
    lines: tuple[str, ...] = ()
    seconds: int | None = None  # timed steps only
    zone: str | None = None
    direction: str | None = None

    @property
    def timed(self) -> bool:
        return self.seconds is not None


@dataclass(frozen=True)
class SessionConfig:
    """What a session rolls, fixed when it starts (settings may change while it is paused)."""

    zones: tuple[str, ...]
    directions: tuple[str, ...]  # the first only, or both once the user is confident
    seconds_per_pass: int
    serum_name: str
    needle_mm: float
    move_seconds: int = 0  # the "move to" step between passes; 0: none
    strokes_per_pass: int = 0  # stroke pacing: a soft tick per stroke; 0: off

    def __post_init__(self) -> None:
        check_names("zones", self.zones)
        check_names("directions", self.directions)
        check_int("move_seconds", self.move_seconds, 0, MAX_MOVE_SECONDS)
        check_int("strokes_per_pass", self.strokes_per_pass, 0, MAX_STROKES_PER_PASS)
        check_seconds_per_pass(self.seconds_per_pass)
        check_name("serum_name", self.serum_name)
        check_needle(self.needle_mm)

    @classmethod
    def from_settings(cls, settings: Settings, needle_mm: float) -> SessionConfig:
        return cls(
            zones=settings.zones,
            directions=settings.rolled_directions,
            seconds_per_pass=settings.seconds_per_pass,
            serum_name=settings.serum_name,
            needle_mm=needle_mm,
            move_seconds=settings.move_seconds,
            strokes_per_pass=settings.strokes_per_pass,
        )


def build_steps(config: SessionConfig) -> tuple[Step, ...]:
    steps = [
        Step(
            StepKind.SAFETY,
            "Safety check",
            (
                "Is your scalp free of cuts, infection, flare-ups or irritation?",
                "Is the roller cleaned and dry?",
            ),
        ),
        Step(StepKind.WET, "Wet your hair", (f"Wet the hair down first, {WET_HAIR_WHY}.",)),
    ]
    passes = [(zone, direction) for zone in config.zones for direction in config.directions]
    for i, (zone, direction) in enumerate(passes):
        if i and config.move_seconds:
            same_zone = passes[i - 1][0] == zone
            steps.append(
                Step(
                    StepKind.MOVE,
                    f"Turn the roller: {direction}" if same_zone else f"Move to: {zone}",
                    ("Lift the roller.", f"Next: {zone}, roll {direction}."),
                    config.move_seconds,
                    zone,
                    direction,
                )
            )
        steps.append(
            Step(
                StepKind.PASS,
                f"{zone}: roll {direction}",
                ("Light pressure.", "Lift the roller to return; roll one way only."),
                config.seconds_per_pass,
                zone,
                direction,
            )
        )
    steps.append(
        Step(
            StepKind.SERUM,
            f"Apply {config.serum_name}",
            ("It soothes minor irritation or redness.", "Skip it if you have none to hand."),
        )
    )
    steps.append(Step(StepKind.FINISH, "How does your scalp feel?"))
    return tuple(steps)


def tick_marks(step: Step, strokes_per_pass: int = 0) -> tuple[float, ...]:
    """When, in seconds into ``step``, a soft tick sounds: each of a pass's last three
    seconds, and with stroke pacing each stroke's start after the first."""
    if step.kind is not StepKind.PASS or not step.seconds:
        return ()
    seconds = step.seconds
    marks = {float(seconds - k) for k in range(1, WARNING_TICKS + 1) if seconds - k > 0}
    if strokes_per_pass > 1:
        marks |= {seconds * k / strokes_per_pass for k in range(1, strokes_per_pass)}
    return tuple(sorted(marks))


def stroke_of(step: Step, elapsed: float, strokes_per_pass: int) -> tuple[int, int] | None:
    """``(2, 4)``: the stroke a paced pass is on, of how many; None without pacing."""
    if step.kind is not StepKind.PASS or not step.seconds or strokes_per_pass < 1:
        return None
    stroke = int(elapsed * strokes_per_pass / step.seconds) + 1
    return min(stroke, strokes_per_pass), strokes_per_pass


def clock_text(seconds: float) -> str:
    """``0:30``: seconds left, rounded up (29.2 s left shows 0:30 until a whole second went)."""
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


def where_it_stands(step: Step, remaining: float | None) -> str:
    """``CROWN, 0:13 left`` (a pass), ``Wet your hair`` (a step with no time)."""
    where = step.zone.upper() if step.kind is StepKind.PASS and step.zone else step.title
    left = f", {clock_text(remaining)} left" if remaining is not None else ""
    return f"{where}{left}"
