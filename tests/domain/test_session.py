"""The guided session with a FakeClock: steps, transitions, timing accuracy, properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.session import GuidedSession, RunState
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig, StepKind, build_steps

NOW = dt.datetime(2026, 11, 23, 20, 0, tzinfo=dt.UTC)


def config(**changes: Any) -> SessionConfig:
    """The default settings, without the "move to" steps unless a test asks for them."""
    changes.setdefault("move_seconds", 0)
    return SessionConfig.from_settings(replace(Settings(), **changes), 0.5)


def kind(run: GuidedSession) -> StepKind:
    return run.step.kind


def started(cfg: SessionConfig | None = None, clock: FakeClock | None = None) -> GuidedSession:
    clock = clock or FakeClock(NOW)
    run = GuidedSession(cfg or config(), clock, "s1")
    run.confirm_safety(clock.now())
    return run


def test_steps_for_a_beginner_roll_one_direction_per_zone():
    steps = build_steps(config())
    kinds = [s.kind for s in steps]
    assert kinds == [StepKind.SAFETY, StepKind.WET] + [StepKind.PASS] * 5 + [
        StepKind.SERUM,
        StepKind.FINISH,
    ]
    passes = [s for s in steps if s.kind is StepKind.PASS]
    assert [s.zone for s in passes] == ["front/hairline", "top", "crown", "left side", "right side"]
    assert {s.direction for s in passes} == {"front to back"}
    assert all(s.seconds == 30 for s in passes)
    assert "Light pressure." in passes[0].lines
    assert any("Lift the roller to return" in line for line in passes[0].lines)
    assert "hair caught in the roller" in steps[1].lines[0]


def test_once_confident_each_zone_gets_both_directions_in_order():
    steps = build_steps(config(confident=True, zones=("top", "crown"), seconds_per_pass=45))
    passes = [(s.zone, s.direction, s.seconds) for s in steps if s.kind is StepKind.PASS]
    assert passes == [
        ("top", "front to back", 45),
        ("top", "back to front", 45),
        ("crown", "front to back", 45),
        ("crown", "back to front", 45),
    ]


def test_serum_step_names_the_serum():
    steps = build_steps(config(serum_name="Serene Scalp"))
    assert steps[-2].title == "Apply Serene Scalp"


def test_the_safety_check_must_be_confirmed_first():
    run = GuidedSession(config(), FakeClock(NOW), "s1")
    assert run.step.kind is StepKind.SAFETY and run.state is RunState.WAITING
    with pytest.raises(ValueError):
        run.next()
    assert not run.started


def test_a_pass_counts_down_and_hands_over_to_the_next_one():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()  # hair wet
    assert run.step.kind is StepKind.PASS and run.state is RunState.RUNNING
    clock.advance(12.5)
    assert run.remaining() == pytest.approx(17.5)
    clock.advance(17.5 + 4)  # the tick comes 4 s late
    assert run.update() is True
    assert run.step.zone == "top"
    assert run.remaining() == pytest.approx(26)  # the late 4 s belong to the new pass


def test_pause_stops_time_and_resume_continues_it():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()
    clock.advance(10)
    run.pause()
    assert run.state is RunState.PAUSED
    clock.advance(300)
    assert run.remaining() == pytest.approx(20)
    assert run.update() is False
    run.resume()
    clock.advance(5)
    assert run.remaining() == pytest.approx(15)


def test_next_back_and_the_untimed_steps():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    assert run.step.kind is StepKind.WET and run.state is RunState.WAITING
    run.back()
    assert run.step.kind is StepKind.WET  # never back into the safety check
    run.next()
    run.next()
    assert run.step.zone == "top"
    clock.advance(20)
    run.back()
    assert run.step.zone == "front/hairline" and run.remaining() == 30  # from the start again
    for _ in range(5):
        run.next()
    assert kind(run) is StepKind.SERUM and run.state is RunState.WAITING
    run.skip_serum()
    assert run.serum_applied is False
    assert kind(run) is StepKind.FINISH
    run.next()  # the finish waits for the redness answer and save
    assert kind(run) is StepKind.FINISH


def test_abort_records_an_aborted_session_with_what_was_rolled():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()
    clock.advance(31)
    run.update()
    clock.advance(3)  # three seconds into "top"
    run.abort()
    assert run.state is RunState.ABORTED
    record = run.record(clock.now())
    assert record.status is SessionStatus.ABORTED
    assert record.zones == ("front/hairline", "top")
    assert record.redness is None
    assert run.rolled_any


def test_a_completed_session_record():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()
    clock.advance(5 * 30)
    run.update()
    run.next()  # serum applied
    assert run.serum_applied is True
    run.set_redness(1)
    record = run.record(clock.now(), note="  all good ")
    assert record.status is SessionStatus.COMPLETED and run.state is not RunState.DONE
    run.recorded(record)  # saved: only now is the session done
    assert run.finished  # the session is done
    assert record.started_at == NOW and record.ended_at == NOW + dt.timedelta(seconds=150)
    assert record.duration == dt.timedelta(seconds=150)
    assert record.zones == config().zones and record.directions == ("front to back",)
    assert (record.redness, record.note, record.source.value) == (1, "all good", "timer")


def test_twenty_simulated_minutes_with_pauses_end_within_50_ms():
    """10 passes of 120 s = 20 minutes of rolling, irregular late ticks, eight pauses."""
    clock = FakeClock(NOW)
    cfg = config(confident=True, seconds_per_pass=120)
    run = started(cfg, clock)
    run.next()
    first_pass_start = clock.monotonic()
    paused_total = 0.0
    tick = 0
    while run.step.kind is StepKind.PASS:
        tick += 1
        clock.advance(0.25 + (tick % 7) * 0.113)  # ticks are late by varying amounts
        run.update()
        if tick % 300 == 0 and run.step.kind is StepKind.PASS:
            run.pause()
            pause = 7.3 + tick % 11
            clock.advance(pause)
            paused_total += pause
            run.resume()
    expected_end = first_pass_start + 20 * 60 + paused_total
    assert run.step.kind is StepKind.SERUM
    assert abs(run.step_started[-1] - expected_end) < 0.050
    assert paused_total > 0


def test_resume_after_a_crash_is_paused_where_it_was():
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()
    clock.advance(12)
    saved = run.snapshot(clock.now())
    later = FakeClock(NOW + dt.timedelta(hours=1), monotonic=50.0)
    back = GuidedSession.resume_from(saved, later)
    assert back.step.zone == "front/hairline"
    assert back.state is RunState.PAUSED
    assert back.remaining() == pytest.approx(18)
    back.resume()
    later.advance(18)
    assert back.update() and back.step.zone == "top"
    assert back.started_at == NOW


actions = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(0.0, 40.0)),
        st.tuples(st.sampled_from(["pause", "resume", "update"]), st.just(0.0)),
    ),
    max_size=60,
)


@settings(max_examples=200)
@given(actions)
def test_remaining_never_rises_while_running_and_never_changes_while_paused(steps):
    clock = FakeClock(NOW)
    run = started(clock=clock)
    run.next()
    for action, amount in steps:
        before_index, before_state = run.index, run.state
        before = run.remaining()
        if action == "advance":
            clock.advance(amount)
        else:
            getattr(run, action)()
        if run.index != before_index or before is None:
            continue
        after = run.remaining()
        assert after is not None
        if before_state is RunState.PAUSED and run.state is RunState.PAUSED:
            assert after == before
        if before_state is RunState.RUNNING:
            assert after <= before


def test_a_move_step_goes_between_passes_and_names_the_next_zone():
    steps = build_steps(config(move_seconds=5, confident=True, zones=("top", "crown")))
    kinds = [s.kind for s in steps]
    assert kinds == [
        StepKind.SAFETY, StepKind.WET,
        StepKind.PASS, StepKind.MOVE, StepKind.PASS,  # top: both ways
        StepKind.MOVE, StepKind.PASS, StepKind.MOVE, StepKind.PASS,  # crown: both ways
        StepKind.SERUM, StepKind.FINISH,
    ]  # fmt: skip
    turn, move = steps[3], steps[5]
    assert (turn.title, turn.seconds) == ("Turn the roller: back to front", 5)
    assert (move.title, move.zone, move.direction) == ("Move to: crown", "crown", "front to back")


def test_a_move_step_runs_out_into_the_next_pass_on_the_clock():
    clock = FakeClock(NOW)
    run = started(config(move_seconds=5), clock)
    run.next()  # wet hair done: the first pass
    clock.advance(30 + 5 + 2)  # the pass, the move, 2 s into the next pass
    assert run.update()
    assert kind(run) is StepKind.PASS and run.step.zone == "top"
    assert run.step_elapsed() == 2
    assert [s.zone for s in run.rolled_passes()] == ["front/hairline", "top"]


def test_ticks_in_the_last_three_seconds_and_at_each_stroke():
    from scalp_tui.domain.steps import stroke_of, tick_marks

    step = build_steps(config(seconds_per_pass=20))[2]
    assert tick_marks(step) == (17.0, 18.0, 19.0)
    assert tick_marks(step, strokes_per_pass=4) == (5.0, 10.0, 15.0, 17.0, 18.0, 19.0)
    assert stroke_of(step, 0.0, 4) == (1, 4)
    assert stroke_of(step, 10.0, 4) == (3, 4)
    assert stroke_of(step, 20.0, 4) == (4, 4)
    assert stroke_of(step, 3.0, 0) is None
    wet = build_steps(config())[1]
    assert tick_marks(wet, 4) == ()


def test_directions_come_from_the_vocabulary_one_to_four():
    from scalp_tui.domain.settings import DIRECTION_PRESETS
    from scalp_tui.domain.validation import InvalidValue

    cross = Settings(directions=DIRECTION_PRESETS["crosshatch"], confident=True)
    assert len(SessionConfig.from_settings(cross, 0.5).directions) == 4
    assert Settings(directions=DIRECTION_PRESETS["crosshatch"]).rolled_directions == (
        "front to back",
    )
    for bad in ((), ("sideways",), ("front to back",) * 2, DIRECTION_PRESETS["crosshatch"] * 2):
        with pytest.raises(InvalidValue, match="directions"):
            Settings(directions=bad)


def test_passes_skipped_within_a_second_are_not_recorded_as_rolled():
    clock = FakeClock(NOW)
    run = started(config(zones=("top", "crown", "left side")), clock)
    run.next()  # the first pass: top
    clock.advance(0.4)
    run.next()  # skipped
    clock.advance(12)
    run.next()  # crown: rolled 12 s
    clock.advance(0.2)
    run.next()  # left side skipped too
    while kind(run) is not StepKind.FINISH:
        run.next()
    run.set_redness(0)
    record = run.record(clock.now())
    assert record.zones == ("crown",)
    assert record.completed


def test_a_session_whose_every_pass_was_skipped_counts_for_nothing():
    clock = FakeClock(NOW)
    run = started(config(zones=("top",)), clock)
    while kind(run) is not StepKind.FINISH:
        run.next()
    run.set_redness(0)
    record = run.record(clock.now())
    assert record.status is SessionStatus.ABORTED and record.zones == ()
    assert not run.rolled_any  # no cleaning checklist either


def test_skipped_passes_survive_a_resume():
    clock = FakeClock(NOW)
    run = started(config(zones=("top", "crown")), clock)
    run.next()
    run.next()  # top skipped at once
    clock.advance(5)
    saved = run.snapshot(clock.now())
    assert saved.skipped == (2,)
    again = GuidedSession.resume_from(saved, clock)
    assert [s.zone for s in again.rolled_passes()] == ["crown"]


def test_the_confidence_offer_waits_while_the_last_session_was_red_or_painful():
    """A new user's pass: "Roll in both directions?" came right after "pain or bleeding"."""
    from scalp_tui.domain.advice import offer_confidence
    from scalp_tui.domain.records import logged_session

    def done(day: int, redness: int | None) -> Any:
        return logged_session(
            f"s{day}", dt.date(2026, 11, day), needle_mm=0.5, zones=("top",),
            directions=("front to back",), redness=redness,
            recorded_at=dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC),
        )  # fmt: skip

    calm = [done(1, 0), done(4, 1), done(8, 0)]
    assert offer_confidence(Settings(), calm)
    assert not offer_confidence(Settings(), calm[:2])  # the third session first
    assert not offer_confidence(replace(Settings(), confident=True), calm)
    for redness in (2, 3):
        assert not offer_confidence(Settings(), [*calm, done(11, redness)])
    assert offer_confidence(Settings(), [*calm, done(11, 3), done(15, 1)])  # better again
