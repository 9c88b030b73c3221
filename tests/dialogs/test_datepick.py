"""The date picker's "today" is the user's calendar day, whatever the clock of the message says."""

from __future__ import annotations

import datetime as dt

from bot.clock import FrozenClock
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.today import ALMATY


def today_button(d: Dialog) -> str:
    markup = d.last_message().markup
    assert markup is not None, "the date question has its picker"
    return str(markup.inline_keyboard[0][0].callback_data)


async def test_month_navigation_keeps_todays_day_in_almaty(
    dialog: DialogFactory, clock: FrozenClock
) -> None:
    # 00:30 on 1 January 2027 in Almaty is still 31 December 2026 in UTC.
    clock.set(dt.datetime(2027, 1, 1, 0, 30, tzinfo=ALMATY))
    d = dialog(user_id=51, lang="en")
    await d.send("/deadlines")
    await d.click("arrived")
    assert today_button(d) == "dp:pick:20270101"
    await d.click("›")  # to February and back: the grid is rebuilt each time
    await d.click("‹")
    assert today_button(d) == "dp:pick:20270101", "today in the user's zone, not the UTC date"
