"""Progress photos in the domain: the record's checks, the check-in schedule, the date a
photo is given, and what the comparison of two photos says."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import pairwise

import pytest

from scalp_tui.domain.matching import review
from scalp_tui.domain.photos import (
    Angle,
    Photo,
    check_in_dates,
    check_photo_date,
    compare,
    find_photo,
    first_and_latest,
    photo_check_in,
    photo_date,
    photo_problems,
)
from scalp_tui.domain.records import logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.reminder import reminder_line
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.status import compute_status
from scalp_tui.domain.validation import InvalidValue

D = dt.date.fromisoformat
AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
SHA = "ab" * 32
PLAN = make_plan(D("2026-10-04"), 0.5, Preset.RAMP, (6, 2))  # a Sunday


def photo(day: str, angle: str = "front", n: int = 0, **kw) -> Photo:
    fields = dict(
        id=f"p{n}{angle}{day}",
        date=D(day),
        angle=Angle(angle),
        sha256=f"{n:02x}{angle[:1].encode().hex()}{day.replace('-', '')}".ljust(64, "0"),
        width=2048,
        height=1536,
        added_at=AT,
        original_name="IMG_0001.HEIC",
    )
    fields.update(kw)
    return Photo(**fields)  # type: ignore[arg-type]


def every_angle(day: str) -> list[Photo]:
    return [photo(day, a.value) for a in Angle]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", D("1969-12-31"), "out of range"),
        ("date", dt.datetime(2026, 1, 1), "must be a date"),
        ("angle", "back", "must be one of front, top, crown, left, right"),
        ("angle", "front", "must be one of"),  # a plain string is not an Angle
        ("sha256", "AB" * 32, "64 lower-case hex digits"),
        ("sha256", "ab" * 31, "64 lower-case hex digits"),
        ("width", 0, "from 1 to 2048"),
        ("height", 2049, "from 1 to 2048"),
        ("width", True, "whole number"),
        ("added_at", dt.datetime(2026, 1, 1), "no timezone"),
        ("original_name", " ", "a file's name"),
        ("original_name", "x" * 256, "a file's name"),
        ("id", "", "non-empty"),
    ],
)
def test_a_photo_record_refuses_what_it_cannot_hold(field, value, message):
    sound = photo("2026-11-01")
    with pytest.raises(InvalidValue, match=message) as caught:
        replace(sound, **{field: value})
    assert caught.value.field == field


def test_two_records_of_one_picture_or_one_id_contradict():
    one = photo("2026-11-01")
    assert photo_problems([one, photo("2026-11-02")]) == []
    assert photo_problems([one, photo("2026-11-02", sha256=one.sha256)]) == [
        "two photo records name one stored picture"
    ]
    assert photo_problems([one, photo("2026-11-02", id=one.id)]) == ["two photos share one id"]


# -- the check-in schedule: every 4 weeks from the plan's start (Sun 2026-10-04) -------------
@pytest.mark.parametrize(
    ("today", "photos", "due", "next_date"),
    [
        ("2026-10-03", [], False, "2026-10-04"),  # before the plan: the first check-in
        ("2026-10-04", [], True, "2026-10-04"),  # the start is the baseline check-in
        ("2026-10-31", [], True, "2026-10-04"),  # still due until every angle has one
        ("2026-11-01", [], True, "2026-11-01"),  # the next check-in takes its place
        ("2026-10-04", every_angle("2026-10-04"), False, "2026-11-01"),
        ("2026-10-20", every_angle("2026-10-06"), False, "2026-11-01"),  # taken late: counts
        ("2026-10-20", every_angle("2026-10-06")[:4], True, "2026-10-04"),  # right missing
        ("2026-10-20", every_angle("2026-10-03"), True, "2026-10-04"),  # before the check-in
        ("2026-11-23", every_angle("2026-11-01"), False, "2026-11-29"),
        ("2026-11-29", every_angle("2026-11-01"), True, "2026-11-29"),  # on a check-in date
    ],
)
def test_photo_due_and_the_next_photo_date(today, photos, due, next_date):
    check_in = photo_check_in([PLAN], photos, 4, D(today))
    assert (check_in.due, check_in.next_date) == (due, D(next_date))


def test_no_check_in_without_a_plan_or_with_the_schedule_off():
    assert photo_check_in([], [], 4, D("2026-11-23")).next_date is None
    off = photo_check_in([PLAN], [], 0, D("2026-11-23"))
    assert (off.due, off.next_date) == (False, None)


def test_check_ins_count_from_the_earliest_plan():
    later = make_plan(D("2026-11-15"), 1.0, Preset.WEEKLY, (6, 2))
    check_in = photo_check_in([later, PLAN], [], 2, D("2026-11-16"))
    assert check_in.next_date == D("2026-11-15")  # 10-04 + 6 weeks, not the later plan's start
    assert check_in.missing == tuple(Angle)


@pytest.mark.parametrize("weeks", [2, 3, 4, 8])
def test_check_in_dates_are_every_n_weeks_from_the_start(weeks):
    dates = check_in_dates([PLAN], weeks, D("2026-09-01"), D("2027-06-30"))
    assert dates[0] == PLAN.start
    assert all((b - a).days == 7 * weeks for a, b in pairwise(dates))
    inner = check_in_dates([PLAN], weeks, dates[1] + dt.timedelta(days=1), dates[3])
    assert inner == dates[2:4]


def test_status_and_reminder_say_take_progress_photos_when_due():
    status = compute_status(D("2026-11-23"), [PLAN], [], [], Settings())
    assert status.photo_due and status.next_photo_date == D("2026-11-01")
    assert status.to_json()["photo_due"] is True
    assert status.to_json()["next_photo_date"] == "2026-11-01"
    assert reminder_line(status).endswith("take progress photos")
    done = compute_status(
        D("2026-11-23"), [PLAN], [], [], Settings(), photos=every_angle("2026-11-01")
    )
    assert not done.photo_due and done.to_json()["next_photo_date"] == "2026-11-29"
    assert "photos" not in reminder_line(done)
    off = compute_status(D("2026-11-23"), [PLAN], [], [], Settings(photo_every_weeks=0))
    assert (off.to_json()["photo_due"], off.to_json()["next_photo_date"]) == (False, None)


@pytest.mark.parametrize("weeks", [1, 9, -4, True, 4.0, "4"])
def test_the_schedule_setting_is_2_to_8_weeks_or_off(weeks):
    with pytest.raises(InvalidValue, match=r"2-8, or 0 \(off\)"):
        Settings(photo_every_weeks=weeks)


# -- the date a photo gets -----------------------------------------------------------------------
TODAY = D("2026-11-23")


@pytest.mark.parametrize(
    ("taken", "given", "day", "noted"),
    [
        (None, None, "2026-11-23", False),  # neither: today
        (None, "2026-11-20", "2026-11-20", False),  # --date
        ("2026-11-19", None, "2026-11-19", False),  # the photo's own date
        ("2026-11-19", "2026-11-19", "2026-11-19", False),
        ("2026-11-19", "2026-11-20", "2026-11-19", True),  # the photo's own date wins, said
        ("2027-01-01", None, "2026-11-23", True),  # a camera clock ahead: not used, said
        ("2027-01-01", "2026-11-20", "2026-11-20", True),
    ],
)
def test_a_photo_is_dated_by_its_exif_date_else_the_users_else_today(taken, given, day, noted):
    got, note = photo_date(taken and D(taken), given and D(given), TODAY)
    assert got == D(day)
    assert (note is not None) == noted


def test_a_date_the_user_gives_is_not_in_the_future_nor_out_of_range():
    assert check_photo_date(TODAY, TODAY) == TODAY
    with pytest.raises(InvalidValue, match="in the future"):
        check_photo_date(TODAY + dt.timedelta(days=1), TODAY)
    with pytest.raises(InvalidValue, match="out of range"):
        check_photo_date(D("1969-12-31"), TODAY)


def test_find_a_photo_by_its_id_or_a_unique_start_of_it():
    one = photo("2026-11-01", id="abcd1234")
    two = photo("2026-11-02", id="abcd5678")
    assert find_photo([one, two], "abcd1234") is one
    assert find_photo([one, two], "abcd5") is two
    for text, message in [("abcd", "2 photos"), ("ab", "at least its first 4"), ("zzzz", "no")]:
        with pytest.raises(ValueError, match=message):
            find_photo([one, two], text)


# -- the comparison ------------------------------------------------------------------------------
def test_the_comparison_counts_the_sessions_and_adherence_between_two_photos():
    days = ["2026-10-04", "2026-10-11", "2026-10-18", "2026-11-01", "2026-11-15"]  # 10-25 missed
    sessions = [
        logged_session(f"s{i}", D(d), needle_mm=0.5, zones=("top",), directions=("x",))
        for i, d in enumerate(days)
    ]
    first, latest = photo("2026-10-04", "crown"), photo("2026-11-15", "crown", n=1)
    assert first_and_latest([latest, photo("2026-11-01", "top"), first], "crown") == (
        first,
        latest,
    )
    assert first_and_latest([first], "crown") is None
    said = compare(latest, first, sessions, review([PLAN], sessions, D("2026-11-23")))
    assert (said.earlier, said.later, said.days) == (first, latest, 42)
    # 10-04 up to 11-14: the session of the later photo's day comes after its photo
    assert said.sessions_done == 4
    # planned 10-04 .. 11-11 (weekly, then twice weekly from 11-01): 11-04, 11-08, 11-11
    # missed too
    assert (said.kept, said.planned) == (4, 8)
    assert said.adherence_percent == 50.0
