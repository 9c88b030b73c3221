"""The escalation ladder's dates (issue 14), pure: admins before the deadline, the group on it
and once after it."""

from __future__ import annotations

import datetime as dt

from knowledge.teams import GROUP_DAY, GROUP_OVERDUE, escalates_on, escalation_day, group_stage

WED = dt.date(2026, 12, 2)


def test_admins_from_the_lead_to_the_deadline() -> None:
    assert escalation_day(WED, 3) == dt.date(2026, 11, 27)  # Sunday 29th is a day off → Friday
    assert escalation_day(WED, 1) == dt.date(2026, 12, 1)
    assert escalation_day(dt.date(2026, 12, 18), 3) == dt.date(2026, 12, 15)  # a Tuesday
    assert not escalates_on(WED, 3, dt.date(2026, 11, 26))
    assert escalates_on(WED, 3, dt.date(2026, 11, 27)) and escalates_on(WED, 3, WED)
    assert not escalates_on(WED, 3, WED + dt.timedelta(days=1)), "overdue is the group's"
    assert not escalates_on(WED, 0, WED), "off"


def test_independence_day_is_a_day_off() -> None:
    # 16 December (Independence Day) is a holiday in Kazakhstan: 3 days before the 19th → 15th.
    assert escalation_day(dt.date(2026, 12, 19), 3) == dt.date(2026, 12, 15)


def test_the_group_on_the_day_and_once_overdue() -> None:
    assert group_stage(WED, WED - dt.timedelta(days=1)) is None
    assert group_stage(WED, WED) == (GROUP_DAY, WED)
    assert group_stage(WED, WED + dt.timedelta(days=1)) == (GROUP_OVERDUE, WED + dt.timedelta(1))
    assert group_stage(WED, WED + dt.timedelta(days=7)) == (GROUP_OVERDUE, WED + dt.timedelta(1))
    assert group_stage(WED, WED + dt.timedelta(days=8)) is None
