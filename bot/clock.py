"""Time source. Instants are UTC; calendar dates are taken in the user's time zone."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from zoneinfo import ZoneInfo

# Use the pinned ``tzdata`` package, never the machine's zone files: Kazakhstan moved to a single
# UTC+5 zone on 1 March 2024, and an older system database would still say UTC+6 for Almaty.
zoneinfo.reset_tzpath(to=())


class Clock:
    """The real clock; tests pass a ``FrozenClock`` through the same seam."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self, timezone: str) -> dt.date:
        return self.now().astimezone(ZoneInfo(timezone)).date()


class FrozenClock(Clock):
    def __init__(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._now = now.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self._now

    def set(self, now: dt.datetime) -> None:
        self._now = now.astimezone(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta


class StartedClock(Clock):
    """A clock that reads ``start`` when created and then runs forward in real time.

    Test-only (``CLOCK_START``): the bot process of an end-to-end test lives on the day the test
    chose. It counts elapsed time on the monotonic clock, so it stays right even when the test
    process itself runs under libfaketime (which shifts the wall clock, not monotonic time).
    """

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("StartedClock needs an aware datetime")
        self._start = start.astimezone(dt.UTC)
        self._origin = time.monotonic()

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._origin)


def clock_for(start: dt.datetime | None) -> Clock:
    """The real clock, or (tests) one started at ``start``."""
    return Clock() if start is None else StartedClock(start)


def to_iso(instant: dt.datetime) -> str:
    """An aware instant as a sortable UTC ISO string for SQLite."""
    return instant.astimezone(dt.UTC).isoformat(timespec="seconds")
