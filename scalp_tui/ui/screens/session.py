"""The guided session: a large prompt per step, a big countdown, the whole session's progress.

The screen's timer only repaints: all timing lives in GuidedSession, which reads the clock.
Leaving the screen (another screen, a dialog over it) pauses the session and saves it; a
session that was running when a dialog covered it runs on when the dialog closes.

A pass and the move before it are pictures read from two metres away while the eyes are on a
mirror: the head map, the zone in big letters, and the countdown as big as the rows left
allow. A move says so in big letters, in another colour, with no rolling arrow anywhere.

The screen owns the session it runs and reports up, never calls into the app: ``Changed``
after every change (the app shows the one-line "Session paused: ..." on every screen and asks
before quitting), ``Ended`` when it is recorded. What it resumes comes from the database: the
saved session, once this process holds the session lock.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Header, Input, ProgressBar, Static

from scalp_tui.actions import end_session, new_id, save_progress
from scalp_tui.domain.directions import big_arrow
from scalp_tui.domain.records import REDNESS_LABELS, SessionRecord
from scalp_tui.domain.regimen import needle_on
from scalp_tui.domain.session import (
    ARTICLE_SAFETY_ADVICE,
    MINOXIDIL_NOTE,
    GuidedSession,
    RunState,
    SessionConfig,
    Step,
    StepKind,
    clock_text,
    last_redness_warning,
    paused_line,
    redness_advice,
    stroke_of,
    tick_marks,
)
from scalp_tui.domain.text import display_text
from scalp_tui.domain.validation import NOTE_MAX
from scalp_tui.domain.wording import cleaning_before_a_session, safety_stop_advice, sentence
from scalp_tui.sound import Cue, Sound, make_sound
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.format import plain
from scalp_tui.ui.widgets.big_clock import BigClock
from scalp_tui.ui.widgets.big_text import BigText
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.head_map import HeadMap

TICK_S = 0.2
#: From this many rows, a zone's name may take two lines of the biggest letters.
TALL_ROWS = 34
#: From this size (columns, rows) the head map is drawn twice as large.
LARGE_MAP = (112, 36)
#: During a pass the session is saved this often, besides every step change and pause.
SAVE_EVERY_S = 5.0
#: The note typed at the finish step is saved this long after the last save at most.
NOTE_SAVE_S = 1.0
RUNNING_ELSEWHERE = (
    "A session is running in another scalp-tui window: finish it there, or close that "
    "window, then start here."
)

#: The steps read from across the room: no toast covers them.
ROLLING = (StepKind.PASS, StepKind.MOVE)

#: Which keys each step offers (the Footer shows only these).
STEP_ACTIONS: dict[StepKind, set[str]] = {
    StepKind.SAFETY: {"safety_yes", "safety_no"},
    StepKind.WET: {"next", "abort"},
    StepKind.PASS: {"pause", "next", "back", "abort"},
    StepKind.MOVE: {"pause", "next", "back", "abort"},
    StepKind.SERUM: {"next", "skip_serum", "back", "abort"},
    StepKind.FINISH: {"redness", "save", "next", "abort"},
}


class SessionScreen(ScalpScreen[None]):
    CSS_PATH = "session.tcss"
    AUTO_FOCUS = ""  # keys go to the screen; the note field is reached with tab
    BINDINGS = [
        Binding("y", "safety_yes", "Yes, all fine", id="session.safety_yes"),
        Binding("x", "safety_no", "No: stop", id="session.safety_no"),
        Binding("space", "pause", "Pause/resume", id="session.pause"),
        Binding("n", "next", "Next", id="session.next"),
        Binding("b", "back", "Back", id="session.back"),
        Binding("k", "skip_serum", "Skip serum", id="session.skip_serum"),
        Binding("0", "redness(0)", "None", id="session.redness0"),
        Binding("1", "redness(1)", "Mild", id="session.redness1"),
        Binding("2", "redness(2)", "Marked", id="session.redness2"),
        Binding("3", "redness(3)", "Pain/bleeding", id="session.redness3"),
        Binding("ctrl+s", "save", "Save", id="session.save"),
        Binding("escape", "abort", "Abort", id="session.abort"),
    ]

    class Changed(Message):
        """The session's state changed: ``line`` is what every screen shows (None: no
        unfinished session), ``running`` whether one is past its safety check."""

        def __init__(self, line: str | None, running: bool) -> None:
            super().__init__()
            self.line = line
            self.running = running

    class Ended(Message):
        """The session is recorded; ``cleaning``: the roller touched the scalp."""

        def __init__(self, record: SessionRecord, cleaning: bool) -> None:
            super().__init__()
            self.record = record
            self.cleaning = cleaning

    def __init__(self) -> None:
        super().__init__()
        self.run: GuidedSession | None = None
        self.stopped = False  # a "no" at the safety check
        self._timer: Timer | None = None
        self._shown_second: str | None = None
        self._saved_at = 0.0  # monotonic time of the last save
        self.sound: Sound = make_sound("off", bell=lambda: None)  # until a session begins
        self._notice_said: str | None = None  # the sound's fallback, once told
        self._heard: Step | None = None  # the step whose cue was played
        self._marks: tuple[float, ...] = ()  # when the step's soft ticks are due
        self._marks_heard = 0
        self._step_text = ""  # what #step-count shows
        self._run_on_return = False  # running when a dialog covered it: run on when it closes
        self._note_unsaved = False  # the note changed since the last save

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="session-body"):
            yield Static(id="step-count")
            with Horizontal(id="pass-view"):
                yield HeadMap(id="head-map")
                with Vertical(id="pass-words"):
                    with Vertical(id="move-head"):  # a move only: "MOVE TO" over the zone
                        yield BigText("MOVE TO", id="move-big", max_rows=5)
                    yield BigText(id="zone-big", max_rows=5)
                    with Horizontal(id="direction-row"):
                        yield Static(id="big-arrow")
                        yield Static(id="direction-words")
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
        yield KeyFooter(session_banner=False)

    # -- lifecycle ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_S, self.tick, pause=True)

    def on_resize(self, event: events.Resize) -> None:
        # The zone's letters as big as the height allows beside the map; the map twice as
        # large with room for it and a countdown of eleven rows or so below.
        width, height = event.size
        self.query_one("#zone-big", BigText).max_rows = 5 if height < TALL_ROWS else 11
        large = width >= LARGE_MAP[0] and height >= LARGE_MAP[1]
        self.query_one(HeadMap).scale = 2 if large else 1

    def on_screen_resume(self) -> None:
        run = self.run
        if self.running and run is not None and run.state is RunState.RUNNING:
            self.show_step()  # back from the "enlarge" message, still rolling
            return
        if not self.running:
            self.prepare()
        elif run is not None and self._run_on_return:  # the dialog over it closed
            run.resume()
            self.save()
            self.report()
        self._run_on_return = False
        self.show_step()
        if self._timer:
            self._timer.resume()

    def on_screen_suspend(self) -> None:
        """Leaving the screen pauses the session: its clock stops while nobody rolls.

        A dialog over it (the quit question, help, the command palette) pauses it too, while
        the session cannot be seen; a running session runs on when the dialog closes. Another
        mode (the calendar, the checklist) leaves it paused until the user presses space.

        Not when the terminal became too small: the pass goes on behind the message (its
        keys still work there) and its step changes still ring.
        """
        from scalp_tui.ui.screens.too_small import TooSmallScreen

        if isinstance(self.app.screen, TooSmallScreen):
            return
        if self._timer:
            self._timer.pause()
        run = self.run
        if self.running and run is not None:
            covered = self in self.app.screen_stack and isinstance(self.app.screen, ModalScreen)
            self._run_on_return = covered and run.state is RunState.RUNNING
            run.pause()
            self.save()
            self.report()

    def prepare(self) -> None:
        """What the screen shows when no session runs: the saved one this process now holds
        (a resume), else a fresh one at the safety check, with the settings as they are now."""
        repo = self.scalp.repository
        saved = repo.active_session()
        if saved is not None and repo.session_lock.held:
            self.begin(GuidedSession.resume_from(saved, self.scalp.clock))
        else:
            self.begin()

    def begin(self, run: GuidedSession | None = None) -> None:
        """A fresh session at the safety check (or ``run``, resumed from the database)."""
        self.stopped = False
        if run is None:
            repo = self.scalp.repository
            needle = needle_on(repo.plans(), self.scalp.clock.today())
            config = SessionConfig.from_settings(repo.settings(), needle)
            run = GuidedSession(config, self.scalp.clock, new_id())
        self.run = run
        self._heard = run.step
        self._marks = tick_marks(run.step, run.config.strokes_per_pass)
        self._marks_heard = len(self._marks) if run.started else 0
        self.sound = make_sound(
            self.scalp.repository.settings().sound, bell=self.app.bell, on_notice=self.sound_notice
        )
        if self.sound.notice and self.sound.notice != self._notice_said:
            self._notice_said = self.sound.notice  # once a run, not at every session
            self.sound_notice(self.sound.notice)
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = run.note  # what was typed before a quit or crash
        self._note_unsaved = False
        self.report()

    def sound_notice(self, notice: str) -> None:
        self.tell(notice, title="Sound", timeout=8)

    @property
    def rolling(self) -> bool:
        """A pass or the move between two is shown: its countdown and "next:" line are read
        from across the room, and no toast may cover them."""
        run = self.run
        return run is not None and not self.stopped and run.step.kind in ROLLING

    def tell(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """A toast; while rolling, the advice line instead (toasts wait: see session.tcss)."""
        if self.rolling:
            self.advise(plain(f"{title}: {message}" if title else message))
        else:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def report(self) -> None:
        """Tell the app (and so every screen) where the session stands."""
        run = self.run
        line = paused_line(run) if run is not None and self.running else None
        self.post_message(self.Changed(line, self.running))

    @property
    def running(self) -> bool:
        """A session past its safety check and not yet ended."""
        return self.run is not None and self.run.started and not self.run.finished

    # -- the tick: repaint only ---------------------------------------------------------
    def tick(self) -> None:
        run = self.run
        if run is None:
            return
        if self._note_unsaved and self.scalp.clock.monotonic() - self._saved_at >= NOTE_SAVE_S:
            self.save()  # the note survives a quit or a crash, typed at most a second ago
        if run.update():
            self.step_changed()
            return
        if run.state is not RunState.RUNNING:
            return
        if self.scalp.clock.monotonic() - self._saved_at >= SAVE_EVERY_S:
            self.save()  # a crash mid-pass loses at most these seconds
        elapsed = run.step_elapsed()
        marks = sum(1 for mark in self._marks if elapsed >= mark)
        if marks > self._marks_heard:  # the last seconds, or a new stroke: one soft tick
            self._marks_heard = marks
            self.sound.play(Cue.TICK)
        remaining = run.remaining()
        if remaining is None:
            return
        shown = clock_text(remaining)
        if shown != self._shown_second:
            self._shown_second = shown
            self.query_one("#countdown", BigClock).text = shown
            self.query_one("#progress", ProgressBar).update(progress=run.progress())
            self.show_stroke()

    # -- showing ------------------------------------------------------------------------
    def step_changed(self) -> None:
        """Save, ring, show: at every step change.

        The new step shows in the prompt; no toast repeats it (at 80x24 one covered the
        "next:" line).
        """
        assert self.run is not None
        self.save()
        self.cue()
        self.show_step()
        self.report()

    def cue(self) -> None:
        """The sound of the step just entered: a pass, the move between two, the end of the
        rolling; spoken in the ``voice`` mode. Driven by the session's clock, like the ticks."""
        run = self.run
        assert run is not None
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

    def show_stroke(self) -> None:
        """The step's number, and "stroke 2 of 4" while a paced pass runs."""
        run = self.run
        assert run is not None
        stroke = stroke_of(run.step, run.step_elapsed(), run.config.strokes_per_pass)
        text = f"Step {run.index + 1} of {len(run.steps)}"
        if stroke:
            text += f"  ·  stroke {stroke[0]} of {stroke[1]}"
        if text != self._step_text:  # an update lays the screen out again: only on a change
            self._step_text = text
            self.query_one("#step-count", Static).update(text)

    def show_step(self) -> None:
        run = self.run
        if run is None:
            return
        step = run.step
        self._shown_second = None
        self.show_stroke()
        prompt = self.query_one("#prompt", Static)
        lines = self.query_one("#lines", Static)
        self.advise("")
        note = self.query_one("#note", Input)
        note.display = step.kind is StepKind.FINISH and not self.stopped
        if not note.display and note.has_focus:
            self.set_focus(None)
        countdown = self.query_one("#countdown", BigClock)
        countdown.display = step.timed and not self.stopped
        if self.stopped:
            self.set_class(False, "-rolling")
            self.query_one("#pass-view").display = False
            prompt.display = lines.display = True
            prompt.update("Session stopped")
            lines.update(safety_stop_advice(ARTICLE_SAFETY_ADVICE))
            self.query_one("#timer-state", Static).display = False
            self.query_one("#next-step", Static).update("c: back to the calendar")
            self.refresh_bindings()
            return
        self.set_class(self.rolling, "-rolling")
        pictured = self.show_picture(step)
        prompt.display = lines.display = not pictured
        prompt.update(plain(step.title))  # it may name a zone or the serum
        body = list(step.lines)
        if step.kind is StepKind.SAFETY:
            body.append("")
            body.append(self.cleaning_line())
            warning = last_redness_warning(self.scalp.repository.sessions())
            if warning:
                body.append(warning)
            body.append("")
            body.append("y: yes to all, start    x: no, stop")
        elif step.kind is StepKind.WET:
            body.append("n: done")
        elif step.kind is StepKind.SERUM:
            body.append("n: applied    k: skip")
        elif step.kind is StepKind.FINISH:
            body.append("0 none   1 mild redness   2 marked redness   3 pain or bleeding")
            if run.asks_if_done:
                body.append("Every pass was skipped: saving asks whether you rolled.")
            body.append("then n or ctrl+s (or enter in the note) to save")
            self.show_finish_advice()
        lines.update("\n".join(body))
        remaining = run.remaining()
        if remaining is not None:
            countdown.text = clock_text(remaining)
        paused = run.state is RunState.PAUSED
        self.query_one("#session-body").set_class(paused, "-paused")
        # Only while paused: the row is the countdown's otherwise (64x20 has no row to spare).
        state = self.query_one("#timer-state", Static)
        state.update("PAUSED: space to resume" if paused else "")
        state.display = paused
        self.query_one("#progress", ProgressBar).update(progress=run.progress())
        nxt = run.next_step
        self.query_one("#next-step", Static).update(plain(f"next: {nxt.title}" if nxt else ""))
        self.refresh_bindings()

    def show_picture(self, step: Step) -> bool:
        """A pass, and the move before one, as a picture read from across the room. False for
        other steps.

        A pass: the head map with the zone lit and the direction's arrow across it, the zone
        in big letters, a big arrow. A move: "MOVE TO" ("TURN" between two directions of one
        zone) in big letters over the next zone's name, the zone shaded on the map as the
        next one, in the move's colour, and no arrow (nobody should roll while moving); the
        direction to roll next is on the "next:" line.
        """
        view = self.query_one("#pass-view")
        view.display = step.kind in (StepKind.PASS, StepKind.MOVE) and step.zone is not None
        moving = step.kind is StepKind.MOVE
        body = self.query_one("#session-body")
        body.set_class(view.display, "-picture")
        body.set_class(view.display and moving, "-move")
        if not view.display:
            return False
        head = self.query_one(HeadMap)
        head.zone, head.upcoming = step.zone, moving
        head.direction = None if moving else step.direction
        self.query_one("#zone-big", BigText).text = (step.zone or "").upper()
        drawing = big_arrow(step.direction or "") if not moving else None
        self.query_one("#big-arrow", Static).update("\n".join(drawing) if drawing else "")
        if moving:  # the "next:" line names the direction to roll
            run = self.run
            before = run.steps[run.index - 1] if run is not None and run.index else None
            turning = before is not None and before.zone == step.zone  # the same zone again
            self.query_one("#move-big", BigText).text = "TURN" if turning else "MOVE TO"
            words = Content("Lift the roller; do not roll.")
        else:
            words = Content.assemble(
                plain(f"roll {step.direction}"),
                "\nLight pressure. Lift the roller to return; one way only.",
            )
        self.query_one("#direction-words", Static).update(words)
        return True

    def cleaning_line(self) -> str:
        return cleaning_before_a_session(self.scalp.repository.checklists())

    def show_finish_advice(self) -> None:
        assert self.run is not None
        parts = []
        if self.run.redness is not None:
            parts.append(f"Redness: {self.run.redness} {REDNESS_LABELS[self.run.redness]}.")
            advice = redness_advice(self.run.redness)
            if advice:
                parts.append(advice)
        if self.scalp.repository.settings().uses_minoxidil:
            parts.append(MINOXIDIL_NOTE)
        self.advise("\n".join(parts))

    def advise(self, text: str | Content) -> None:
        """The advice line (a warning), or no line at all: an empty one would take a row the
        "next:" line needs in a small terminal."""
        advice = self.query_one("#advice", Static)
        advice.update(text)
        advice.display = bool(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in {a for actions in STEP_ACTIONS.values() for a in actions}:
            return True
        if self.run is None or self.stopped:
            return False
        return action in STEP_ACTIONS[self.run.step.kind]

    # -- saving -------------------------------------------------------------------------
    def save(self) -> None:
        assert self.run is not None
        self._saved_at = self.scalp.clock.monotonic()
        self._note_unsaved = False
        try:
            save_progress(self.scalp.repository, self.run, self.scalp.clock.now())
        except WRITE_ERRORS as exc:
            message = display_text(f"Could not save progress: {exc}")
            self.tell(message, severity="error")

    # -- actions ------------------------------------------------------------------------
    def action_safety_yes(self) -> None:
        assert self.run is not None
        if not self.scalp.repository.session_lock.acquire():
            self.advise(RUNNING_ELSEWHERE)
            return
        self.run.confirm_safety(self.scalp.clock.now())
        self.step_changed()

    def action_safety_no(self) -> None:
        self.stopped = True
        self.show_step()

    def action_pause(self) -> None:
        assert self.run is not None
        self.run.toggle_pause()
        self.save()
        self.show_step()
        self.report()

    def action_next(self) -> None:
        assert self.run is not None
        if self.run.step.kind is StepKind.FINISH:
            self.action_save()  # n, "next" all session long, saves at the end
            return
        before = self.run.index
        self.run.next()
        if self.run.index != before:
            self.step_changed()

    def action_back(self) -> None:
        assert self.run is not None
        before = self.run.index
        self.run.back()
        if self.run.index != before:
            self.step_changed()

    def action_skip_serum(self) -> None:
        assert self.run is not None
        self.run.skip_serum()
        self.step_changed()

    def action_redness(self, value: int) -> None:
        assert self.run is not None
        self.run.set_redness(value)
        self.save()  # the answer survives a quit or a crash
        self.show_finish_advice()

    @on(Input.Changed, "#note")
    def note_changed(self, event: Input.Changed) -> None:
        if self.run is not None and self.running:
            self.run.set_note(event.value)
            self._note_unsaved = True

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        from scalp_tui.ui.widgets.dialogs import Choice

        run = self.run
        assert run is not None
        if run.redness is None:
            self.advise("First answer how the scalp feels: press 0, 1, 2 or 3.")
            return
        run.set_note(self.query_one("#note", Input).value)
        if not run.asks_if_done:
            self.finish()
            return

        def answered(answer: str | None) -> None:
            if answer == "d":
                self.finish(done=True)
            elif answer == "a":
                run.abort()
                self.finish()

        self.app.push_screen(
            Choice(
                "Every pass was skipped",
                "The timer saw no pass rolled. Did you roll your scalp this session? "
                "Your redness answer and note are kept either way.",
                [("d", "Yes: record it as done"), ("a", "No: record it as aborted")],
                cancel="escape",
            ),
            answered,
        )

    def action_abort(self) -> None:
        from scalp_tui.ui.widgets.dialogs import confirm

        run = self.run
        if run is None:
            return
        note = self.query_one("#note", Input)
        if note.has_focus:  # escape in the note leaves the note: the step keys work again
            self.set_focus(None)
            return
        if not run.started:
            self.app.switch_mode("calendar")
            return

        def answered(answer: str | None) -> None:
            # "Keep going": the session goes on as it was before the question (see
            # on_screen_resume).
            if answer == "y":
                run.abort()
                self.finish()

        self.app.push_screen(
            confirm(
                "Abort this session?",
                "It will be recorded as aborted (it counts for nothing in the plan).",
                yes="Abort",
                no="Keep going",
            ),
            answered,
        )

    def finish(self, *, done: bool = False) -> None:
        """Record the session with the note and redness it holds (``done``: the user said a
        session whose passes were all skipped was rolled)."""
        run = self.run
        assert run is not None
        repo = self.scalp.repository
        try:
            record = end_session(repo, run, self.scalp.clock.now(), done=done)
        except WRITE_ERRORS as exc:
            # The session stays in memory, at this step: ctrl+s tries again.
            self.advise(plain(f"Not saved: {exc}. The session is kept here: ctrl+s to try again."))
            return
        repo.session_lock.release()
        self.run = None
        self.report()
        if record.completed:
            title, message = saved_toast(record.redness)
            self.notify(message, title=title)
        else:
            self.notify("Session recorded as aborted.", severity="warning")
        self.post_message(self.Ended(record, cleaning=record.rolled))


def saved_toast(redness: int | None) -> tuple[str, str]:
    """The title and message shown when a completed session is saved: no "well done" after
    marked redness, pain or bleeding; the advice again, plainly, then the cleaning."""
    advice = redness_advice(redness)
    if advice is None:
        return "Well done", "Session saved. Now clean the roller."
    return "Session saved", f"{advice} Now clean the roller."
