"""Sample data for screenshots, benchmarks and tests: a believable user, a fixed date."""

from __future__ import annotations

import datetime as dt
import random

from scalp_tui.domain.records import logged_session
from scalp_tui.domain.regimen import Preset, make_plan
from scalp_tui.domain.settings import Settings
from scalp_tui.store.repository import Repository

#: "Now" in every screenshot and snapshot: Monday 2026-11-23, 09:30 UTC.
SAMPLE_NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

SAMPLE_SESSIONS = [
    ("2026-10-04", "first time, went slowly", 1),
    ("2026-10-06", "an extra touch-up", 0),  # extra: 10-04 already kept
    ("2026-10-11", "", 0),
    ("2026-10-19", "a day late", 1),  # late for 10-18
    ("2026-10-25", "", 0),
    ("2026-11-01", "", 0),
    ("2026-11-04", "", 1),
    ("2026-11-08", "", 0),
    # 11-11 missed
    ("2026-11-15", "", 0),
    ("2026-11-18", "tingling", 2),
    ("2026-11-20", "two days early", 0),  # early for 11-22
]


def seed_sample(repo: Repository) -> None:
    """A ramp plan from Sun 2026-10-04 (Sun/Wed): sessions kept on the day, late, early, one
    extra, 11-11 missed; a roller started on 2026-10-10."""
    settings = Settings(
        disclaimer_seen=True, roller_started=dt.datetime(2026, 10, 10, 8, 0, tzinfo=dt.UTC)
    )
    with repo.transaction():
        repo.save_settings(settings)
        repo.save_plan(make_plan(dt.date(2026, 10, 4), 0.5, Preset.RAMP, (6, 2)))
        for i, (day, note, redness) in enumerate(SAMPLE_SESSIONS):
            repo.add_session(
                logged_session(
                    f"sample-{i}",
                    dt.date.fromisoformat(day),
                    needle_mm=0.5,
                    zones=settings.zones,
                    directions=settings.directions[:1],
                    note=note,
                    redness=redness,
                )
            )


def seed_years(repo: Repository, sessions: int = 1000, seed: int = 7) -> None:
    """Ten years of history: ``sessions`` sessions from 2016 on, written in one go."""
    from scalp_tui.store.codec import SESSIONS, session_to_doc

    rng = random.Random(seed)
    settings = Settings(disclaimer_seen=True)
    start = dt.date(2016, 11, 6)
    days = sorted(rng.sample(range(3650), sessions))
    with repo.transaction():
        repo.save_settings(settings)
        repo.save_plan(make_plan(start, 0.5, Preset.RAMP, (6, 2)))
        docs = [
            session_to_doc(
                logged_session(
                    f"year-{i}",
                    start + dt.timedelta(days=day),
                    needle_mm=0.5,
                    zones=settings.zones,
                    directions=settings.directions,
                    note=rng.choice(["", "", "fine", "a little red afterwards"]),
                    redness=rng.choice([0, 0, 1, 2]),
                )
            )
            for i, day in enumerate(days)
        ]
        repo.database.tinydb.table(SESSIONS).insert_multiple(docs)
