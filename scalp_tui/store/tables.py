"""TinyDB over the atomic, locked storage: the tables the repository writes through.

Imported at the first write or query, not at start-up: reading the whole file for the first
screen needs only the storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from scalp_tui.store.storage import AtomicJSONStorage

# AtomicJSONStorage is a TinyDB Storage (read, write, close) without importing TinyDB.
Storage.register(AtomicJSONStorage)


class ProcessSafeTable(Table):
    """A TinyDB table that trusts nothing it remembers: another process may have written.

    TinyDB caches the next document id and query results per table object; with two processes
    on one file both go stale. Here the next id is computed from the file on every insert
    (inside the lock, so it is fresh) at the start of every insert, and the query cache is off.
    """

    def __init__(
        self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False
    ) -> None:
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)

    def insert(self, document: Mapping[Any, Any]) -> int:
        self._next_id = None  # recomputed from the file, read inside the caller's lock
        inserted: int = super().insert(document)
        return inserted

    def insert_multiple(self, documents: Iterable[Mapping[Any, Any]]) -> list[int]:
        self._next_id = None
        inserted: list[int] = super().insert_multiple(documents)
        return inserted


class ScalpTinyDB(TinyDB):
    table_class = ProcessSafeTable


class _Prebuilt:
    """Hands TinyDB an already-built storage (TinyDB calls ``storage(*args)``)."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self.storage


def tinydb_over(storage: AtomicJSONStorage) -> TinyDB:
    return ScalpTinyDB(storage=_Prebuilt(storage))
