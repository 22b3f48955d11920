"""CSV rows of one day come in the order of the day (issue 21, case 22): they were sorted by
id, so a session started in the evening could come before the morning's."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

from scalp_tui.domain.records import logged_session
from scalp_tui.exports.csv import sessions_csv

DAY = dt.date(2026, 11, 23)


def at(hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, tzinfo=dt.UTC)


def session(sid: str, day: dt.date = DAY):
    return logged_session(sid, day, needle_mm=0.5, zones=("top",), directions=("x",))


def test_rows_of_one_day_are_in_time_order():
    evening = replace(session("a-evening"), started_at=at(18), ended_at=at(19))
    morning = replace(session("z-morning"), started_at=at(7), ended_at=at(8))
    # A session logged afterwards has no start: the time it was recorded places it.
    noon_log = replace(session("m-logged"), recorded_at=at(12))
    day_before = session("zz-earlier", DAY - dt.timedelta(days=1))
    rows = list(
        csv.DictReader(io.StringIO(sessions_csv([evening, noon_log, morning, day_before], {})))
    )
    assert [row["id"] for row in rows] == ["zz-earlier", "z-morning", "m-logged", "a-evening"]
