"""The guided session: its steps, and a timer state machine fed by a Clock.

Time is always ``clock.monotonic()`` minus a start, pauses excluded: never a count of ticks. A
timed step that runs out hands its overshoot to the next step, so however late the UI asks,
every step starts exactly when the previous one ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from scalp_tui.domain.clock import Clock
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.domain.regimen import Plan, check_needle
from scalp_tui.domain.settings import (
    CONFIDENCE_OFFER_AFTER,
    MAX_SECONDS_PER_PASS,
    MIN_SECONDS_PER_PASS,
    Settings,
)
from scalp_tui.domain.validation import (
    MAX_ROLLED_S,
    REDNESS_LABELS,
    InvalidValue,
    check_datetime,
    check_finite,
    check_int,
    check_name,
    check_names,
    check_note,
    check_optional_datetime,
    check_redness,
    shown,
)

ARTICLE_SAFETY_ADVICE = (
    "Avoid microneedling if you have a scalp condition or concern, or at the very least "
    "consult a dermatologist first."
)
WET_HAIR_WHY = "to make a flat surface and avoid getting hair caught in the roller"
MINOXIDIL_NOTE = "If you use minoxidil: common protocols wait 24 hours before the next application."
#: What to do after each answer that needs advice: said at the finish step, on saving, and
#: (as a question) at the next session's safety check.
REDNESS_ADVICE = {
    2: "Marked redness: use lighter pressure next time. It should never hurt.",
    3: (
        "Pain or bleeding: stop here and pause microneedling; see a dermatologist before the "
        "next session. Clean the roller now."
    ),
}
#: Asked at the safety check after a session that ended in pain or bleeding.
AFTER_PAIN_QUESTION = "Has your scalp healed, and has a dermatologist said you may go on?"


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
MIN_MOVE_SECONDS, MAX_MOVE_SECONDS = 0, 15
MAX_STROKES_PER_PASS = 30


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
        check_int("move_seconds", self.move_seconds, MIN_MOVE_SECONDS, MAX_MOVE_SECONDS)
        check_int("strokes_per_pass", self.strokes_per_pass, 0, MAX_STROKES_PER_PASS)
        check_int("seconds_per_pass", self.seconds_per_pass, MIN_SECONDS_PER_PASS,
                  MAX_SECONDS_PER_PASS)  # fmt: skip
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


class RunState(StrEnum):
    WAITING = "waiting"  # an untimed step: waits for the user
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    ABORTED = "aborted"


@dataclass
class GuidedSession:
    """The state machine. Every method reads time from ``clock`` only."""

    config: SessionConfig
    clock: Clock
    id: str
    started_at: dt.datetime | None = None  # wall clock, when the safety check was confirmed
    index: int = 0
    state: RunState = RunState.WAITING
    serum_applied: bool | None = None
    redness: int | None = None
    note: str = ""  # typed at the finish step; saved with the rest, so it survives a quit
    rolled_s: float = 0.0  # seconds rolled in the passes left so far (monotonic)
    steps: tuple[Step, ...] = field(init=False)
    _banked: float = 0.0  # seconds of the current step run before the last pause
    _segment_start: float | None = None  # monotonic start of the running segment
    step_started: list[float] = field(default_factory=list)  # monotonic, for each step entered
    skipped: set[int] = field(default_factory=set)  # passes left within a second: not rolled

    def __post_init__(self) -> None:
        self.steps = build_steps(self.config)
        if not self.step_started:
            self._enter(self.index, self.clock.monotonic())

    # -- reading ------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def next_step(self) -> Step | None:
        return self.steps[self.index + 1] if self.index + 1 < len(self.steps) else None

    @property
    def finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.ABORTED)

    @property
    def started(self) -> bool:
        """Past the safety check: something to save, resume or record."""
        return self.started_at is not None

    def step_elapsed(self) -> float:
        running = 0.0
        if self.state is RunState.RUNNING and self._segment_start is not None:
            running = self.clock.monotonic() - self._segment_start
        return self._banked + running

    def remaining(self) -> float | None:
        if self.step.seconds is None:
            return None
        return max(0.0, self.step.seconds - self.step_elapsed())

    def progress(self) -> float:
        """0..1 over the whole session: steps done plus the running step's share."""
        share = 0.0
        if self.step.seconds:
            share = min(1.0, self.step_elapsed() / self.step.seconds)
        return min(1.0, (self.index + share) / (len(self.steps) - 1))

    def passes(self) -> list[Step]:
        return [s for s in self.steps if s.kind is StepKind.PASS]

    # -- moving -------------------------------------------------------------------------
    def update(self) -> bool:
        """Advance past timed steps whose time is up; True when the step changed.

        The next step starts at the instant the previous one ran out, not at the moment of
        this call, so late or skipped UI ticks never stretch a session.
        """
        changed = False
        while self.state is RunState.RUNNING and self.step.seconds is not None:
            assert self._segment_start is not None
            ends_at = self._segment_start + (self.step.seconds - self._banked)
            if self.clock.monotonic() < ends_at:
                break
            self._enter(self.index + 1, ends_at)
            changed = True
        return changed

    def confirm_safety(self, now: dt.datetime) -> None:
        if self.step.kind is not StepKind.SAFETY:
            raise ValueError("not at the safety check")
        self.started_at = now
        self.next()

    def next(self) -> None:
        """Move on now (a timed step is cut short)."""
        if self.finished or self.step.kind is StepKind.FINISH:
            return
        if self.step.kind is StepKind.SAFETY and self.started_at is None:
            raise ValueError("confirm the safety check first")
        self.update()
        if self.step.kind is StepKind.SERUM and self.serum_applied is None:
            self.serum_applied = True
        self._enter(self.index + 1, self.clock.monotonic())

    def skip_serum(self) -> None:
        if self.step.kind is StepKind.SERUM:
            self.serum_applied = False
            self._enter(self.index + 1, self.clock.monotonic())

    def back(self) -> None:
        """The previous step, its timer from the start (never back into the safety check)."""
        self.update()
        if self.finished or self.index <= 1:
            return
        self._enter(self.index - 1, self.clock.monotonic())

    def pause(self) -> None:
        self.update()
        if self.state is RunState.RUNNING:
            self._banked = self.step_elapsed()
            self._segment_start = None
            self.state = RunState.PAUSED

    def resume(self) -> None:
        if self.state is RunState.PAUSED:
            self._segment_start = self.clock.monotonic()
            self.state = RunState.RUNNING

    def toggle_pause(self) -> None:
        if self.state is RunState.PAUSED:
            self.resume()
        else:
            self.pause()

    def abort(self) -> None:
        self.pause()
        self.state = RunState.ABORTED

    def set_redness(self, value: int) -> None:
        self.redness = check_redness(value)

    def set_note(self, note: str) -> None:
        self.note = check_note(note)

    def rolled_seconds(self) -> float:
        """The time rolled: every pass's running time, pauses and closed time left out."""
        current = self.step_elapsed() if self.step.kind is StepKind.PASS else 0.0
        return self.rolled_s + current

    @property
    def asks_if_done(self) -> bool:
        """At the finish step with every pass skipped: only the user can say whether the
        session was done (rolled without the timer's passes, say) or is to be recorded as
        aborted."""
        return self.step.kind is StepKind.FINISH and not self.rolled_passes()

    def _enter(self, index: int, at: float) -> None:
        if self.steps[self.index].kind is StepKind.PASS:  # leaving a pass: was it rolled?
            ran = self._banked
            if self.state is RunState.RUNNING and self._segment_start is not None:
                ran += at - self._segment_start
            if ran < MIN_ROLLED_S:
                self.skipped.add(self.index)
            else:
                self.skipped.discard(self.index)
                self.rolled_s += min(ran, float(self.step.seconds or ran))
        self.index = min(index, len(self.steps) - 1)
        self._banked = 0.0
        self.step_started = [*self.step_started[: self.index], at]
        if self.step.timed:
            self._segment_start = at
            self.state = RunState.RUNNING
        else:
            self._segment_start = None
            self.state = RunState.WAITING

    # -- the record ---------------------------------------------------------------------
    def record(
        self, now: dt.datetime, note: str | None = None, *, done: bool = False
    ) -> SessionRecord:
        """The session as history: completed at the finish step, aborted otherwise.

        A session whose passes were all skipped is completed only when the user says it was
        done (``done``, the answer to :attr:`asks_if_done`); it then records every zone and
        direction it was set to roll. The redness and the note are kept either way.

        The record is dated by its start; its duration is the time rolled. A wall clock that
        stepped back since the start (NTP, ``date -s``) ends it at its start, never before.

        Reading only: the session is marked done by :meth:`recorded`, once the record is
        saved, so a save that fails leaves it as it was, to retry.
        """
        rolled = self.rolled_passes()
        at_finish = self.step.kind is StepKind.FINISH and self.state is not RunState.ABORTED
        completed = at_finish and (bool(rolled) or done)
        if completed and not rolled:
            rolled = self.passes()
        ended = max(now, self.started_at) if self.started_at is not None else now
        return SessionRecord(
            id=self.id,
            date=(self.started_at or now).date(),
            started_at=self.started_at,
            ended_at=ended,
            status=SessionStatus.COMPLETED if completed else SessionStatus.ABORTED,
            source=SessionSource.TIMER,
            needle_mm=self.config.needle_mm,
            zones=tuple(dict.fromkeys(s.zone for s in rolled if s.zone)),
            directions=tuple(dict.fromkeys(s.direction for s in rolled if s.direction)),
            redness=self.redness,
            note=(self.note if note is None else note).strip(),
            recorded_at=ended,
            rolled_s=round(self.rolled_seconds(), 3),
            serum_name=self.config.serum_name,
        )

    def recorded(self, record: SessionRecord) -> None:
        """``record`` is saved: a completed session is done (an aborted one already is)."""
        if record.completed:
            self.state = RunState.DONE

    def rolled_passes(self) -> list[Step]:
        """Passes done or begun: those before the current step that were not skipped (left
        within a second), and the current one if begun."""
        begun = self.step.kind is StepKind.PASS and self.step_elapsed() > 0
        last = self.index + 1 if begun else self.index
        return [
            s
            for i, s in enumerate(self.steps[:last])
            if s.kind is StepKind.PASS and i not in self.skipped
        ]

    @property
    def rolled_any(self) -> bool:
        """Whether the roller touched the scalp: it needs cleaning then."""
        return bool(self.rolled_passes())

    # -- saving and resuming ------------------------------------------------------------
    def snapshot(self, saved_at: dt.datetime) -> ActiveSession:
        """What survives a crash: saved at every step change and pause."""
        return ActiveSession(
            id=self.id,
            config=self.config,
            started_at=self.started_at,
            index=self.index,
            step_elapsed=self.step_elapsed(),
            serum_applied=self.serum_applied,
            saved_at=saved_at,
            skipped=tuple(sorted(self.skipped)),
            rolled_s=self.rolled_s,
            redness=self.redness,
            note=self.note,
        )

    @classmethod
    def resume_from(cls, saved: ActiveSession, clock: Clock) -> GuidedSession:
        """Back at the saved step, paused, with the time it had already run."""
        run = cls(saved.config, clock, saved.id, saved.started_at, index=saved.index)
        run.serum_applied = saved.serum_applied
        run.skipped = set(saved.skipped)
        run.rolled_s = saved.rolled_s
        run.redness = saved.redness
        run.note = saved.note
        if run.step.timed:
            run._banked = min(saved.step_elapsed, float(run.step.seconds or 0))
            run._segment_start = None
            run.state = RunState.PAUSED
        return run


@dataclass(frozen=True)
class ActiveSession:
    """A session in progress as saved: enough to resume it after a quit or crash."""

    id: str
    config: SessionConfig
    started_at: dt.datetime | None
    index: int
    step_elapsed: float
    serum_applied: bool | None
    saved_at: dt.datetime
    skipped: tuple[int, ...] = ()  # the passes skipped so far (step indices)
    rolled_s: float = 0.0  # the time rolled in the passes left so far
    redness: int | None = None  # chosen at the finish step
    note: str = ""  # typed at the finish step

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValue("id", f"must be a non-empty text, not {shown(self.id)}")
        if not isinstance(self.config, SessionConfig):
            raise InvalidValue("config", "missing")
        check_optional_datetime("started_at", self.started_at)
        check_int("index", self.index, 0, len(build_steps(self.config)) - 1)
        check_finite("step_elapsed", self.step_elapsed)
        if self.serum_applied not in (None, True, False):
            raise InvalidValue(
                "serum_applied", f"must be true, false or empty, not {shown(self.serum_applied)}"
            )
        check_datetime("saved_at", self.saved_at)
        for index in self.skipped:
            check_int("skipped", index, 0, len(build_steps(self.config)) - 1)
        check_finite("rolled_s", self.rolled_s, high=MAX_ROLLED_S)
        check_redness(self.redness)
        check_note(self.note)

    def step_title(self) -> str:
        steps = build_steps(self.config)
        return steps[min(self.index, len(steps) - 1)].title


def last_redness_warning(sessions: Sequence[SessionRecord]) -> str | None:
    """Said at the next safety check when the latest session ended with marked redness, or
    with pain or bleeding (its advice again)."""
    done = [s for s in sessions if s.completed]
    if not done:
        return None
    last = max(done, key=lambda s: s.recorded_order)
    if last.redness is None or last.redness < 2:
        return None
    said = f"Your last session ({_short(last.date)}) ended with {REDNESS_LABELS[last.redness]}"
    if last.redness == 2:
        return f"{said}: use lighter pressure this time; it should never hurt."
    return f"{said}. {AFTER_PAIN_QUESTION}"


def offer_confidence(settings: Settings, sessions: Sequence[SessionRecord]) -> bool:
    """After the third completed session, offer rolling in both directions; never while the
    latest session ended with marked redness, or pain or bleeding (its advice is to go
    lighter, or to pause and see a dermatologist)."""
    done = sum(1 for s in sessions if s.completed)
    if settings.confident or done < CONFIDENCE_OFFER_AFTER:
        return False
    return last_redness_warning(sessions) is None


def redness_advice(redness: int | None) -> str | None:
    return REDNESS_ADVICE.get(redness) if redness is not None else None


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


def paused_line(run: GuidedSession) -> str:
    """The one line every screen shows while a session is unfinished: ``Session paused:
    CROWN, 0:13 left`` (the UI adds the key that resumes it)."""
    return f"Session paused: {where_it_stands(run.step, run.remaining())}"


def interrupted_line(saved: ActiveSession) -> str:
    """The same of a session a quit or a crash left: ``Session interrupted: CROWN, 0:13
    left``."""
    steps = build_steps(saved.config)
    step = steps[min(saved.index, len(steps) - 1)]
    remaining = None if step.seconds is None else max(0.0, step.seconds - saved.step_elapsed)
    return f"Session interrupted: {where_it_stands(step, remaining)}"


def where_it_stands(step: Step, remaining: float | None) -> str:
    """``CROWN, 0:13 left`` (a pass), ``Wet your hair`` (a step with no time)."""
    where = step.zone.upper() if step.kind is StepKind.PASS and step.zone else step.title
    left = f", {clock_text(remaining)} left" if remaining is not None else ""
    return f"{where}{left}"


def same_day_warning(
    day: dt.date,
    sessions: Sequence[SessionRecord],
    next_planned: dt.date | None,
    today: dt.date | None = None,
) -> str | None:
    """Said before a second (or third) session on a day that already has one.

    ``today`` defaults to ``day``; for a past day the next planned date is not said.
    """
    today = today or day
    done = sum(1 for s in sessions if s.completed and s.date == day)
    if not done:
        return None
    already = "a session" if done == 1 else f"{done} sessions"
    if day != today:
        verb = "was" if done == 1 else "were"
        return f"There {verb} already {already} on {_short(day)}."
    if next_planned is None:
        return f"You already did {already} today. No session is planned after today."
    days = (next_planned - today).days
    when = "tomorrow" if days == 1 else f"in {days} days"
    return (
        f"You already did {already} today. "
        f"The next planned session is {_short(next_planned)} ({when})."
    )


def _short(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def next_planned_after(
    plans: Sequence[Plan], sessions: Sequence[SessionRecord], today: dt.date
) -> dt.date | None:
    """The first planned date after today (what a second session today would run ahead of)."""
    from scalp_tui.domain.matching import review

    later = (o.date for o in review(plans, sessions, today).outcomes if o.date > today)
    return next(later, None)
