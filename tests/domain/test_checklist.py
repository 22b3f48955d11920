"""Checklists, roller uses, the replacement threshold, and the history figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from scalp_tui.domain.checklist import (
    CLEANING_ITEMS,
    Checklist,
    ChecklistItem,
    clean_all,
    open_checklists,
    replacement_due,
    roller_uses,
    toggle_for_roller,
)
from scalp_tui.domain.history import history_rows, redness_series, sessions_per_week
from scalp_tui.domain.matching import review
from scalp_tui.domain.records import SessionRecord, SessionStatus, logged_session
from scalp_tui.domain.regimen import Preset, make_plan

D = dt.date.fromisoformat
AT = dt.datetime(2026, 11, 23, 21, 0, tzinfo=dt.UTC)


def s(day: str, sid: str = "", redness: int | None = None, aborted: bool = False) -> SessionRecord:
    rec = logged_session(sid or day, D(day), needle_mm=0.5, zones=("top",), directions=("a",),
                         redness=redness)  # fmt: skip
    if aborted:
        return SessionRecord(**{**rec.__dict__, "status": SessionStatus.ABORTED})
    return rec


def test_cleaning_is_finished_with_alcohol_dry_and_case_serum_optional():
    c = Checklist("x", D("2026-11-23"))
    assert not c.finished
    c = c.tick(ChecklistItem.ALCOHOL, AT).tick(ChecklistItem.DRY, AT)
    assert not c.finished
    c = c.tick(ChecklistItem.CASE, AT)
    assert c.finished and ChecklistItem.SERUM not in c.ticks
    assert not c.untick(ChecklistItem.DRY).finished
    assert c.toggle(ChecklistItem.SERUM, AT).ticks[ChecklistItem.SERUM] == AT


def test_open_checklists_oldest_first():
    done = Checklist("a", D("2026-11-01"), dict.fromkeys(ChecklistItem, AT))
    older = Checklist("b", D("2026-11-02"))
    newer = Checklist("c", D("2026-11-20"))
    assert [c.session_id for c in open_checklists([newer, done, older])] == ["b", "c"]


def test_serum_label_names_the_serum():
    assert ChecklistItem.SERUM.label("Serene Scalp") == "Apply Serene Scalp (optional)"


def test_roller_uses_restart_at_a_replacement_and_count_every_session_that_rolled():
    """A new user's pass: a session aborted after its first pass opened a cleaning checklist
    but was no use of the roller ("Cleaning open (2 sessions)" beside "Roller 1 of 10")."""
    nothing_rolled = replace(s("2026-10-20", aborted=True), zones=(), directions=())
    sessions = [
        s("2026-10-01"),
        s("2026-10-08"),
        s("2026-10-15", aborted=True),  # rolled the top, then stopped
        nothing_rolled,
        s("2026-10-22"),
    ]
    assert roller_uses(sessions, None) == 4
    assert roller_uses(sessions, at("2026-10-08T00:00")) == 3  # no time on record: the day
    assert roller_uses(sessions, at("2026-10-23T00:00")) == 0


def test_a_roller_replaced_after_a_session_the_same_day_starts_at_zero():
    """The morning's session used the old roller; the new one counts from its replacement."""
    morning = replace(s("2026-10-08", "m"), recorded_at=at("2026-10-08T09:00"))
    evening = replace(s("2026-10-08", "e"), recorded_at=at("2026-10-08T20:00"))
    replaced = at("2026-10-08T12:00")
    assert roller_uses([morning], replaced) == 0
    assert roller_uses([morning, evening], replaced) == 1


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_replacement_threshold():
    assert not replacement_due(9, 10)
    assert replacement_due(10, 10)
    assert replacement_due(3, 3)


def test_history_rows_name_the_date_each_session_kept():
    plan = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))
    sessions = [s("2026-12-06", "a"), s("2026-12-08", "b"), s("2026-12-14", "c")]
    r = review([plan], sessions, D("2026-12-20"))
    rows = history_rows(sessions, r, [Checklist("c", D("2026-12-14"))])
    assert [(x.session.id, x.counts_for, x.cleaning) for x in rows] == [
        ("c", D("2026-12-13"), "open"),
        ("b", None, ""),
        ("a", D("2026-12-06"), ""),
    ]


def test_sessions_per_week_and_redness_series():
    today = D("2026-11-23")  # a Monday
    sessions = [s("2026-11-23", "1", 1), s("2026-11-22", "2", 2), s("2026-11-16", "3"),
                s("2026-11-15", "4", 0), s("2026-05-01", "old", 3)]  # fmt: skip
    assert sessions_per_week(sessions, today, weeks=3) == [1, 2, 1]
    assert redness_series(sessions) == [3, 0, 2, 1]


def test_history_lists_a_days_sessions_in_the_order_they_were_recorded():
    timer = replace(s("2026-12-06", "timer"), recorded_at=at("2026-12-06T09:30"))
    logged = replace(s("2026-12-06", "logged"), recorded_at=at("2026-12-06T18:00"))
    r = review([], [timer, logged], D("2026-12-07"))
    rows = history_rows([logged, timer], r, [])
    assert [row.session.id for row in rows] == ["logged", "timer"]  # newest first


# -- one roller, one cleaning (issue 21 case 18) ---------------------------------------------
def _cards() -> list[Checklist]:
    return [Checklist(f"s{i}", dt.date(2027, 1, i)) for i in (3, 6, 10)]


def test_a_cleaning_tick_on_one_open_card_ticks_every_open_card():
    """Each session opened its own card: one cleaning took three cards x three ticks, and the
    older open cards kept "clean the roller" up after the roller was clean."""
    at = dt.datetime(2027, 1, 10, 20, 0, tzinfo=dt.UTC)
    cards = _cards()
    for item in CLEANING_ITEMS:
        changed = {c.session_id: c for c in toggle_for_roller(cards, "s10", item, at)}
        cards = [changed.get(c.session_id, c) for c in cards]
    assert all(c.finished for c in cards)
    assert open_checklists(cards) == []


def test_the_serum_and_a_finished_card_change_alone():
    at = dt.datetime(2027, 1, 10, 20, 0, tzinfo=dt.UTC)
    cards = _cards()
    assert [c.session_id for c in toggle_for_roller(cards, "s10", ChecklistItem.SERUM, at)] == [
        "s10"
    ]
    done = cards[0]
    for item in CLEANING_ITEMS:
        done = done.tick(item, at)
    cards[0] = done
    changed = toggle_for_roller(cards, "s3", ChecklistItem.DRY, at)
    assert [c.session_id for c in changed] == ["s3"]


def test_an_untick_takes_back_the_ticks_made_with_it_only():
    at = dt.datetime(2027, 1, 10, 20, 0, tzinfo=dt.UTC)
    earlier = at - dt.timedelta(days=3)
    cards = _cards()
    cards[0] = cards[0].tick(ChecklistItem.ALCOHOL, earlier)  # s3's own, days before
    changed = {c.session_id: c for c in toggle_for_roller(cards, "s10", ChecklistItem.ALCOHOL, at)}
    cards = [changed.get(c.session_id, c) for c in cards]
    assert cards[0].ticks[ChecklistItem.ALCOHOL] == earlier
    undone = {c.session_id: c for c in toggle_for_roller(cards, "s10", ChecklistItem.ALCOHOL, at)}
    cards = [undone.get(c.session_id, c) for c in cards]
    assert (
        ChecklistItem.ALCOHOL not in cards[2].ticks and ChecklistItem.ALCOHOL not in cards[1].ticks
    )
    assert cards[0].ticks[ChecklistItem.ALCOHOL] == earlier


def test_cleaned_the_roller_closes_every_open_card():
    at = dt.datetime(2027, 1, 10, 20, 0, tzinfo=dt.UTC)
    changed = clean_all(_cards(), at)
    assert len(changed) == 3 and all(c.finished for c in changed)
    assert clean_all(changed, at) == []
