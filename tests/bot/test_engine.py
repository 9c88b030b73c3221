"""The reminder engine against a recording session that can fail on demand."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.app import App, create_app, on_shutdown
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db import records, users
from bot.local_session import LocalSession
from bot.reminders import repo
from knowledge.timeline import Planned
from tests.conftest import DEFAULT_NOW

TODAY = dt.date(2026, 11, 25)


class FlakySession(LocalSession):
    """Records when each message was sent; raises queued errors for given chats first."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.errors: dict[int, list[Exception]] = {}
        self.attempts: list[tuple[float, int]] = []
        self.delay = delay

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        if isinstance(method, SendMessage):
            chat = int(method.chat_id)
            self.attempts.append((time.monotonic(), chat))
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.errors.get(chat):
                raise self.errors[chat].pop(0)
        return await super().make_request(bot, method, timeout)

    def texts(self, chat: int) -> list[str]:
        return [m.text for m in self.chat(chat)]


async def make_app(tmp_path: Path, session: FlakySession, clock: FrozenClock | None = None) -> App:
    settings = Settings(_env_file=None, data_dir=tmp_path, bot_token=None)
    app = await create_app(settings, session=session, clock=clock or FrozenClock(DEFAULT_NOW))
    app.limiter.rate, app.limiter.chat_interval = 10_000.0, 0.0  # speed is the benchmark's job
    return app


@pytest.fixture
async def flaky(tmp_path: Path) -> AsyncIterator[tuple[App, FlakySession]]:
    session = FlakySession()
    app = await make_app(tmp_path, session)
    yield app, session
    await app.db.close()


async def add_due(
    app: App,
    user_id: int,
    kind: str = "arrival_due",
    due: dt.date = TODAY,
    label: str = "",
    lang: str = "en",
) -> int:
    user = await users.seen(app.db, user_id, user_id, lang, "Asia/Almaty", app.clock.now())
    record = await records.add(
        app.db, user_id, "arrival", due, app.clock.now(), label or f"w{user_id}"
    )
    await repo.plan_for_record(
        app.db,
        user,
        record,
        [Planned(kind, due, "obligation.arrival_notice", kind.endswith("_due"))],
        dt.datetime.combine(due, dt.time(0), tzinfo=ZoneInfo("Asia/Almaty")),
    )
    return record


def sent(session: FlakySession) -> list[int]:
    return [int(m.chat_id) for m in session.requests if isinstance(m, SendMessage)]


async def test_due_reminders_go_out_once_with_buttons(flaky: tuple[App, FlakySession]) -> None:
    app, session = flaky
    for user_id in range(1, 6):
        await add_due(app, user_id)
    await add_due(app, 9, due=TODAY + dt.timedelta(days=3))  # not due yet
    assert await app.engine.run_once() == 5
    assert sorted(sent(session)) == [1, 2, 3, 4, 5]
    message = session.chat(1)[0]
    assert "w1" in message.text and "migration police" in message.text
    assert [label for label, _ in message.buttons()] == ["✓ Done", "Open", "⏰ 1 day", "⏰ 1 week"]
    assert await app.engine.run_once() == 0, "nothing is sent twice"


async def test_reminder_is_due_at_nine_in_almaty(tmp_path: Path) -> None:
    clock = FrozenClock(dt.datetime(2026, 11, 25, 3, 59, tzinfo=dt.UTC))  # 08:59 local
    session = FlakySession()
    app = await make_app(tmp_path, session, clock)
    await add_due(app, 1)
    assert await app.engine.run_once() == 0
    clock.set(dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.UTC))
    assert await app.engine.run_once() == 1
    await app.db.close()


async def test_overdue_obligation_repeats_weekly_until_done(
    flaky: tuple[App, FlakySession],
) -> None:
    app, _session = flaky
    await add_due(app, 1)
    await app.engine.run_once()
    rows = await repo.upcoming(app.db, 1)
    assert [(r.status, r.due_date) for r in rows] == [
        ("sent", TODAY),
        ("pending", TODAY + dt.timedelta(days=7)),
    ]
    assert await repo.mark_done(app.db, 1, rows[0].id)
    assert {r.status for r in await repo.upcoming(app.db, 1)} == set(), "done closes follow-ups"


async def test_restart_mid_backlog_delivers_everything_once(tmp_path: Path) -> None:
    first_session = FlakySession(delay=0.005)
    first = await make_app(tmp_path, first_session)
    first.engine.batch = 10
    for user_id in range(1, 61):
        await add_due(first, user_id)
    running = asyncio.create_task(first.engine.run_once())
    while len(sent(first_session)) < 15:  # noqa: ASYNC110 - polling a count the session keeps
        await asyncio.sleep(0.005)
    await on_shutdown(first)  # stops after the batch in flight and closes the database
    await running
    delivered_first = sent(first_session)
    assert 15 <= len(delivered_first) < 60

    second_session = FlakySession()
    second = await make_app(tmp_path, second_session)
    await second.engine.start()
    await second.engine.run_once()
    everything = delivered_first + sent(second_session)
    assert sorted(everything) == list(range(1, 61)), "every reminder exactly once"
    await second.db.close()


async def test_rows_left_sending_by_a_crash_are_requeued(flaky: tuple[App, FlakySession]) -> None:
    app, _session = flaky
    await add_due(app, 1)
    claimed = await repo.claim_due(app.db, int(app.clock.now().timestamp()), 10)
    assert len(claimed) == 1  # ...and the process dies before sending
    assert await app.engine.run_once() == 0, "a row in flight is not sent by another run"
    if app.db.engine == "postgres":  # another replica may be sending it: back once its lease ends
        await app.engine.start()
        assert await app.engine.run_once() == 0
        app.clock.advance(dt.timedelta(seconds=app.engine.lease + 1))  # type: ignore[attr-defined]
    await app.engine.start()  # the next start
    assert await app.engine.run_once() == 1


async def test_429_pauses_everything_until_retry_after(flaky: tuple[App, FlakySession]) -> None:
    app, session = flaky
    method: Any = SendMessage(chat_id=1, text="x")
    session.errors[1] = [TelegramRetryAfter(method, "Too Many Requests", retry_after=1)]
    for user_id in (1, 2, 3):
        await add_due(app, user_id)
    assert await app.engine.run_once() == 3
    flood_at = session.attempts[0][0]
    later = [at for at, _chat in session.attempts[1:]]
    assert later and min(later) - flood_at >= 0.99, "nothing was sent before retry_after passed"


async def test_5xx_is_retried_and_delivered(flaky: tuple[App, FlakySession]) -> None:
    app, session = flaky
    method: Any = SendMessage(chat_id=1, text="x")
    session.errors[1] = [TelegramServerError(method, "Bad Gateway")]
    await add_due(app, 1)
    assert await app.engine.run_once() == 1
    assert len([c for _t, c in session.attempts if c == 1]) == 2


async def test_blocked_user_is_tried_once_then_paused_until_they_write(
    flaky: tuple[App, FlakySession],
) -> None:
    app, session = flaky
    method: Any = SendMessage(chat_id=1, text="x")
    session.errors[1] = [TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")]
    await add_due(app, 1)
    await add_due(app, 1, kind="fee_due")
    assert await app.engine.run_once() == 0
    assert len([c for _t, c in session.attempts if c == 1]) == 1, "tried once"
    user = await users.get(app.db, 1)
    assert user is not None and not user.is_active
    assert {r.status for r in await repo.upcoming(app.db, 1)} == {"paused"}
    assert await app.engine.run_once() == 0
    assert len([c for _t, c in session.attempts if c == 1]) == 1, "never retried while blocked"

    from tests.support.dialog import Dialog

    await Dialog(app, session, 1, "en").send("/help")  # they write again
    assert await app.engine.run_once() == 2


async def test_missed_while_offline(flaky: tuple[App, FlakySession]) -> None:
    app, session = flaky
    await add_due(app, 1, due=TODAY - dt.timedelta(days=2))
    await add_due(app, 2, due=TODAY - dt.timedelta(days=40))
    await add_due(app, 2, due=TODAY - dt.timedelta(days=35), kind="fee_due")
    await app.engine.start()
    await app.engine.run_once()
    assert "offline" in session.texts(1)[0]
    summary = session.texts(2)
    assert len(summary) == 1 and "2 reminders older than 30 days" in summary[0], summary
