"""One owner for a guided session's life, in plain Python: no Textual here.

:class:`SessionControl` holds the session the app runs (a :class:`GuidedSession`), and does
everything around it that is not drawing:

- the session lock, taken on the safety check's yes or to resume or abort a saved session,
  and let go when the session is recorded (one place for both);
- the saved (interrupted) session: resume it, or record it as aborted;
- the questions asked around a session, as data the UI shows (:class:`Question`): another
  session today? resume or abort? roll both directions now?
- when the session is saved: every step change and pause, every few seconds of a pass, a
  second after the note changed;
- which cue sounds when (``sound.cues.CuePlayer``).

``ui/screens/session.py`` is its view: it draws what the control holds and hands it the
user's keys. The app asks it the questions and shows the answers. Tests drive it with a
FakeClock and a silent sound, without Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scalp_tui.actions import (
    abort_interrupted,
    become_confident,
    end_session,
    new_id,
    same_day_note,
    save_progress,
)
from scalp_tui.domain.advice import offer_confidence
from scalp_tui.domain.clock import Clock
from scalp_tui.domain.dates import short_day
from scalp_tui.domain.regimen import needle_on
from scalp_tui.domain.session import (
    ActiveSession,
    GuidedSession,
    RunState,
    interrupted_line,
    paused_line,
)
from scalp_tui.domain.steps import SessionConfig
from scalp_tui.sound import make_sound
from scalp_tui.sound.cues import CuePlayer
from scalp_tui.store.errors import WRITE_ERRORS

if TYPE_CHECKING:
    from scalp_tui.domain.records import SessionRecord
    from scalp_tui.store.repository import Repository
    from scalp_tui.store.session_lock import SessionLock

#: During a pass the session is saved this often, besides every step change and pause.
SAVE_EVERY_S = 5.0
#: The note typed at the finish step is saved this long after the last save at most.
NOTE_SAVE_S = 1.0
RUNNING_ELSEWHERE = (
    "A session is running in another scalp-tui window: finish it there, or close that "
    "window, then start here."
)


@dataclass(frozen=True)
class Notice:
    """Something the user should be told: ``error`` when a write failed."""

    message: str
    title: str = ""
    error: bool = False


@dataclass(frozen=True)
class Banner:
    """The line every screen shows while a session is unfinished; ``resumable``: the key
    that resumes it goes with it."""

    text: str
    resumable: bool


@dataclass(frozen=True)
class Question:
    """A question the UI asks: its answers as (key, label) pairs; ``cancel`` is the key
    escape answers with."""

    title: str
    message: str
    answers: tuple[tuple[str, str], ...]
    cancel: str


def yes_no(title: str, message: str, yes: str, no: str) -> Question:
    return Question(title, message, (("y", yes), ("n", no)), cancel="n")


class SessionControl:
    """The session this process runs, from the safety check to its record."""

    def __init__(
        self, repository: Repository, clock: Clock, *, bell: Callable[[], None] = lambda: None
    ) -> None:
        self.repository = repository
        self.clock = clock
        self._bell = bell
        #: Told what the user should hear of (a sound that falls back, a save that failed):
        #: the view sets it.
        self.on_notice: Callable[[Notice], None] = lambda notice: None
        self.run: GuidedSession | None = None
        self.stopped = False  # a "no" at the safety check
        self.cues = CuePlayer(make_sound("off", bell=bell))  # until a session begins
        self._notice_said: str | None = None  # the sound's fallback, once told a run
        self._saved_at = 0.0  # monotonic time of the last save
        self._note_unsaved = False

    # -- where it stands ----------------------------------------------------------------
    @property
    def running(self) -> bool:
        """A session past its safety check and not yet recorded."""
        return self.run is not None and self.run.started and not self.run.finished

    def banner(self) -> Banner | None:
        """What every screen says while a session is unfinished: this one ("Session paused:
        CROWN, 0:13 left"), one a quit or crash left ("Session interrupted: ..."), both to
        resume, or one running in another window; None when there is none."""
        if self.running:
            assert self.run is not None
            return Banner(paused_line(self.run), resumable=True)
        saved = self.repository.active_session()
        if saved is None:
            return None
        if self.lock.held_elsewhere():
            return Banner("A session is running in another scalp-tui window", resumable=False)
        return Banner(interrupted_line(saved), resumable=True)

    @property
    def lock(self) -> SessionLock:
        return self.repository.session_lock

    # -- before a session ---------------------------------------------------------------
    def saved(self) -> ActiveSession | None:
        """A session a quit or crash left, to resume or record as aborted."""
        return self.repository.active_session()

    def resume_question(self) -> Question | None:
        """Resume the saved session or record it as aborted (None: there is none)."""
        saved = self.saved()
        if saved is None:
            return None
        local = saved.saved_at.astimezone()
        when = f"{short_day(local.date(), self.clock.today())}, {local:%H:%M}"
        return Question(
            "A session was interrupted",
            f"It stopped at “{saved.step_title()}” ({when}).",
            (("r", "Resume it"), ("a", "Record as aborted")),
            cancel="later",
        )

    def take_saved(self) -> bool:
        """Hold the saved session's lock, to resume or abort it; False while another window
        runs it."""
        return self.lock.acquire()

    def abort_saved(self) -> SessionRecord:
        """Record the saved session as aborted (its lock taken by :meth:`take_saved`), and
        let the lock go whatever happens."""
        saved = self.saved()
        try:
            if saved is None:
                raise KeyError("no interrupted session")
            return abort_interrupted(self.repository, saved, self.clock)
        finally:
            self.lock.release()

    def same_day_question(self) -> Question | None:
        """Another session on a day that already has one? (None: none today yet.)"""
        today = self.clock.today()
        warning = same_day_note(self.repository, today, today)
        if warning is None:
            return None
        return yes_no(
            "Another session today?",
            warning + " Start another one anyway?",
            yes="Start anyway",
            no="Not today",
        )

    # -- a session ----------------------------------------------------------------------
    def prepare(self) -> GuidedSession:
        """The session to show when none runs: the saved one this process holds the lock of
        (a resume), else a fresh one at the safety check with the settings as they are now."""
        if self.running:
            assert self.run is not None
            return self.run
        repo = self.repository
        saved = repo.active_session()
        if saved is not None and self.lock.held:
            run = GuidedSession.resume_from(saved, self.clock)
        else:
            needle = needle_on(repo.plans(), self.clock.today())
            config = SessionConfig.from_settings(repo.settings(), needle)
            run = GuidedSession(config, self.clock, new_id())
        self.begin(run)
        return run

    def begin(self, run: GuidedSession) -> None:
        self.run = run
        self.stopped = False
        self._note_unsaved = False
        sound = make_sound(
            self.repository.settings().sound, bell=self._bell, on_notice=self.sound_notice
        )
        self.cues = CuePlayer(sound)
        self.cues.follow(run)
        if sound.notice and sound.notice != self._notice_said:
            self._notice_said = sound.notice  # once a run, not at every session
            self.sound_notice(sound.notice)

    def sound_notice(self, notice: str) -> None:
        self.on_notice(Notice(notice, title="Sound"))

    def confirm_safety(self) -> bool:
        """Yes to the whole safety check: the session starts, this process holding its lock.
        False while another window runs a session."""
        assert self.run is not None
        if not self.lock.acquire():
            return False
        self.run.confirm_safety(self.clock.now())
        self.step_changed()
        return True

    def stop_at_safety(self) -> None:
        """A "no" at the safety check: no session."""
        self.stopped = True

    def tick(self) -> bool:
        """Called often by the view: advance past timed steps that ran out (True when the
        step changed: saved and sounded), save during a pass and after the note changed,
        play the soft ticks."""
        run = self.run
        if run is None:
            return False
        since_save = self.clock.monotonic() - self._saved_at
        if self._note_unsaved and since_save >= NOTE_SAVE_S:
            self.save()  # the note survives a quit or a crash, typed at most a second ago
        if run.update():
            self.step_changed()
            return True
        if run.state is not RunState.RUNNING:
            return False
        if since_save >= SAVE_EVERY_S:
            self.save()  # a crash mid-pass loses at most these seconds
        self.cues.tick(run)
        return False

    def step_changed(self) -> None:
        self.save()
        assert self.run is not None
        self.cues.entered(self.run)

    def save(self) -> None:
        """Save the session as it stands; a write that fails is told (the session goes on:
        the next save may work)."""
        assert self.run is not None
        self._saved_at = self.clock.monotonic()
        self._note_unsaved = False
        try:
            save_progress(self.repository, self.run, self.clock.now())
        except WRITE_ERRORS as exc:
            self.on_notice(Notice(f"Could not save progress: {exc}", error=True))

    def move(self, change: Callable[[GuidedSession], None]) -> bool:
        """Apply a step key (``GuidedSession.next``, ``back``, ``skip_serum``); True when
        the step changed (then saved and sounded)."""
        assert self.run is not None
        before = self.run.index
        change(self.run)
        if self.run.index == before:
            return False
        self.step_changed()
        return True

    def toggle_pause(self) -> None:
        assert self.run is not None
        self.run.toggle_pause()
        self.save()

    def pause(self) -> None:
        """The view is left or covered: the clock stops while nobody rolls."""
        if self.running:
            assert self.run is not None
            self.run.pause()
            self.save()

    def set_redness(self, value: int) -> None:
        assert self.run is not None
        self.run.set_redness(value)
        self.save()  # the answer survives a quit or a crash

    def set_note(self, note: str) -> None:
        if self.run is not None and self.running:
            self.run.set_note(note)
            self._note_unsaved = True

    def finish_question(self) -> Question | None:
        """Asked before saving a session whose passes were all skipped: was it rolled?"""
        if self.run is None or not self.run.asks_if_done:
            return None
        return Question(
            "Every pass was skipped",
            "The timer saw no pass rolled. Did you roll your scalp this session? "
            "Your redness answer and note are kept either way.",
            (("d", "Yes: record it as done"), ("a", "No: record it as aborted")),
            cancel="escape",
        )

    def finish(self, *, done: bool = False, abort: bool = False) -> SessionRecord:
        """Record the session (``abort``: as aborted; ``done``: the user said a session whose
        passes were all skipped was rolled) and let its lock go. A write that fails raises and
        keeps the session here, to try again."""
        run = self.run
        assert run is not None
        if abort:
            run.abort()
        record = end_session(self.repository, run, self.clock.now(), done=done)
        self.lock.release()
        self.run = None
        return record

    # -- after a session ----------------------------------------------------------------
    def confidence_question(self) -> Question | None:
        """After the third completed session: roll both directions from now on?"""
        sessions = self.repository.sessions()
        if not offer_confidence(self.repository.settings(), sessions):
            return None
        done = sum(1 for s in sessions if s.completed)
        return yes_no(
            "Roll in both directions?",
            f"You have done {done} sessions. The article: “once you feel confident, you can "
            "roll in the opposite direction also, applying only light pressure.” Add the "
            "opposite direction to every zone? (Settings can change it back.)",
            yes="Yes, I feel confident",
            no="Not yet",
        )

    def become_confident(self) -> None:
        become_confident(self.repository)


__all__ = [
    "NOTE_SAVE_S",
    "RUNNING_ELSEWHERE",
    "SAVE_EVERY_S",
    "Banner",
    "Notice",
    "Question",
    "SessionControl",
]
