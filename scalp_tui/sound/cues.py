"""Which sound marks what in a guided session, driven by the session's own clock (never by the
UI's ticks): the session control plays them, tests check them without a terminal."""

from __future__ import annotations

from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.steps import Step, StepKind, tick_marks
from scalp_tui.domain.wording import sentence
from scalp_tui.sound.player import Sound
from scalp_tui.sound.tones import Cue


class CuePlayer:
    """Which sound marks what, driven by the session's clock: a chime as a pass begins, a
    distinct sound as a pass ends (the move after it) and as the rolling ends (the serum),
    the step's words in the ``voice`` mode, and soft ticks in a pass's last three seconds
    and at each paced stroke."""

    def __init__(self, sound: Sound) -> None:
        self.sound = sound
        self._heard: Step | None = None  # the step whose cue was played
        self._marks: tuple[float, ...] = ()  # when the step's soft ticks are due
        self._marks_heard = 0

    def follow(self, run: GuidedSession) -> None:
        """Start following ``run`` where it stands, without a sound (a fresh or resumed
        session): the ticks of a resumed step already passed are not played again."""
        self._heard = run.step
        self._marks = tick_marks(run.step, run.config.strokes_per_pass)
        self._marks_heard = len(self._marks) if run.started else 0

    def entered(self, run: GuidedSession) -> None:
        """The sound of the step ``run`` just entered."""
        step, before = run.step, self._heard
        self._heard = step
        self._marks = tick_marks(step, run.config.strokes_per_pass)
        self._marks_heard = sum(1 for mark in self._marks if run.step_elapsed() >= mark)
        rolled = before is not None and before.kind is StepKind.PASS
        if step.kind is StepKind.PASS:
            self.sound.play(Cue.STEP, f"{sentence(step.zone or '')} Roll {step.direction}.")
        elif step.kind is StepKind.MOVE:
            self.sound.play(Cue.PASS_DONE if rolled else Cue.MOVE, sentence(step.title))
        elif step.kind is StepKind.SERUM and rolled:
            self.sound.play(Cue.SESSION_DONE, f"Rolling done. {sentence(step.title)}")
        else:
            self.sound.play(Cue.STEP, sentence(step.title))

    def tick(self, run: GuidedSession) -> None:
        """A soft tick when one of the running step's marks has passed since the last call."""
        elapsed = run.step_elapsed()
        marks = sum(1 for mark in self._marks if elapsed >= mark)
        if marks > self._marks_heard:  # the last seconds, or a new stroke: one soft tick
            self._marks_heard = marks
            self.sound.play(Cue.TICK)
