"""When a reminder goes out: the due date at the user's hour and zone, never in quiet hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def in_quiet_hours(hour: int, quiet_start: int, quiet_end: int) -> bool:
    if quiet_start == quiet_end:
        return False
    if quiet_start < quiet_end:
        return quiet_start <= hour < quiet_end
    return hour >= quiet_start or hour < quiet_end  # wraps midnight, e.g. 21:00–09:00


def send_time(
    due: dt.date, timezone: str, hour: int = 9, quiet_start: int = 21, quiet_end: int = 9
) -> dt.datetime:
    """The UTC instant to send a reminder due on ``due`` (the user's calendar date)."""
    zone = ZoneInfo(timezone)
    local = dt.datetime.combine(due, dt.time(hour), tzinfo=zone)
    if in_quiet_hours(hour, quiet_start, quiet_end):
        # After the quiet hours end: the same morning, or the next one if they started tonight.
        morning = dt.datetime.combine(due, dt.time(quiet_end), tzinfo=zone)
        local = morning if hour < quiet_end else morning + dt.timedelta(days=1)
    return local.astimezone(dt.UTC)


def next_allowed(
    now: dt.datetime, timezone: str, quiet_start: int = 21, quiet_end: int = 9
) -> dt.datetime:
    """``now``, or the end of the user's quiet hours if ``now`` falls inside them."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    if not in_quiet_hours(local.hour, quiet_start, quiet_end):
        return now
    morning = local.replace(hour=quiet_end, minute=0, second=0, microsecond=0)
    if local.hour >= quiet_end:
        morning += dt.timedelta(days=1)
    return morning.astimezone(dt.UTC)
