from __future__ import annotations

import datetime as dt

import pytest

from bot.reminders.timing import in_quiet_hours, next_allowed, send_time

UTC = dt.UTC


@pytest.mark.parametrize(
    ("due", "zone", "hour", "expected"),
    [
        (dt.date(2026, 11, 25), "Asia/Almaty", 9, dt.datetime(2026, 11, 25, 4, tzinfo=UTC)),
        (dt.date(2026, 11, 25), "Asia/Almaty", 14, dt.datetime(2026, 11, 25, 9, tzinfo=UTC)),
        # 23:00 is quiet: the next morning at 09:00 local (04:00 UTC)
        (dt.date(2026, 11, 25), "Asia/Almaty", 23, dt.datetime(2026, 11, 26, 4, tzinfo=UTC)),
        # 06:00 is quiet: the same morning at 09:00
        (dt.date(2026, 11, 25), "Asia/Almaty", 6, dt.datetime(2026, 11, 25, 4, tzinfo=UTC)),
        # the UTC+5 day boundary: 00:00–04:59 local is still the previous day in UTC
        (dt.date(2027, 1, 1), "Asia/Almaty", 9, dt.datetime(2027, 1, 1, 4, tzinfo=UTC)),
        (dt.date(2026, 12, 31), "Asia/Almaty", 23, dt.datetime(2027, 1, 1, 4, tzinfo=UTC)),
        (dt.date(2024, 2, 29), "Europe/Moscow", 9, dt.datetime(2024, 2, 29, 6, tzinfo=UTC)),
    ],
)
def test_send_time(due: dt.date, zone: str, hour: int, expected: dt.datetime) -> None:
    assert send_time(due, zone, hour) == expected


def test_quiet_hours() -> None:
    assert in_quiet_hours(21, 21, 9) and in_quiet_hours(3, 21, 9) and not in_quiet_hours(9, 21, 9)
    assert in_quiet_hours(13, 13, 14) and not in_quiet_hours(14, 13, 14)
    assert not in_quiet_hours(3, 0, 0), "equal bounds: no quiet hours"


def test_next_allowed() -> None:
    evening = dt.datetime(2026, 11, 25, 18, tzinfo=UTC)  # 23:00 in Almaty
    assert next_allowed(evening, "Asia/Almaty") == dt.datetime(2026, 11, 26, 4, tzinfo=UTC)
    noon = dt.datetime(2026, 11, 25, 7, tzinfo=UTC)
    assert next_allowed(noon, "Asia/Almaty") == noon
