"""The fixed moment and the sample data the tests share (plain values: import them from here;
tests/conftest.py holds fixtures only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scalp_tui.sample import SAMPLE_NOW, seed_sample

if TYPE_CHECKING:
    from scalp_tui.store.repository import Repository

#: The tests' "now" (the screenshots' too): Monday 23 November 2026, 09:30 UTC.
NOW = SAMPLE_NOW
TODAY = NOW.date()


def seed_plan_and_history(repo: Repository) -> None:
    """The sample user's plan and sessions (scalp_tui.sample), as the ``seeded_repo`` fixture."""
    seed_sample(repo)
