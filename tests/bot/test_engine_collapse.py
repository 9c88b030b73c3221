"""An obligation's day-before nudge and its deadline reminder never reach a chat as two identical
messages: after downtime, a nudge snoozed onto the deadline's day, or in the offline summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.clock import FrozenClock
from bot.db import records, users
from bot.records.planning import replan_record
from bot.reminders import repo
from knowledge.timeline import plan
from tests.bot.test_engine import FlakySession, make_app

ALMATY = ZoneInfo("Asia/Almaty")
EVENT = dt.date(2026, 11, 25)  # the worker arrived (tests choose their day)
DUE = next(item.due for item in plan("arrival", EVENT) if item.kind == "arrival_due")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ALMATY)


@pytest.fixture
async def tracked(tmp_path: Path) -> AsyncIterator[tuple[App, FlakySession, FrozenClock]]:
    """User 1 tracks an arrival on its day; its reminders planned as the bot plans them."""
    session, clock = FlakySession(), FrozenClock(at(EVENT, 8))
    app = await make_app(tmp_path, session, clock)
    user = await users.seen(app.db, 1, 1, "en", "Asia/Almaty", clock.now())
    record_id = await records.add(app.db, 1, "arrival", EVENT, clock.now(), "w1")
    record = await records.get(app.db, 1, record_id)
    assert record is not None
    await replan_record(app.db, user, record, clock.now())
    kinds = {r.kind for r in await repo.upcoming(app.db, 1)}
    assert kinds == {"arrival_due_soon", "arrival_due"}
    yield app, session, clock
    await app.db.close()


async def test_on_time_each_day_says_what_is_new(
    tracked: tuple[App, FlakySession, FrozenClock],
) -> None:
    app, session, clock = tracked
    clock.set(at(DUE - dt.timedelta(days=1), 9, 1))
    assert await app.engine.run_once() == 1
    clock.set(at(DUE, 9, 1))
    assert await app.engine.run_once() == 1
    first, second = session.texts(1)
    assert "tomorrow" in first and "today" in second


async def test_after_downtime_nudge_and_deadline_are_one_message(
    tracked: tuple[App, FlakySession, FrozenClock],
) -> None:
    app, session, clock = tracked
    clock.set(at(DUE, 10))  # offline since before the day-before nudge
    assert await app.engine.run_once() == 1
    (text,) = session.texts(1)
    assert "today" in text and text.count("migration police") == 1
    statuses = {(r.kind, r.status, r.due_date) for r in await repo.upcoming(app.db, 1)}
    assert ("arrival_due_soon", "sent", DUE - dt.timedelta(days=1)) in statuses
    assert ("arrival_due", "pending", DUE + dt.timedelta(days=7)) in statuses, "repeats go on"
    assert await app.engine.run_once() == 0


async def test_nudge_snoozed_onto_the_deadline_is_not_sent_again(
    tracked: tuple[App, FlakySession, FrozenClock],
) -> None:
    app, session, clock = tracked
    clock.set(at(DUE - dt.timedelta(days=1), 9, 1))
    assert await app.engine.run_once() == 1
    nudge = next(r for r in await repo.upcoming(app.db, 1) if r.kind == "arrival_due_soon")
    assert await repo.snooze(app.db, 1, nudge.id, at(DUE, 9, 30))  # "1 day", a little later
    clock.set(at(DUE, 9, 1))
    assert await app.engine.run_once() == 1
    clock.set(at(DUE, 9, 31))
    assert await app.engine.run_once() == 0
    assert len(session.texts(1)) == 2


async def test_snoozed_nudge_due_with_its_deadline_goes_out_once(
    tracked: tuple[App, FlakySession, FrozenClock],
) -> None:
    app, session, clock = tracked
    clock.set(at(DUE - dt.timedelta(days=1), 9, 1))
    await app.engine.run_once()
    nudge = next(r for r in await repo.upcoming(app.db, 1) if r.kind == "arrival_due_soon")
    due = next(r for r in await repo.upcoming(app.db, 1) if r.kind == "arrival_due")
    assert await repo.snooze(app.db, 1, nudge.id, dt.datetime.fromtimestamp(due.send_at, ALMATY))
    clock.set(at(DUE, 9, 1))
    assert await app.engine.run_once() == 1
    assert len(session.texts(1)) == 2


async def test_offline_summary_lists_a_deadline_once(
    tracked: tuple[App, FlakySession, FrozenClock],
) -> None:
    app, session, clock = tracked
    clock.set(at(DUE + dt.timedelta(days=40), 10))
    await app.engine.run_once()
    (summary,) = session.texts(1)
    assert summary.count("•") == 1 and "1 reminder older" in summary, summary
