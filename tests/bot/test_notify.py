"""The notifier's limiter and how Telegram's refusals are classified."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage

from bot.app import App
from bot.db import users
from bot.notify import Limiter, Outcome
from bot.reminders import repo
from tests.bot.test_engine import FlakySession, add_due, flaky  # noqa: F401


async def timed(limiter: Limiter, chats: list[int]) -> float:
    started = time.monotonic()
    for chat in chats:
        await limiter.acquire(chat)
    return time.monotonic() - started


async def test_overall_rate_is_kept() -> None:
    limiter = Limiter(per_second=100.0, chat_interval=0.0)
    elapsed = await timed(limiter, list(range(21)))
    assert 0.19 <= elapsed < 0.5, elapsed  # the first is free, then one per 10 ms


async def test_one_chat_waits_its_interval_and_others_do_not() -> None:
    limiter = Limiter(per_second=10_000.0, chat_interval=0.1, chat_burst=1)
    assert await timed(limiter, [1, 2, 3, 4]) < 0.05
    assert await timed(limiter, [1, 1]) >= 0.19  # 1 was used just now, then again


async def test_a_chat_gets_its_burst_then_the_pace() -> None:
    limiter = Limiter(per_second=10_000.0, chat_interval=0.1, chat_burst=3)
    assert await timed(limiter, [1, 1, 1]) < 0.05, "three quick messages pass at once"
    assert await timed(limiter, [1]) >= 0.09, "the fourth waits for the pace"


async def test_pause_holds_every_chat() -> None:
    limiter = Limiter(per_second=10_000.0, chat_interval=0.0)
    limiter.pause(0.15)
    results = await asyncio.gather(*(timed(limiter, [chat]) for chat in (1, 2, 3)))
    assert min(results) >= 0.14


def bad_request(text: str) -> TelegramBadRequest:
    method: Any = SendMessage(chat_id=1, text="x")
    return TelegramBadRequest(method, text)


async def test_chat_not_found_deactivates(flaky: tuple[App, FlakySession]) -> None:  # noqa: F811
    app, session = flaky
    await add_due(app, 1)
    session.errors[1] = [bad_request("Bad Request: chat not found")]
    outcome = await app.engine.notifier.send(1, 1, "hello")
    assert outcome is Outcome.BLOCKED
    user = await users.get(app.db, 1)
    assert user is not None and not user.is_active
    assert {r.status for r in await repo.upcoming(app.db, 1)} == {"paused"}


async def test_a_rejected_message_is_not_retried_forever(
    flaky: tuple[App, FlakySession],  # noqa: F811
) -> None:
    app, session = flaky
    await add_due(app, 1)
    session.errors[1] = [bad_request("Bad Request: can't parse entities")]
    assert await app.engine.run_once() == 0
    assert await app.engine.run_once() == 0
    assert len(session.attempts) == 1
    user = await users.get(app.db, 1)
    assert user is not None and user.is_active, "the user did nothing wrong"
