"""What a guided session records: the time rolled, its date, the user's word on a session
whose passes were all skipped, what survives a quit, and a wall clock that steps back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig, StepKind

EVENING = dt.datetime(2027, 1, 13, 19, 0, tzinfo=dt.UTC)


def two_zones(**changes: Any) -> SessionConfig:
    settings = replace(Settings(), zones=("top", "crown"), move_seconds=0, **changes)
    return SessionConfig.from_settings(settings, 0.5)


def begun(clock: FakeClock, cfg: SessionConfig | None = None) -> GuidedSession:
    run = GuidedSession(cfg or two_zones(), clock, "s1")
    run.confirm_safety(clock.now())
    run.next()  # wet the hair: the first pass runs
    assert run.step.kind is StepKind.PASS
    return run


def test_the_duration_is_the_time_rolled_not_the_night_the_app_was_closed():
    """Issue 21 case 3: quit at a pass at 19:00, resumed and finished the next morning; the
    record said 840 minutes. It is the time rolled; start and end are kept."""
    clock = FakeClock(EVENING)
    run = begun(clock)
    clock.advance(12)  # 12 s into the first pass
    run.pause()
    saved = run.snapshot(clock.now())
    clock.advance(14 * 3600)  # the night, app closed
    resumed = GuidedSession.resume_from(saved, clock)
    resumed.resume()
    clock.advance(40)  # the rest of the first pass (18 s), then 22 s of the second
    resumed.update()
    resumed.pause()
    clock.advance(300)  # paused at the second pass for five minutes
    resumed.resume()
    resumed.next()  # the second pass cut short
    while resumed.step.kind is not StepKind.FINISH:
        resumed.next()
    resumed.set_redness(0)
    record = resumed.record(clock.now())
    assert record.status is SessionStatus.COMPLETED
    assert record.duration == dt.timedelta(seconds=30 + 22)
    assert record.started_at == EVENING and record.date == EVENING.date()
    assert record.ended_at == clock.now()


def test_paused_time_is_not_rolled_time():
    clock = FakeClock(EVENING)
    run = begun(clock)
    clock.advance(10)
    run.pause()
    clock.advance(600)
    run.resume()
    clock.advance(5)
    run.abort()
    record = run.record(clock.now())
    assert record.duration == dt.timedelta(seconds=15)


def test_every_pass_skipped_is_aborted_unless_the_user_says_done_and_keeps_the_redness():
    """Issue 21 case 5: n through every pass recorded an aborted session without a word and
    dropped the redness chosen at the finish step."""
    clock = FakeClock(EVENING)
    run = begun(clock)
    while run.step.kind is not StepKind.FINISH:
        run.next()  # each pass left within a second: skipped
    assert run.asks_if_done
    run.set_redness(2)
    run.set_note("rolled by hand")
    aborted = run.record(clock.now())
    assert aborted.status is SessionStatus.ABORTED
    assert (aborted.redness, aborted.note) == (2, "rolled by hand")
    done = run.record(clock.now(), done=True)
    assert done.status is SessionStatus.COMPLETED
    assert (done.redness, done.note) == (2, "rolled by hand")
    assert done.zones == ("top", "crown") and done.directions == ("front to back",)


def test_a_rolled_session_does_not_ask():
    clock = FakeClock(EVENING)
    run = begun(clock)
    clock.advance(30)
    run.update()
    while run.step.kind is not StepKind.FINISH:
        run.next()
    assert not run.asks_if_done


def test_redness_and_note_at_the_finish_step_survive_a_quit():
    """Issue 21 case 6: what was typed at the finish step was gone after quit and resume."""
    clock = FakeClock(EVENING)
    run = begun(clock)
    clock.advance(30)
    run.update()
    while run.step.kind is not StepKind.FINISH:
        run.next()
    run.set_redness(1)
    run.set_note("itchy at the crown")
    resumed = GuidedSession.resume_from(run.snapshot(clock.now()), FakeClock(EVENING))
    assert (resumed.redness, resumed.note) == (1, "itchy at the crown")
    assert resumed.rolled_seconds() == run.rolled_seconds() == 30


def test_a_wall_clock_stepping_back_never_makes_a_session_unsavable():
    """Issue 21 case 11: NTP set the clock back an hour during the session; the record was
    refused ("ended_at is before started_at"), and so was the abort of its saved copy."""
    clock = FakeClock(EVENING)
    run = begun(clock)
    clock.advance(30)
    run.update()
    an_hour_back = clock.now() - dt.timedelta(hours=1)
    record = run.record(an_hour_back)
    assert record.ended_at == record.started_at == EVENING
    assert record.duration == dt.timedelta(seconds=30)
    saved = run.snapshot(an_hour_back)  # saved_at before started_at
    again = GuidedSession.resume_from(saved, FakeClock(an_hour_back))
    again.abort()
    aborted = again.record(saved.saved_at)
    assert aborted.status is SessionStatus.ABORTED and aborted.ended_at == EVENING


def test_a_record_keeps_the_serum_it_was_made_with():
    clock = FakeClock(EVENING)
    run = begun(clock, two_zones(serum_name="aloe gel"))
    run.abort()
    assert run.record(clock.now()).serum_name == "aloe gel"


def test_after_pain_or_bleeding_the_finish_says_what_to_do_and_the_next_check_asks():
    """Issue 21 case 19: after "pain or bleeding" the plain instruction, and the next safety
    check asks whether the scalp healed and a dermatologist agreed, instead of a statement."""
    from scalp_tui.domain.advice import AFTER_PAIN_QUESTION, last_redness_warning, redness_advice
    from scalp_tui.domain.records import logged_session

    advice = redness_advice(3)
    assert advice is not None and "stop here" in advice and "dermatologist" in advice
    painful = logged_session(
        "p", EVENING.date(), needle_mm=0.5, zones=("top",), directions=("front to back",),
        redness=3,
    )  # fmt: skip
    warning = last_redness_warning([painful])
    assert warning is not None and warning.endswith(AFTER_PAIN_QUESTION)
    assert warning.startswith("Your last session (Wed 13 Jan) ended with pain or bleeding.")


@pytest.mark.parametrize("rolled", [1e308, 2**63, 86_400.5, -1.0, float("nan")])
def test_a_time_rolled_past_a_day_is_refused_where_it_is_made(rolled):
    """A hand-edited 1e308 made `export csv` die with OverflowError in the duration."""
    from scalp_tui.domain.records import SessionRecord, SessionSource
    from scalp_tui.domain.validation import InvalidValue

    with pytest.raises(InvalidValue, match="rolled_s"):
        SessionRecord(
            id="x", date=EVENING.date(), started_at=EVENING, ended_at=EVENING,
            status=SessionStatus.COMPLETED, source=SessionSource.TIMER, needle_mm=0.5,
            zones=("top",), directions=("front to back",), rolled_s=rolled,
        )  # fmt: skip
