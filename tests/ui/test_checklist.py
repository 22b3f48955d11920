"""Pilot tests of the checklist: ticking, cards per session, folding, the roller."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from textual.app import App

from scalp_tui.actions import log_session, new_id, toggle_checklist_item
from scalp_tui.cli import main
from scalp_tui.domain.checklist import CLEANING_ITEMS, Checklist, ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionRecord, SessionSource, SessionStatus
from scalp_tui.store.errors import WriteFailed
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.checklist import Card, ChecklistScreen, ItemBox
from scalp_tui.ui.widgets.dialogs import Choice
from tests.fixed import NOW, TODAY
from tests.pilots import SIZE, Said, go, screen_text, widget_lines


def status_json(db_path) -> dict[str, object]:
    out = io.StringIO()
    main(["--db", str(db_path), "status", "--json"], clock=FakeClock(NOW), stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def timer_session(repo: Repository, started_at: dt.datetime) -> SessionRecord:
    """A session rolled with the timer, recorded with its open cleaning checklist."""
    record = SessionRecord(
        id=new_id(),
        date=started_at.date(),
        started_at=started_at,
        ended_at=started_at + dt.timedelta(minutes=4),
        status=SessionStatus.COMPLETED,
        source=SessionSource.TIMER,
        needle_mm=0.5,
        zones=("top", "crown"),
        directions=("front to back",),
    )
    with repo.transaction():
        repo.add_session(record)
        repo.save_checklist(Checklist(record.id, record.date))
    return record


def finish_cleaning(repo: Repository, record: SessionRecord, at: dt.datetime) -> None:
    for item in CLEANING_ITEMS:
        toggle_checklist_item(repo, record.id, item, at)


def ticks_of(repo: Repository, record: SessionRecord) -> set[ChecklistItem]:
    return next(set(c.ticks) for c in repo.checklists() if c.session_id == record.id)


def cards(app: App[Any]) -> list[Card]:
    return list(app.screen.query(Card))


@pytest.fixture
def local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's time zone is 1 h 30 min ahead of UTC while the test runs."""
    monkeypatch.setenv("TZ", "LCL-1:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def test_ticking_the_four_items_clears_cleaning_outstanding(open_app, seeded_repo, db_path):
    record = log_session(seeded_repo, TODAY, TODAY)
    assert status_json(db_path)["cleaning_outstanding"] is True
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        await go(pilot, "l", ChecklistScreen)
        [card] = cards(app)
        assert "cleaning open" in str(card.border_title)
        # serum first (optional), then alcohol, dry, case: space ticks, down moves
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        assert status_json(db_path)["cleaning_outstanding"] is True  # case still open
        assert not any("Cleaning done" in t for t in said.titled)
        await pilot.press("down", "space")
        await pilot.pause()
        assert "cleaning done" in str(card.border_title)
        assert [t for t in said.titled if "Cleaning done" in t] == [
            "Cleaning done: The roller is clean and put away."
        ]
        assert all(box.value for box in card.query(ItemBox))
    [saved] = [c for c in seeded_repo.checklists() if c.session_id == record.id]
    assert set(saved.ticks) == set(ChecklistItem)
    assert all(at == NOW for at in saved.ticks.values())
    assert status_json(db_path)["cleaning_outstanding"] is False


def review_as_drawn(app: App[Any]) -> str:
    """The calendar's review panel, as shown: its lines, spaces and all."""
    return "\n".join(widget_lines(app.screen.query_one("#review")))


async def test_unticking_reopens_and_one_open_item_shows_on_the_calendar(open_app, seeded_repo):
    record = log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        assert "Cleaning  open for Mon 23 Nov" in review_as_drawn(app)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "space", "space")  # tick then untick the alcohol
        await pilot.pause()
        assert not isinstance(app.screen, Choice)  # an open card does not ask
        assert ticks_of(seeded_repo, record) == set()
        await pilot.press("space", "down", "space", "down", "space")  # alcohol, dry, case
        await pilot.pause()
        [card] = cards(app)
        assert "cleaning done" in str(card.border_title)
        await pilot.press("c")
        await pilot.pause()
        assert "Cleaning  all done" in review_as_drawn(app)
        await pilot.press("l", "f")  # the finished card, folded away, shown
        await pilot.pause()
        await pilot.click(".item-case")  # untick the case: a finished card asks first
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("y")
        await pilot.pause()
        [card] = cards(app)
        assert "cleaning open" in str(card.border_title)
        await pilot.press("c")
        await pilot.pause()
        assert "Cleaning  open for Mon 23 Nov" in review_as_drawn(app)  # one item open is open
    assert ticks_of(seeded_repo, record) == {ChecklistItem.ALCOHOL, ChecklistItem.DRY}


async def test_a_second_session_of_the_day_opens_on_its_own_card(open_app, seeded_repo):
    """Issue 13: focus was on the first session's finished card; `Down Space` unticked its
    alcohol while the new session's cleaning was still open."""
    first = timer_session(seeded_repo, NOW - dt.timedelta(hours=3))
    finish_cleaning(seeded_repo, first, NOW - dt.timedelta(hours=2))
    second = timer_session(seeded_repo, NOW - dt.timedelta(minutes=10))
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "space")
        await pilot.pause()
        assert ticks_of(seeded_repo, first) == set(CLEANING_ITEMS)
        assert ticks_of(seeded_repo, second) == {ChecklistItem.ALCOHOL}
        assert not any("Cleaning done" in t for t in said.titled)
        focused = app.focused
        assert isinstance(focused, ItemBox)
        assert (focused.session_id, focused.item) == (second.id, ChecklistItem.ALCOHOL)


async def test_cards_are_newest_first_and_named_by_date_and_local_time(
    open_app, seeded_repo, local_time
):
    """Issue 13: every card was titled "Session of Thu 26 Nov"."""
    morning = timer_session(seeded_repo, NOW - dt.timedelta(hours=2))  # 07:30 UTC
    log_session(seeded_repo, TODAY, TODAY)
    evening = timer_session(seeded_repo, NOW + dt.timedelta(hours=8, minutes=11))  # 17:41 UTC
    assert morning.date == evening.date == TODAY
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        titles = [str(card.border_title) for card in cards(app)]
        assert titles == [
            "Mon 23 Nov, 19:11 · cleaning open",  # UTC+1:30
            "Mon 23 Nov, logged · cleaning open",
            "Mon 23 Nov, 09:00 · cleaning open",
        ]
        assert "Mon 23 Nov, 19:11 · cleaning open" in screen_text(app)


async def test_two_logged_sessions_of_a_day_are_numbered(open_app, seeded_repo):
    log_session(seeded_repo, TODAY, TODAY)
    log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        titles = [str(card.border_title) for card in cards(app)]
        assert titles == [
            "Mon 23 Nov, logged #2 · cleaning open",
            "Mon 23 Nov, logged #1 · cleaning open",
        ]


async def test_finished_cards_fold_away_and_f_shows_them(open_app, seeded_repo):
    first = timer_session(seeded_repo, NOW - dt.timedelta(hours=3))
    finish_cleaning(seeded_repo, first, NOW - dt.timedelta(hours=2))
    second = timer_session(seeded_repo, NOW - dt.timedelta(minutes=10))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert [card.session_id for card in cards(app)] == [second.id]
        assert "1 finished checklist folded away: f shows it." in screen_text(app)
        assert "f Show done" in screen_text(app)
        await pilot.press("down", "f")
        await pilot.pause()
        assert [card.session_id for card in cards(app)] == [second.id, first.id]
        assert "cleaning done" in str(cards(app)[1].border_title)
        assert "f Hide done" in screen_text(app)
        focused = app.focused
        assert isinstance(focused, ItemBox)  # focus stays where it was
        assert (focused.session_id, focused.item) == (second.id, ChecklistItem.ALCOHOL)
        await pilot.press("f")
        await pilot.pause()
        assert [card.session_id for card in cards(app)] == [second.id]


async def test_a_tick_on_a_finished_card_asks_first(open_app, seeded_repo):
    first = timer_session(seeded_repo, NOW - dt.timedelta(hours=3))
    finish_cleaning(seeded_repo, first, NOW - dt.timedelta(hours=2))
    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert cards(app) == []
        assert "Nothing to clean" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, ItemBox) and focused.session_id == first.id
        await pilot.press("down", "space")  # the alcohol
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "Untick “Apply rubbing alcohol to the roller”?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert ticks_of(seeded_repo, first) == set(CLEANING_ITEMS)
        assert app.screen.query_one(".item-alcohol", ItemBox).value is True
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert ticks_of(seeded_repo, first) == set(CLEANING_ITEMS) - {ChecklistItem.ALCOHOL}
        [card] = cards(app)
        assert "cleaning open" in str(card.border_title)
        assert card.query_one(".item-alcohol", ItemBox).value is False
        await pilot.press("space")  # the card is open again: no question
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
        assert ticks_of(seeded_repo, first) == set(CLEANING_ITEMS)
        assert [t for t in said.titled if "Cleaning done" in t] != []


async def test_a_failed_write_is_shown_and_the_box_keeps_what_the_file_holds(
    open_app, seeded_repo, monkeypatch
):
    record = log_session(seeded_repo, TODAY, TODAY)

    def refuse(checklist: Checklist) -> None:
        raise WriteFailed(seeded_repo.path, "disk full")

    said = Said()
    async with open_app(size=SIZE, message_hook=said) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        monkeypatch.setattr(seeded_repo, "save_checklist", refuse)
        await pilot.press("down", "space")
        await pilot.pause()
        assert any("Not saved" in t and "disk full" in t for t in said.titled)
        assert app.screen.query_one(".item-alcohol", ItemBox).value is False
    monkeypatch.undo()
    assert ticks_of(seeded_repo, record) == set()


async def test_replacing_the_roller_restarts_the_count(open_app, seeded_repo):
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert "9 uses" in str(app.screen.query_one("#roller").render())
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "0 uses since Mon 23 Nov" in str(app.screen.query_one("#roller").render())
    started = seeded_repo.settings().roller_started
    assert started is not None and started.date() == TODAY


async def test_coming_back_reads_the_file_and_focuses_the_newest_open_card(open_app, seeded_repo):
    older = log_session(seeded_repo, TODAY, TODAY)
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.press("c")
        await pilot.pause()
        newer = timer_session(seeded_repo, NOW)  # recorded while the calendar is shown
        await pilot.press("l")
        await pilot.pause()
        assert [card.session_id for card in cards(app)] == [newer.id, older.id]
        focused = app.focused
        assert isinstance(focused, ItemBox)
        assert (focused.session_id, focused.item) == (newer.id, ChecklistItem.SERUM)


async def test_with_sessions_logged_for_past_days_it_does_not_say_no_session(open_app, seeded_repo):
    """A new user's pass: eleven sessions, and the checklist said "No session yet"."""
    async with open_app(size=SIZE) as (app, pilot):
        await go(pilot, "l", ChecklistScreen)
        said = " ".join(str(w.render()) for w in app.screen.query(".empty"))
        assert "No cleaning checklist yet" in said and "No session yet" not in said


async def test_a_new_database_says_no_session_yet(open_app, repo):
    from scalp_tui.domain.regimen import Preset, make_plan
    from scalp_tui.domain.settings import Settings

    with repo.transaction():
        repo.save_settings(Settings(disclaimer_seen=True))
        repo.save_plan(make_plan(TODAY, 0.5, Preset.RAMP, (6, 2)))
    async with open_app(size=SIZE) as (app, pilot):
        await pilot.press("l")
        await pilot.pause()
        said = " ".join(str(w.render()) for w in app.screen.query(".empty"))
        assert "No session yet" in said
