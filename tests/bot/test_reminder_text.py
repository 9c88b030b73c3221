"""A reminder says what is true on the day it goes out, whatever moved it (issue: "tomorrow
(1 December 2026) is the last day" sent on 1 December for a 2 December deadline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app import App
from bot.clock import FrozenClock
from bot.db import records, users
from bot.records.planning import replan_record
from bot.reminders import repo
from tests.bot.test_engine import FlakySession, make_app

ALMATY_9AM = dt.time(4, 0, tzinfo=dt.UTC)  # 09:00 in Almaty (UTC+5)


def at_nine(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, ALMATY_9AM)


async def track_contract(app: App, signed: dt.date, lang: str = "en") -> int:
    user = await users.seen(app.db, 1, 1, lang, "Asia/Almaty", app.clock.now())
    record_id = await records.add(app.db, 1, "contract", signed, app.clock.now(), "Contract A")
    record = await records.get(app.db, 1, record_id)
    assert record is not None
    await replan_record(app.db, user, record, app.clock.now())
    return record_id


@pytest.mark.parametrize(
    ("lang", "tomorrow", "today", "overdue"),
    [
        ("en", "tomorrow (2 December 2026)", "today (2 December 2026)", "overdue by 2 days"),
        ("ru", "завтра (2 декабря 2026)", "сегодня (2 декабря 2026)", "просрочено на 2 дня"),
        (
            "kk",
            "ертең (2026 жылғы 2 желтоқсан)",
            "бүгін (2026 жылғы 2 желтоқсан)",
            "2 күнге кешікті",
        ),
    ],
)
async def test_day_before_today_and_overdue_name_the_deadline(
    tmp_path: Path, lang: str, tomorrow: str, today: str, overdue: str
) -> None:
    # Signed 25 Nov 2026 (Wednesday): 5 working days → due Wednesday 2 December.
    clock = FrozenClock(at_nine(dt.date(2026, 11, 25)))
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await track_contract(app, dt.date(2026, 11, 25), lang)

    clock.set(at_nine(dt.date(2026, 12, 1)))
    assert await app.engine.run_once() == 1
    assert tomorrow in session.texts(1)[-1]

    clock.set(at_nine(dt.date(2026, 12, 2)))
    assert await app.engine.run_once() == 1
    assert today in session.texts(1)[-1]

    # The weekly repeat after downtime: sent on 4 December, it says how late it is.
    pending = [r for r in await repo.upcoming(app.db, 1) if r.status == "pending"]
    assert [r.kind for r in pending] == ["contract_due"]
    await repo.snooze(app.db, 1, pending[0].id, at_nine(dt.date(2026, 12, 4)))
    clock.set(at_nine(dt.date(2026, 12, 4)))
    assert await app.engine.run_once() == 1
    assert overdue in session.texts(1)[-1]
    await app.db.close()


async def test_a_contract_tracked_after_its_deadline_is_reported_overdue(tmp_path: Path) -> None:
    clock = FrozenClock(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))  # 15:00 in Almaty
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await track_contract(app, dt.date(2026, 11, 25))
    rows = await repo.upcoming(app.db, 1)
    assert [(r.kind, r.due_date) for r in rows] == [("contract_due", dt.date(2026, 12, 7))]
    assert await app.engine.run_once() == 1, "sent now, not tomorrow at nine"
    text = session.texts(1)[-1]
    assert "was due on 2 December 2026: overdue by 5 days" in text
    assert "offline" not in text, "planned just now: the bot was not offline"
    await app.db.close()


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "Employment contract · 25.11.2026"), ("ru", "25.11.2026")]
)
async def test_an_unnamed_record_is_named_in_its_reminder(
    tmp_path: Path, lang: str, name: str
) -> None:
    clock = FrozenClock(at_nine(dt.date(2026, 12, 1)))
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    user = await users.seen(app.db, 1, 1, lang, "Asia/Almaty", app.clock.now())
    record_id = await records.add(app.db, 1, "contract", dt.date(2026, 11, 25), clock.now(), "")
    record = await records.get(app.db, 1, record_id)
    assert record is not None
    await replan_record(app.db, user, record, clock.now())
    assert await app.engine.run_once() == 1
    text = session.texts(1)[-1]
    assert name in text and "—" not in text.split("\n")[0], text
    await app.db.close()
