"""Catching up after downtime or a block: no floods, no copies, nothing at night."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.app import App
from bot.clock import FrozenClock
from bot.db import users
from bot.reminders import repo
from tests.bot.test_engine import TODAY, FlakySession, add_due, flaky, make_app  # noqa: F401
from tests.support.dialog import Dialog

NIGHT = dt.datetime(2026, 11, 25, 18, tzinfo=dt.UTC)  # 23:00 in Almaty
NEXT_MORNING = dt.datetime(2026, 11, 26, 4, tzinfo=dt.UTC)  # 09:00 in Almaty


def reminder_texts(session: FlakySession, chat: int) -> list[str]:
    return [text for text in session.texts(chat) if "/help" not in text and "⏰" in text]


async def test_a_weeks_late_repeat_goes_out_once_and_repeats_in_the_future(
    flaky: tuple[App, FlakySession],  # noqa: F811
) -> None:
    app, _session = flaky
    await add_due(app, 1, due=TODAY - dt.timedelta(days=20))  # overdue: repeats weekly
    assert await app.engine.run_once() == 1, "no copies for the weeks that were missed"
    pending = [r for r in await repo.upcoming(app.db, 1) if r.status == "pending"]
    assert [r.due_date for r in pending] == [TODAY + dt.timedelta(days=1)]
    assert pending[0].send_at > int(app.clock.now().timestamp())


async def test_late_reminder_waits_for_the_end_of_quiet_hours(tmp_path: Path) -> None:
    clock = FrozenClock(NIGHT)
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await add_due(app, 1, due=TODAY - dt.timedelta(days=2))  # missed while the bot was down
    await add_due(app, 2, due=TODAY - dt.timedelta(days=40))  # summary material
    assert await app.engine.run_once() == 0
    assert session.attempts == [], "nothing is sent at 23:00"
    statuses = {r.user_id: r.status for u in (1, 2) for r in await repo.upcoming(app.db, u)}
    assert statuses == {1: "pending", 2: "pending"}
    clock.set(NEXT_MORNING - dt.timedelta(minutes=1))
    assert await app.engine.run_once() == 0
    clock.set(NEXT_MORNING)
    assert await app.engine.run_once() == 1
    assert len(session.texts(1)) == 1
    assert len(session.texts(2)) == 1 and "older than 30 days" in session.texts(2)[0]
    await app.db.close()


async def test_user_back_after_a_long_block_gets_one_summary(
    flaky: tuple[App, FlakySession],  # noqa: F811
) -> None:
    app, session = flaky
    await add_due(app, 1, due=TODAY - dt.timedelta(days=40))
    await add_due(app, 1, due=TODAY - dt.timedelta(days=35), kind="fee_due")
    await users.set_active(app.db, 1, False, app.clock.now())
    await repo.pause_user(app.db, 1)
    await app.engine.run_once()
    assert session.attempts == []
    await Dialog(app, session, 1, "en").send("/help")  # they write again: resumed
    await app.engine.run_once()
    texts = reminder_texts(session, 1)
    assert len(texts) == 1 and "2 reminders older than 30 days" in texts[0], texts
    statuses = sorted((r.status, r.due_date) for r in await repo.upcoming(app.db, 1))
    assert [s for s, _ in statuses].count("sent") == 2
    future = [due for status, due in statuses if status == "pending"]
    assert future and all(due > TODAY for due in future), "overdue duties keep repeating"
    await app.engine.run_once()
    assert len(reminder_texts(session, 1)) == 1, "the summary is not repeated"
