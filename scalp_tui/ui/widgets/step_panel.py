"""The session screen's body: one step drawn large, its countdown, the whole session's progress
and the "next:" line. It draws what it is given; the screen decides when.

Its look is the session screen's stylesheet's (it keeps the ids that stylesheet names).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, ProgressBar, Static

from scalp_tui.domain.advice import ARTICLE_SAFETY_ADVICE, MINOXIDIL_NOTE, redness_advice
from scalp_tui.domain.records import REDNESS_LABELS
from scalp_tui.domain.session import GuidedSession, RunState
from scalp_tui.domain.steps import StepKind, clock_text, stroke_of
from scalp_tui.domain.validation import NOTE_MAX
from scalp_tui.domain.wording import safety_stop_advice
from scalp_tui.ui.format import plain
from scalp_tui.ui.widgets.big_clock import BigClock
from scalp_tui.ui.widgets.pass_picture import PassPicture, pictured


@dataclass(frozen=True)
class StepContext:
    """What a step's words need besides the session: the keys (from the screen's bindings),
    the lines the safety check adds (the cleaning, the last session's redness), and whether
    the user takes minoxidil."""

    key: Callable[[str], str]
    safety_lines: Sequence[str] = ()
    minoxidil: bool = False


class StepPanel(Vertical):
    """The step shown, from :meth:`show`; :meth:`tick` repaints the countdown only."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_second: str | None = None
        self._step_text = ""  # what #step-count shows

    def compose(self) -> ComposeResult:
        yield Static(id="step-count")
        yield PassPicture(id="pass-view")
        yield Static(id="prompt")
        yield Static(id="lines")
        yield BigClock(id="countdown")
        yield Static(id="timer-state")
        yield Input(
            placeholder="a note on this session (optional; esc leaves it)",
            id="note",
            compact=True,
            max_length=NOTE_MAX,
        )
        yield Static(id="advice")
        yield ProgressBar(id="progress", total=1.0, show_eta=False)
        yield Static(id="next-step")

    def tick(self, run: GuidedSession) -> None:
        """The running step's countdown and progress, when the shown second changes."""
        remaining = run.remaining()
        if run.state is not RunState.RUNNING or remaining is None:
            return
        shown = clock_text(remaining)
        if shown != self._shown_second:
            self._shown_second = shown
            self.query_one("#countdown", BigClock).text = shown
            self.query_one("#progress", ProgressBar).update(progress=run.progress())
            self.show_stroke(run)

    def show_stroke(self, run: GuidedSession) -> None:
        """The step's number, and "stroke 2 of 4" while a paced pass runs."""
        stroke = stroke_of(run.step, run.step_elapsed(), run.config.strokes_per_pass)
        text = f"Step {run.index + 1} of {len(run.steps)}"
        if stroke:
            text += f"  ·  stroke {stroke[0]} of {stroke[1]}"
        if text != self._step_text:  # an update lays the screen out again: only on a change
            self._step_text = text
            self.query_one("#step-count", Static).update(text)

    def show_stopped(self, key: Callable[[str], str]) -> None:
        """A "no" at the safety check: the article's advice, and the way back."""
        self._shown_second = None
        self.query_one(PassPicture).display = False
        self.set_class(False, "-picture")
        self.set_class(False, "-move")
        self.advise("")
        for wid in ("#note", "#countdown", "#timer-state"):
            self.query_one(wid).display = False
        prompt, lines = self.query_one("#prompt", Static), self.query_one("#lines", Static)
        prompt.display = lines.display = True
        prompt.update("Session stopped")
        lines.update(safety_stop_advice(ARTICLE_SAFETY_ADVICE))
        self.query_one("#next-step", Static).update(f"{key('calendar')}: back to the calendar")

    def show(self, run: GuidedSession, context: StepContext) -> None:
        """Draw ``run``'s step: a picture for a pass or a move, else its words and keys."""
        step = run.step
        self._shown_second = None
        self.show_stroke(run)
        self.advise("")
        self.query_one("#note", Input).display = step.kind is StepKind.FINISH
        countdown = self.query_one("#countdown", BigClock)
        countdown.display = step.timed
        picture = self.query_one(PassPicture)
        picture.display = pictured(step)
        self.set_class(picture.display, "-picture")
        self.set_class(picture.display and step.kind is StepKind.MOVE, "-move")
        if picture.display:
            picture.show(step, run.steps[run.index - 1] if run.index else None)
        prompt, lines = self.query_one("#prompt", Static), self.query_one("#lines", Static)
        prompt.display = lines.display = not picture.display
        prompt.update(plain(step.title))  # it may name a zone or the serum
        lines.update("\n".join([*step.lines, *step_keys(run, context)]))
        if step.kind is StepKind.FINISH:
            self.show_finish_advice(run, context.minoxidil)
        remaining = run.remaining()
        if remaining is not None:
            countdown.text = clock_text(remaining)
        paused = run.state is RunState.PAUSED
        self.set_class(paused, "-paused")
        # Only while paused: the row is the countdown's otherwise (64x20 has no row to spare).
        state = self.query_one("#timer-state", Static)
        state.update(f"PAUSED: {context.key('pause')} to resume" if paused else "")
        state.display = paused
        self.query_one("#progress", ProgressBar).update(progress=run.progress())
        nxt = run.next_step
        self.query_one("#next-step", Static).update(plain(f"next: {nxt.title}" if nxt else ""))

    def show_finish_advice(self, run: GuidedSession, minoxidil: bool) -> None:
        parts = []
        if run.redness is not None:
            parts.append(f"Redness: {run.redness} {REDNESS_LABELS[run.redness]}.")
            advice = redness_advice(run.redness)
            if advice:
                parts.append(advice)
        if minoxidil:
            parts.append(MINOXIDIL_NOTE)
        self.advise("\n".join(parts))

    def advise(self, text: str | Content) -> None:
        """The advice line (a warning), or no line at all: an empty one would take a row the
        "next:" line needs in a small terminal."""
        advice = self.query_one("#advice", Static)
        advice.update(text)
        advice.display = bool(text)


def step_keys(run: GuidedSession, context: StepContext) -> list[str]:
    """The lines below a step's words: what the step asks, and its keys."""
    key, kind = context.key, run.step.kind
    if kind is StepKind.SAFETY:
        yes, no = key("safety_yes"), key("safety_no")
        return ["", *context.safety_lines, "", f"{yes}: yes to all, start    {no}: no, stop"]
    if kind is StepKind.WET:
        return [f"{key('next')}: done"]
    if kind is StepKind.SERUM:
        return [f"{key('next')}: applied    {key('skip_serum')}: skip"]
    if kind is StepKind.FINISH:
        said = ["   ".join(f"{key(f'redness({i})')} {REDNESS_LABELS[i]}" for i in range(4))]
        if run.asks_if_done:
            said.append("Every pass was skipped: saving asks whether you rolled.")
        said.append(f"then {key('next')} or {key('save')} (or enter in the note) to save")
        return said
    return []
