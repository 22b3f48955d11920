"""An early session counts for its planned date as soon as it is recorded (PRODUCT.md section
2): the year view's streaks and month adherence say what the weekly review says."""

from __future__ import annotations

import datetime as dt

import pytest

from scalp_tui.domain.matching import review
from scalp_tui.domain.records import SessionRecord, logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.year import Streak, current_streak, month_adherence, streaks

D = dt.date.fromisoformat
#: The worked example: 12-06, 12-13, 12-20, 12-27, then Sun/Wed from 2027-01-03.
PLAN = make_plan(D("2026-12-06"), 0.5, Preset.RAMP, (6, 2))


def sessions_on(*days: str) -> list[SessionRecord]:
    return [logged_session(d, D(d), needle_mm=0.5, zones=("top",), directions=("a",)) for d in days]


CASES = {
    # name: (today, session days, the current run (first, last, length), December (kept, missed))
    "the first date kept early": (
        "2026-12-05",
        ["2026-12-05"],
        ("2026-12-06", "2026-12-06", 1),
        (1, 0),
    ),
    "kept, then kept early": (
        "2026-12-11",
        ["2026-12-06", "2026-12-11"],
        ("2026-12-06", "2026-12-13", 2),
        (2, 0),
    ),
    "a miss, then kept and kept early": (
        "2026-12-25",
        ["2026-12-06", "2026-12-20", "2026-12-25"],
        ("2026-12-20", "2026-12-27", 2),
        (3, 1),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_year_counts_an_early_session_as_the_review_does(name):
    today, days, (first, last, length), (kept, missed) = CASES[name]
    r = review([PLAN], sessions_on(*days), D(today))
    now = current_streak(r)
    assert now == Streak(D(first), D(last), length)
    assert now.length == r.streak
    assert streaks(r)[-1] == now
    [december] = month_adherence(r, D("2026-12-01"), D("2026-12-31"))
    assert (december.kept, december.missed) == (kept, missed)
    assert (december.kept, december.missed) == (r.done_count, r.missed_count)
