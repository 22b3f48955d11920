"""Snapshots at 64x20, the smallest terminal the app runs in (issue 13: nothing clipped there),
with the fixed date and database of ``test_snapshots``. The calendar at 80x24 and 120x40 is
in ``test_snapshots``.

Regenerate after an intended change with: .venv/bin/python -m pytest
tests/snapshots/test_snapshots_small.py --snapshot-update (then look at the SVGs)."""

from __future__ import annotations

from scalp_tui.factory import build_app
from tests.fixed import seed_plan_and_history
from tests.snapshots.test_snapshots import runner

SMALLEST = (64, 20)


def test_calendar_smallest(snap_compare, repo, clock):
    seed_plan_and_history(repo)
    assert snap_compare(build_app(repo, clock), terminal_size=SMALLEST, run_before=runner())


def test_history_smallest(snap_compare, repo, clock):
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=SMALLEST, run_before=runner("h"))


def test_day_dialog_smallest(snap_compare, repo, clock):
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=SMALLEST, run_before=runner("up", "right", "enter"))


def test_session_pass_smallest(snap_compare, repo, clock):
    seed_plan_and_history(repo)
    app = build_app(repo, clock)
    assert snap_compare(app, terminal_size=SMALLEST, run_before=runner("s", "y", "n"))
