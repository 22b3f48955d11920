"""The one place that builds the app and its data layer; the CLI and the tests both use it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scalp_tui.domain.clock import Clock, SystemClock
from scalp_tui.store.database import open_database
from scalp_tui.store.repository import Repository

if TYPE_CHECKING:
    from scalp_tui.ui.app import ScalpApp


def open_repository(path: Path) -> Repository:
    """Open the database at ``path``; raises DatabaseError for a file it must not touch.

    Every record is checked (none against today's date: what any clock wrote still loads),
    and a state a crash of an older release could leave is mended: ``repository.notices``
    says what was.
    """
    repository = Repository(open_database(path))
    repository.check()
    repository.notices = repository.repair()
    return repository


def build_app(repository: Repository, clock: Clock | None = None) -> ScalpApp:
    from scalp_tui.ui.app import ScalpApp  # Textual only when the app really runs
    from scalp_tui.ui.base import RefusedDatabase

    app = ScalpApp(repository, clock or SystemClock())
    # From here on, a file replaced by one the app refuses is said, never a traceback.
    repository.on_refused = RefusedDatabase(app)
    return app
