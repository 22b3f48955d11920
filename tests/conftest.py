"""Shared fixtures: a real database file in tmp_path, a fixed clock, the app opened on them.

Fixtures only (and the hook that marks the pilot tests): the values and helpers tests import
live in tests/fixed.py (NOW, TODAY, the sample data) and tests/pilots.py (opening and reading
the app)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest

from scalp_tui.domain.clock import FakeClock
from scalp_tui.factory import open_repository
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, seed_plan_and_history
from tests.pilots import SIZE, MessageHook, OpenApp, Opened, opened

TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``pilot`` (make test-fast leaves them out) every test that drives the app: all of
    tests/ui and tests/snapshots, and any other that opens it with ``open_app``."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0]
        if folder in ("ui", "snapshots") or "open_app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pilot)


@pytest.fixture(autouse=True)
def terminal_bell_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions in tests ring the terminal bell (which tests count): no real player runs and
    no sound files are written to the user's cache. tests/test_sound.py covers the players."""
    monkeypatch.setenv("SCALP_TUI_SOUND", "bell")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "scalp.json"


@pytest.fixture
def repo(db_path: Path) -> Repository:
    return open_repository(db_path)


@pytest.fixture
def open_app(repo: Repository, clock: FakeClock) -> OpenApp:
    """``async with open_app(size=...) as (app, pilot):`` the app on this test's database and
    fixed clock (tests/pilots.py)."""

    def open_at(
        *,
        size: tuple[int, int] = SIZE,
        notifications: bool = False,
        message_hook: MessageHook | None = None,
    ) -> AbstractAsyncContextManager[Opened]:
        return opened(
            repo, clock, size=size, notifications=notifications, message_hook=message_hook
        )

    return open_at


@pytest.fixture
def seeded_repo(repo: Repository) -> Repository:
    seed_plan_and_history(repo)
    return repo
