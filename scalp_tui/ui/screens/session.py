"""The guided session: a large prompt per step, a big countdown, the whole session's progress.

The screen's timer only repaints: all timing lives in GuidedSession, which reads the clock.
The timer is paused while the screen is hidden, so a session left running costs nothing there.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Digits, Header, Input, ProgressBar, Static

from scalp_tui.actions import end_session, new_id, save_progress
from scalp_tui.domain.checklist import open_checklists
from scalp_tui.domain.records import REDNESS_LABELS
from scalp_tui.domain.regimen import DEFAULT_NEEDLE_MM, plan_on
from scalp_tui.domain.session import (
    ARTICLE_SAFETY_ADVICE,
    MINOXIDIL_NOTE,
    GuidedSession,
    RunState,
    SessionConfig,
    StepKind,
    redness_advice,
)
from scalp_tui.domain.text import display_text
from scalp_tui.domain.validation import NOTE_MAX
from scalp_tui.store.errors import DatabaseError
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.format import plain, short_day
from scalp_tui.ui.widgets.footer import KeyFooter

TICK_S = 0.2
RUNNING_ELSEWHERE = (
    "A session is running in another scalp-tui window: finish it there, or close that "
    "window, then start here."
)

#: Which keys each step offers (the Footer shows only these).
STEP_ACTIONS: dict[StepKind, set[str]] = {
    StepKind.SAFETY: {"safety_yes", "safety_no"},
    StepKind.WET: {"next", "abort"},
    StepKind.PASS: {"pause", "next", "back", "abort"},
    StepKind.SERUM: {"next", "skip_serum", "back", "abort"},
    StepKind.FINISH: {"redness", "save", "abort"},
}


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)  # 29.2 s left shows 0:30 until a full second has gone
    return f"{whole // 60}:{whole % 60:02d}"


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

    def __init__(self) -> None:
        super().__init__()
        self.run: GuidedSession | None = None
        self.pending: GuidedSession | None = None  # a saved session to resume on showing
        self.stopped = False  # a "no" at the safety check
        self._timer: Timer | None = None
        self._shown_second: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="session-body"):
            yield Static(id="step-count")
            yield Static(id="prompt")
            yield Static(id="lines")
            with Center():
                yield Digits(id="countdown")
            yield Static(id="timer-state")
            yield Input(
                placeholder="a note on this session (optional)",
                id="note",
                compact=True,
                max_length=NOTE_MAX,
            )
            yield Static(id="advice")
            yield ProgressBar(id="progress", total=1.0, show_eta=False)
            yield Static(id="next-step")
        yield KeyFooter()

    # -- lifecycle ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_S, self.tick, pause=True)

    def on_screen_resume(self) -> None:
        if self.pending is not None:
            self.begin(self.pending)
            self.pending = None
        elif self.run is None or self.run.finished:
            self.begin()
        self.show_step()
        if self._timer:
            self._timer.resume()

    def on_screen_suspend(self) -> None:
        if self._timer:
            self._timer.pause()

    def begin(self, run: GuidedSession | None = None) -> None:
        """A fresh session at the safety check (or ``run``, resumed from the database)."""
        self.stopped = False
        if run is None:
            repo = self.scalp.repository
            plan = plan_on(repo.plans(), self.scalp.clock.today())
            config = SessionConfig.from_settings(
                repo.settings(), plan.needle_mm if plan else DEFAULT_NEEDLE_MM
            )
            run = GuidedSession(config, self.scalp.clock, new_id())
        self.run = run
        self.query_one("#note", Input).value = ""
        if self.is_mounted:
            self.show_step()

    @property
    def running(self) -> bool:
        """A session past its safety check and not yet ended."""
        return self.run is not None and self.run.started and not self.run.finished

    # -- the tick: repaint only ---------------------------------------------------------
    def tick(self) -> None:
        run = self.run
        if run is None:
            return
        if run.update():
            self.step_changed()
            return
        remaining = run.remaining()
        if remaining is None:
            return
        shown = clock_text(remaining)
        if shown != self._shown_second:
            self._shown_second = shown
            self.query_one("#countdown", Digits).update(shown)
            self.query_one("#progress", ProgressBar).update(progress=run.progress())

    # -- showing ------------------------------------------------------------------------
    def step_changed(self) -> None:
        """Save, ring, show: at every step change.

        The new step shows in the prompt; no toast repeats it (at 80x24 one covered the
        "next:" line).
        """
        assert self.run is not None
        self.save()
        if self.scalp.repository.settings().bell:
            self.app.bell()
        self.show_step()

    def show_step(self) -> None:
        run = self.run
        if run is None:
            return
        step = run.step
        self._shown_second = None
        total = len(run.steps)
        self.query_one("#step-count", Static).update(f"Step {run.index + 1} of {total}")
        prompt = self.query_one("#prompt", Static)
        lines = self.query_one("#lines", Static)
        advice = self.query_one("#advice", Static)
        advice.update("")
        note = self.query_one("#note", Input)
        note.display = step.kind is StepKind.FINISH and not self.stopped
        if not note.display and note.has_focus:
            self.set_focus(None)
        countdown = self.query_one("#countdown", Digits)
        countdown.display = step.timed and not self.stopped
        if self.stopped:
            prompt.update("Session stopped")
            lines.update(ARTICLE_SAFETY_ADVICE)
            self.query_one("#timer-state", Static).update("")
            self.query_one("#next-step", Static).update("c: back to the calendar")
            self.refresh_bindings()
            return
        if step.kind is StepKind.PASS and step.zone and step.direction:
            prompt.update(
                Content.assemble(plain(step.zone.upper()), "\nroll ", plain(step.direction))
            )
        else:
            prompt.update(plain(step.title))  # it may name a zone or the serum
        body = list(step.lines)
        if step.kind is StepKind.SAFETY:
            body.append("")
            body.append(self.cleaning_line())
            body.append("")
            body.append("y: yes to all, start    x: no, stop")
        elif step.kind is StepKind.WET:
            body.append("n: done")
        elif step.kind is StepKind.SERUM:
            body.append("n: applied    k: skip")
        elif step.kind is StepKind.FINISH:
            body.append("0 none   1 mild redness   2 marked redness   3 pain or bleeding")
            body.append("then ctrl+s (or enter in the note) to save")
            self.show_finish_advice()
        lines.update("\n".join(body))
        remaining = run.remaining()
        if remaining is not None:
            countdown.update(clock_text(remaining))
        self.query_one("#timer-state", Static).update(
            "PAUSED: space to resume" if run.state is RunState.PAUSED else ""
        )
        self.query_one("#progress", ProgressBar).update(progress=run.progress())
        nxt = run.next_step
        self.query_one("#next-step", Static).update(plain(f"next: {nxt.title}" if nxt else ""))
        self.refresh_bindings()

    def cleaning_line(self) -> str:
        open_ = open_checklists(self.scalp.repository.checklists())
        if not open_:
            return "Your last cleaning checklist is finished: the roller was cleaned."
        days = ", ".join(short_day(c.session_date) for c in open_)
        return (
            f"The cleaning checklist of {days} is NOT finished: clean the roller with rubbing "
            "alcohol and let it dry before you start."
        )

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
        self.query_one("#advice", Static).update("\n".join(parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in {a for actions in STEP_ACTIONS.values() for a in actions}:
            return True
        if self.run is None or self.stopped:
            return False
        return action in STEP_ACTIONS[self.run.step.kind]

    # -- saving -------------------------------------------------------------------------
    def save(self) -> None:
        assert self.run is not None
        try:
            save_progress(self.scalp.repository, self.run, self.scalp.clock.now())
        except DatabaseError as exc:
            message = display_text(f"Could not save progress: {exc}")
            self.notify(message, severity="error", markup=False)

    # -- actions ------------------------------------------------------------------------
    def action_safety_yes(self) -> None:
        assert self.run is not None
        if not self.scalp.repository.session_lock.acquire():
            self.query_one("#advice", Static).update(RUNNING_ELSEWHERE)
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

    def action_next(self) -> None:
        assert self.run is not None
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
        self.show_finish_advice()

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        run = self.run
        assert run is not None
        if run.redness is None:
            self.query_one("#advice", Static).update(
                "First answer how the scalp feels: press 0, 1, 2 or 3."
            )
            return
        self.finish(self.query_one("#note", Input).value)

    def action_abort(self) -> None:
        from scalp_tui.ui.widgets.dialogs import confirm

        run = self.run
        if run is None:
            return
        if not run.started:
            self.app.switch_mode("calendar")
            return
        run.pause()
        self.save()

        def answered(answer: str | None) -> None:
            if answer == "y":
                run.abort()
                self.finish("")
            else:
                self.show_step()

        self.app.push_screen(
            confirm(
                "Abort this session?",
                "It will be recorded as aborted (it counts for nothing in the plan).",
                yes="Abort",
                no="Keep going",
            ),
            answered,
        )

    def finish(self, note: str) -> None:
        run = self.run
        assert run is not None
        repo = self.scalp.repository
        try:
            record = end_session(repo, run, self.scalp.clock.now(), note)
        except (DatabaseError, ValueError) as exc:
            # The session stays in memory, at this step: ctrl+s tries again.
            self.query_one("#advice", Static).update(
                plain(f"Not saved: {exc}. The session is kept here: ctrl+s to try again.")
            )
            return
        repo.session_lock.release()
        self.run = None
        if record.completed:
            self.notify("Session saved. Now clean the roller.", title="Well done")
            self.scalp.after_session()
        else:
            self.notify("Session recorded as aborted.", severity="warning")
            self.scalp.after_aborted_session(cleaning=run.rolled_any)
