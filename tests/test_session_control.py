"""The session's life without Textual: the lock, resume and abort, the questions, the save
cadence and the cues (issue 22: one owner for a session)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from scalp_tui.actions import log_session
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import StepKind
from scalp_tui.factory import open_repository
from scalp_tui.session_control import NOTE_SAVE_S, SAVE_EVERY_S, SessionControl
from scalp_tui.sound import Cue
from scalp_tui.sound.cues import CuePlayer
from scalp_tui.store.repository import Repository
from scalp_tui.store.session_lock import SessionLock

NOW = dt.datetime(2027, 1, 13, 19, 0, tzinfo=dt.UTC)


class Heard:
    """A sound that remembers what it was asked to play."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []

    def play(self, cue: Cue, words: str | None = None) -> None:
        self.cues.append(cue)


def control(repo: Repository, clock: FakeClock) -> SessionControl:
    repo.save_settings(replace(Settings(), sound="off", disclaimer_seen=True))
    return SessionControl(repo, clock)


def started(repo: Repository, clock: FakeClock) -> SessionControl:
    ctl = control(repo, clock)
    ctl.prepare()
    assert ctl.confirm_safety()
    return ctl


def to_finish(ctl: SessionControl, clock: FakeClock) -> None:
    assert ctl.run is not None
    while ctl.run.step.kind is not StepKind.FINISH:
        if ctl.run.step.kind is StepKind.PASS:
            clock.advance(10)
        ctl.move(GuidedSession.next)


def test_the_lock_is_taken_at_the_safety_check_and_let_go_with_the_record(repo):
    clock = FakeClock(NOW)
    ctl = started(repo, clock)
    assert ctl.lock.held and ctl.running
    other = SessionLock(repo.path)
    assert not other.acquire()  # another window
    to_finish(ctl, clock)
    ctl.set_redness(0)
    record = ctl.finish()
    assert record.status is SessionStatus.COMPLETED and record.duration == dt.timedelta(seconds=50)
    assert not ctl.lock.held and not ctl.running and repo.active_session() is None
    assert other.acquire()
    other.release()


def test_a_saved_session_is_resumed_or_aborted_and_the_lock_goes_either_way(repo):
    clock = FakeClock(NOW)
    ctl = started(repo, clock)
    ctl.move(GuidedSession.next)
    clock.advance(12)
    ctl.pause()
    ctl.lock.release()  # the process ended
    later = SessionControl(repo, FakeClock(NOW + dt.timedelta(hours=14)))
    question = later.resume_question()
    assert question is not None and [k for k, _ in question.answers] == ["r", "a"]
    assert later.take_saved()
    run = later.prepare()
    assert run.step.kind is StepKind.PASS and run.step_elapsed() == 12
    later.lock.release()
    again = SessionControl(repo, clock)
    assert again.take_saved()
    record = again.abort_saved()
    assert record.status is SessionStatus.ABORTED and not again.lock.held
    assert again.resume_question() is None


def test_the_same_day_and_confidence_questions_are_data(repo):
    clock = FakeClock(NOW)
    ctl = control(repo, clock)
    assert ctl.same_day_question() is None
    for days in (14, 7, 0):
        day = clock.today() - dt.timedelta(days=days)
        log_session(repo, day, clock.today())
    question = ctl.same_day_question()
    assert question is not None and "already did a session today" in question.message
    offer = ctl.confidence_question()
    assert offer is not None and "3 sessions" in offer.message
    ctl.become_confident()
    assert open_repository(repo.path).settings().confident
    assert ctl.confidence_question() is None


def test_the_session_is_saved_every_few_seconds_of_a_pass_and_after_the_note(repo):
    clock = FakeClock(NOW)
    ctl = started(repo, clock)
    ctl.move(GuidedSession.next)  # the first pass runs
    clock.advance(SAVE_EVERY_S - 1)
    ctl.tick()
    saved = repo.active_session()
    assert saved is not None and saved.step_elapsed == 0
    clock.advance(1)
    ctl.tick()
    saved = repo.active_session()
    assert saved is not None and saved.step_elapsed == SAVE_EVERY_S
    to_finish(ctl, clock)
    ctl.set_note("itchy")
    ctl.tick()
    assert repo.active_session().note == ""
    clock.advance(NOTE_SAVE_S)
    ctl.tick()
    assert repo.active_session().note == "itchy"


def test_cues_follow_the_session_clock(repo):
    clock = FakeClock(NOW)
    ctl = started(repo, clock)
    heard = Heard()
    sound: Any = heard
    assert ctl.run is not None
    ctl.cues = CuePlayer(sound)
    ctl.cues.follow(ctl.run)
    ctl.move(GuidedSession.next)  # the wet hair: a pass begins
    assert heard.cues == [Cue.STEP]
    clock.advance(26.5)
    ctl.tick()
    assert heard.cues == [Cue.STEP]  # 3.5 s left: no tick yet
    for _ in range(3):
        clock.advance(1)
        ctl.tick()
    assert heard.cues == [Cue.STEP, Cue.TICK, Cue.TICK, Cue.TICK]
    clock.advance(1)
    assert ctl.tick()  # the pass ran out: the move begins, with its own sound
    assert heard.cues[-1] is Cue.PASS_DONE
