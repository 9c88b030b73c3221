from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.clock import FrozenClock


def test_nine_in_almaty_is_four_utc() -> None:
    almaty = dt.datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    assert almaty.astimezone(dt.UTC) == dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC)


def test_kazakhstan_single_zone_since_march_2024() -> None:
    # Before 1 March 2024 Almaty was UTC+6; the zone data must know the change.
    before = dt.datetime(2024, 2, 28, 12, tzinfo=ZoneInfo("Asia/Almaty"))
    after = dt.datetime(2024, 3, 2, 12, tzinfo=ZoneInfo("Asia/Almaty"))
    assert before.utcoffset() == dt.timedelta(hours=6)
    assert after.utcoffset() == dt.timedelta(hours=5)
    assert dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Aqtobe")).utcoffset() == dt.timedelta(
        hours=5
    )


def test_calendar_date_depends_on_user_zone() -> None:
    # 20:30 UTC on 31 Dec is already 1 Jan in Almaty.
    clock = FrozenClock(dt.datetime(2026, 12, 31, 20, 30, tzinfo=dt.UTC))
    assert clock.today("Asia/Almaty") == dt.date(2027, 1, 1)
    assert clock.today("UTC") == dt.date(2026, 12, 31)
