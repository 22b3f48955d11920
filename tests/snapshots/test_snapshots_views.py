"""Snapshots of issue 15's views, with the fixed date and database of ``test_snapshots``: the
calendar on a wide screen (its 80x24 and 120x40 snapshots are in ``test_snapshots``), the year
and the agenda at 64x20 (the smallest terminal the app runs in), 80x24 and 120x40.

Regenerate after an intended change with: .venv/bin/python -m pytest
tests/snapshots/test_snapshots_views.py --snapshot-update (then look at the SVGs)."""

from __future__ import annotations

import pytest

from scalp_tui.factory import build_app
from tests.fixed import seed_plan_and_history
from tests.snapshots.test_snapshots import runner

SIZES = [
    pytest.param((64, 20), id="64x20"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
]


def test_calendar_wide(snap_compare, repo, clock):
    """Six months side by side, the review panel below them."""
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=(200, 50), run_before=runner())


@pytest.mark.parametrize("size", SIZES)
def test_year(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner("y"))


@pytest.mark.parametrize("size", SIZES)
def test_agenda(snap_compare, repo, clock, size):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=size, run_before=runner("a"))
