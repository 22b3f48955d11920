"""The guided session's view: a large prompt per step, a big countdown, the whole session's
progress, and the keys.

The session itself (its clock, its lock, when it is saved, which cue sounds) belongs to
:class:`~scalp_tui.session_control.SessionControl`, which the app hands this screen; the
screen draws what the control holds and gives it the user's keys. Its timer only repaints.
Leaving the screen (another screen, a dialog over it) pauses the session and saves it; a
session that was running when a dialog covered it runs on when the dialog closes.

A pass and the move before it are pictures read from two metres away while the eyes are on a
mirror (:class:`PassPicture`), with the countdown as big as the rows left allow.

The screen reports up and never calls into the app: ``Changed`` after every change (the app
shows the one-line "Session paused: ..." on every screen and asks before quitting), ``Ended``
when the session is recorded.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Header, Input

from scalp_tui.domain.advice import (
    last_redness_warning,
    redness_advice,
)
from scalp_tui.domain.session import GuidedSession, RunState
from scalp_tui.domain.steps import StepKind
from scalp_tui.domain.wording import cleaning_before_a_session
from scalp_tui.session_control import RUNNING_ELSEWHERE, Notice, Question, SessionControl
from scalp_tui.sound import Sound
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.format import plain
from scalp_tui.ui.session_messages import SessionChanged, SessionEnded
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.pass_picture import PassPicture
from scalp_tui.ui.widgets.step_panel import StepContext, StepPanel

TICK_S = 0.2

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

    Changed = SessionChanged
    Ended = SessionEnded

    def __init__(self, control: SessionControl) -> None:
        super().__init__()
        self.control = control
        control.on_notice = self.notice
        self._timer: Timer | None = None
        self._run_on_return = False  # running when a dialog covered it: run on when it closes

    # -- what the control holds ---------------------------------------------------------
    @property
    def run(self) -> GuidedSession | None:
        return self.control.run

    @property
    def stopped(self) -> bool:
        """A "no" at the safety check."""
        return self.control.stopped

    @property
    def running(self) -> bool:
        """A session past its safety check and not yet recorded."""
        return self.control.running

    @property
    def sound(self) -> Sound:
        return self.control.cues.sound

    @sound.setter
    def sound(self, sound: Sound) -> None:
        self.control.cues.sound = sound

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepPanel(id="session-body")
        yield KeyFooter(session_banner=False)

    # -- lifecycle ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_S, self.tick, pause=True)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(PassPicture).fit(*event.size)

    def on_screen_resume(self) -> None:
        run = self.run
        if self.running and run is not None and run.state is RunState.RUNNING:
            self.show_step()  # back from the "enlarge" message, still rolling
            return
        if not self.running:
            self.prepare()
        elif run is not None and self._run_on_return:  # the dialog over it closed
            run.resume()
            self.control.save()
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
            self.control.pause()
            self.report()

    def prepare(self) -> None:
        """What the screen shows when no session runs: the saved one this process now holds
        (a resume), else a fresh one at the safety check, with the settings as they are now."""
        run = self.control.prepare()
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = run.note  # what was typed before a quit or crash
        self.report()

    def notice(self, notice: Notice) -> None:
        """What the control says: a sound that fell back, a save that failed."""
        self.tell(notice.message, title=notice.title, severity="error" if notice.error else None)

    def sound_notice(self, notice: str) -> None:
        self.control.sound_notice(notice)

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
        severity: SeverityLevel | None = None,
        timeout: float | None = None,
    ) -> None:
        """A toast; while rolling, the advice line instead (toasts wait: see session.tcss)."""
        if self.rolling:
            self.advise(plain(f"{title}: {message}" if title else message))
        else:
            self.notify(
                message,
                title=title,
                severity=severity or "information",
                timeout=timeout or (8 if title else None),
                markup=False,
            )

    def report(self) -> None:
        """Tell the app (and so every screen) that the session's state changed."""
        self.post_message(self.Changed())

    # -- the tick: repaint only ---------------------------------------------------------
    def tick(self) -> None:
        run = self.run
        if run is None:
            return
        if self.control.tick():  # the step changed: saved and sounded
            self.step_changed()
        else:
            self.panel.tick(run)

    # -- showing ------------------------------------------------------------------------
    @property
    def panel(self) -> StepPanel:
        return self.query_one(StepPanel)

    def step_changed(self) -> None:
        """Show the new step (the control saved it and rang): no toast repeats it (at 80x24
        one covered the "next:" line)."""
        self.show_step()
        self.report()

    def show_step(self) -> None:
        run = self.run
        if run is None:
            return
        if self.stopped:
            self.set_class(False, "-rolling")
            self.panel.show_stopped(self.key_for)
        else:
            self.set_class(self.rolling, "-rolling")
            self.panel.show(run, self.step_context(run))
        note = self.query_one("#note", Input)
        if not note.display and note.has_focus:
            self.set_focus(None)
        self.refresh_bindings()

    def step_context(self, run: GuidedSession) -> StepContext:
        repo = self.scalp.repository
        safety: list[str] = []
        if run.step.kind is StepKind.SAFETY:
            safety.append(cleaning_before_a_session(repo.checklists()))
            warning = last_redness_warning(repo.sessions())
            if warning:
                safety.append(warning)
        return StepContext(self.key_for, safety, repo.settings().uses_minoxidil)

    def advise(self, text: str | Content) -> None:
        self.panel.advise(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in {a for actions in STEP_ACTIONS.values() for a in actions}:
            return True
        if self.run is None or self.stopped:
            return False
        return action in STEP_ACTIONS[self.run.step.kind]

    # -- actions ------------------------------------------------------------------------
    def action_safety_yes(self) -> None:
        if not self.control.confirm_safety():
            self.advise(RUNNING_ELSEWHERE)
            return
        self.step_changed()

    def action_safety_no(self) -> None:
        self.control.stop_at_safety()
        self.show_step()

    def action_pause(self) -> None:
        self.control.toggle_pause()
        self.show_step()
        self.report()

    def action_next(self) -> None:
        assert self.run is not None
        if self.run.step.kind is StepKind.FINISH:
            self.action_save()  # n, "next" all session long, saves at the end
        elif self.control.move(GuidedSession.next):
            self.step_changed()

    def action_back(self) -> None:
        if self.control.move(GuidedSession.back):
            self.step_changed()

    def action_skip_serum(self) -> None:
        self.control.move(GuidedSession.skip_serum)
        self.step_changed()

    def action_redness(self, value: int) -> None:
        self.control.set_redness(value)
        assert self.run is not None
        self.panel.show_finish_advice(self.run, self.scalp.repository.settings().uses_minoxidil)

    @on(Input.Changed, "#note")
    def note_changed(self, event: Input.Changed) -> None:
        self.control.set_note(event.value)

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        run = self.run
        assert run is not None
        if run.redness is None:
            keys = [self.key_for(f"redness({i})") for i in range(4)]
            self.advise(
                f"First answer how the scalp feels: press {', '.join(keys[:-1])} or {keys[-1]}."
            )
            return
        self.control.set_note(self.query_one("#note", Input).value)
        question = self.control.finish_question()
        if question is None:
            self.finish()
            return

        def answered(answer: str | None) -> None:
            if answer == "d":
                self.finish(done=True)
            elif answer == "a":
                self.finish(abort=True)

        self.ask(question, answered)

    def action_abort(self) -> None:
        from scalp_tui.session_control import yes_no

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
                self.finish(abort=True)

        question = yes_no(
            "Abort this session?",
            "It will be recorded as aborted (it counts for nothing in the plan).",
            yes="Abort",
            no="Keep going",
        )
        self.ask(question, answered)

    def ask(self, question: Question, then: Callable[[str | None], None]) -> None:
        from scalp_tui.ui.widgets.dialogs import ask

        self.app.push_screen(ask(question), then)

    def finish(self, *, done: bool = False, abort: bool = False) -> None:
        """Record the session with the note and redness it holds (``done``: the user said a
        session whose passes were all skipped was rolled; ``abort``: as aborted)."""
        try:
            record = self.control.finish(done=done, abort=abort)
        except WRITE_ERRORS as exc:
            # The session stays in memory, at this step: ctrl+s tries again.
            save = self.key_for("save")
            self.advise(plain(f"Not saved: {exc}. The session is kept here: {save} to try again."))
            return
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
