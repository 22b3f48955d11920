"""Where time comes from. The domain never reads a clock itself; it is handed one."""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes backwards."""
        ...

    def now(self) -> dt.datetime:
        """The current wall-clock time, timezone-aware."""
        ...

    def today(self) -> dt.date: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> dt.datetime:
        """The local time; UTC when the local zone cannot be told (``TZ=UTC-25`` gives an
        offset of a day or more, which ``astimezone`` refuses)."""
        try:
            return dt.datetime.now().astimezone()
        except (ValueError, OverflowError, OSError):
            return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return self.now().date()


class FakeClock:
    """A clock that moves only when told to: for tests, snapshots and benchmarks."""

    def __init__(self, start: dt.datetime, monotonic: float = 1000.0) -> None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=dt.UTC)
        self._start = start
        self._mono_start = monotonic
        self._mono = monotonic

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self._mono += seconds

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=self._mono - self._mono_start)

    def today(self) -> dt.date:
        return self.now().date()
