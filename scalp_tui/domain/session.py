"""The guided session: a timer state machine fed by a Clock, over the steps of ``steps.py``.

Time is always ``clock.monotonic()`` minus a start, pauses excluded: never a count of ticks. A
timed step that runs out hands its overshoot to the next step, so however late the UI asks,
every step starts exactly when the previous one ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from scalp_tui.domain.clock import Clock
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.domain.steps import (
    MIN_ROLLED_S,
    SessionConfig,
    Step,
    StepKind,
    build_steps,
    where_it_stands,
)
from scalp_tui.domain.validation import (
    MAX_ROLLED_S,
    InvalidValue,
    check_datetime,
    check_finite,
    check_int,
    check_note,
    check_optional_datetime,
    check_redness,
    shown,
)


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
