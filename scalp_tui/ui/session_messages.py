"""What the session screen tells the app: light enough for the app to import at start-up (the
session screen itself is imported when first opened), so the app's handlers can name them with
``@on``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from scalp_tui.domain.records import SessionRecord


class SessionChanged(Message):
    """The session's state changed: the app reads where it stands from the session control."""


class SessionEnded(Message):
    """The session is recorded; ``cleaning``: the roller touched the scalp."""

    def __init__(self, record: SessionRecord, cleaning: bool) -> None:
        super().__init__()
        self.record = record
        self.cleaning = cleaning
