"""The "today" tests choose. Tests never read the real date; they take an instant from here (or
state their own) and give it to the code under test: a ``FrozenClock`` in-process, ``CLOCK_START``
for the bot process (``spawn_bot(now=...)``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ALMATY = ZoneInfo("Asia/Almaty")
# A working Monday, 11:00 in Almaty: the default day of an end-to-end bot process.
E2E_NOW = dt.datetime(2026, 6, 15, 11, 0, tzinfo=ALMATY)


def local_day(instant: dt.datetime, timezone: str = "Asia/Almaty") -> dt.date:
    """The calendar day of ``instant`` in ``timezone``."""
    return instant.astimezone(ZoneInfo(timezone)).date()


def typed(day: dt.date) -> str:
    """A date as a user types it: 01.09.2025."""
    return day.strftime("%d.%m.%Y")
