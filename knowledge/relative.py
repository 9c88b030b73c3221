"""How a date stands against today: the words a message uses on the day it is read. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Rel = Literal["past", "today", "tomorrow", "future"]


def relative(target: dt.date, today: dt.date) -> tuple[Rel, int]:
    """("past" | "today" | "tomorrow" | "future", whole days between them, never negative)."""
    days = (target - today).days
    if days < 0:
        return "past", -days
    if days == 0:
        return "today", 0
    return ("tomorrow" if days == 1 else "future"), days
