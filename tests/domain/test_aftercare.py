"""Which checklists the checklist screen shows, newest first, and what names them."""

from __future__ import annotations

import datetime as dt

from scalp_tui.domain.aftercare import checklist_cards
from scalp_tui.domain.checklist import CLEANING_ITEMS, Checklist
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus, logged_session

DAY = dt.date(2026, 11, 26)
AT = dt.datetime(2026, 11, 26, 9, 41, tzinfo=dt.UTC)


def timer(session_id: str, start: dt.datetime) -> SessionRecord:
    return SessionRecord(
        session_id, start.date(), start, start + dt.timedelta(minutes=5),
        SessionStatus.COMPLETED, SessionSource.TIMER, 0.5, ("top",), ("front to back",),
    )  # fmt: skip


def logged(session_id: str, day: dt.date = DAY) -> SessionRecord:
    return logged_session(
        session_id, day, needle_mm=0.5, zones=("top",), directions=("front to back",)
    )


def done(checklist: Checklist) -> Checklist:
    for item in CLEANING_ITEMS:
        checklist = checklist.tick(item, AT)
    return checklist


def test_open_checklists_newest_first_by_day_then_by_recording():
    sessions = [timer("a", AT - dt.timedelta(days=2)), timer("b", AT), logged("c")]
    checklists = [Checklist("a", DAY - dt.timedelta(days=2)), Checklist("b", DAY),
                  Checklist("c", DAY)]  # fmt: skip
    cards = checklist_cards(checklists, sessions, show_finished=False)
    assert [c.checklist.session_id for c in cards.shown] == ["c", "b", "a"]
    assert cards.folded == 0
    assert cards.shown[1].started_at == AT and not cards.shown[1].logged
    assert cards.shown[0].logged and cards.shown[0].started_at is None


def test_finished_ones_fold_away_unless_asked_and_then_only_the_newest():
    sessions = [timer(f"s{i}", AT - dt.timedelta(days=10 - i)) for i in range(8)]
    checklists = [done(Checklist(s.id, s.date)) for s in sessions[:7]]
    checklists.append(Checklist(sessions[7].id, sessions[7].date))
    folded = checklist_cards(checklists, sessions, show_finished=False)
    assert [c.checklist.session_id for c in folded.shown] == ["s7"]
    assert folded.folded == 7
    shown = checklist_cards(checklists, sessions, show_finished=True, finished_shown=5)
    assert [c.checklist.session_id for c in shown.shown] == ["s7", "s6", "s5", "s4", "s3", "s2"]
    assert shown.folded == 2


def test_several_logged_sessions_of_one_day_are_numbered_in_recorded_order():
    sessions = [logged("x"), logged("y"), logged("z", DAY - dt.timedelta(days=1))]
    checklists = [Checklist("z", DAY - dt.timedelta(days=1)), Checklist("x", DAY),
                  Checklist("y", DAY)]  # fmt: skip
    cards = checklist_cards(checklists, sessions, show_finished=False)
    assert [(c.checklist.session_id, c.logged_number) for c in cards.shown] == [
        ("y", 2), ("x", 1), ("z", None),
    ]  # fmt: skip


def test_a_checklist_whose_session_is_gone_has_no_time_and_is_not_called_logged():
    cards = checklist_cards([Checklist("gone", DAY)], [], show_finished=False)
    [card] = cards.shown
    assert card.started_at is None and not card.logged
