"""What every scalp-tui screen shares: typed access to the app, and the one way a read that
finds the database refused is told."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from scalp_tui.domain.text import display_text

if TYPE_CHECKING:
    from textual.app import App

    from scalp_tui.store.errors import DatabaseError
    from scalp_tui.ui.app import ScalpApp

ResultType = TypeVar("ResultType")


class ScalpScreen(Screen[ResultType]):
    @property
    def scalp(self) -> ScalpApp:
        return self.app  # type: ignore[return-value]

    def key_for(self, action: str) -> str:
        """The key bound to ``action`` (this screen's first, else the app's), as the key bar
        writes it: prose that names a key is built from the bindings, so a rebinding
        changes the prose with it."""
        return key_for(self.app, (type(self), type(self.app)), action)


def not_saved(app: App[Any], error: Exception, what: str = "Not saved") -> None:
    """The one way a write that failed is told, on every screen: ``Not saved: <why>`` as an
    error toast, the reason as plain text (it may quote the user's words). Nothing was
    written: the store's operations are all or nothing."""
    app.notify(display_text(f"{what}: {error}"), severity="error", markup=False)


class DataScreen(ScalpScreen[ResultType]):
    """A screen of the data as of today (the calendar, the year, the agenda): it reads again
    when the data changed under it (another window, the CLI) or the date did (past midnight,
    "today" moves on). A subclass reads in ``reread`` and calls :meth:`read_now` there, and
    :meth:`watch_the_day` once mounted; when it is shown again, this class catches up."""

    #: How often the screen looks whether the date changed.
    DAY_CHECK_SECONDS = 30.0

    def __init__(self) -> None:
        super().__init__()
        self._revision: object = None
        self._read_on: dt.date | None = None

    def read_now(self) -> dt.date:
        """Note that the data is read now, and return today."""
        self._revision = self.scalp.repository.revision()
        self._read_on = self.scalp.clock.today()
        return self._read_on

    def watch_the_day(self) -> None:
        self.set_interval(self.DAY_CHECK_SECONDS, self.follow_today)

    def on_screen_resume(self) -> None:
        """Shown again (Textual calls a subclass's handler too, first)."""
        self.catch_up()

    def catch_up(self) -> None:
        """Shown again: read again if the data or the date changed meanwhile."""
        if self.is_mounted and self.scalp.repository.revision() is not self._revision:
            self.reread()
        else:
            self.follow_today()

    def follow_today(self) -> None:
        """Past midnight, today is another day: read again. Otherwise nothing to do."""
        if self.scalp.clock.today() != self._read_on:
            self.reread()

    def reread(self) -> None:
        raise NotImplementedError


def key_for(app: App[Any], owners: tuple[type[Any], ...], action: str) -> str:
    """The key the first of ``owners`` binds to ``action``, as ``app`` displays it."""
    from textual.binding import Binding

    for owner in owners:
        for binding in Binding.make_bindings(getattr(owner, "BINDINGS", ())):
            if binding.action == action:
                return app.get_key_display(binding)
    raise LookupError(f"no key is bound to {action!r}")


class RefusedDatabase:
    """The app's ``Repository.on_refused``: every read after start-up that finds the file
    refused (a newer scalp-tui migrated it, another program wrote it) comes here instead of
    raising in whichever screen read, and the user is told once which file and what is
    wrong. The repository keeps answering with what the file held before, and every write
    is refused by the store itself (each screen says "Not saved"), so nothing is written.
    """

    TITLE = "Database cannot be read"

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.said: str | None = None

    def __call__(self, error: DatabaseError) -> None:
        message = (
            f"{display_text(str(error))}. Nothing is saved to it until that is fixed; what "
            "you see is what it held before."
        )
        if message == self.said:
            return
        self.said = message
        self.app.notify(message, title=self.TITLE, severity="error", timeout=30, markup=False)
