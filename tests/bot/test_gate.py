"""The outgoing gate: every request waits out a 429 pause; counted ones are paced."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, SendChatAction, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.gate import OutgoingGate, counted_chat
from bot.local_session import LocalSession
from bot.notify import Limiter


class Recording(LocalSession):
    """Records (time, method name, chat) of each request; the first SendMessage gets a 429."""

    def __init__(self, retry_after: int | None = None) -> None:
        super().__init__()
        self.retry_after = retry_after
        self.log: list[tuple[float, str, object]] = []

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.log.append((time.monotonic(), type(method).__name__, getattr(method, "chat_id", None)))
        if self.retry_after is not None and isinstance(method, SendMessage):
            after, self.retry_after = self.retry_after, None
            raise TelegramRetryAfter(method, "Too Many Requests", retry_after=after)
        if isinstance(method, AnswerCallbackQuery):
            return True  # type: ignore[return-value]
        return await super().make_request(bot, method, timeout)


def gated(session: Recording, limiter: Limiter) -> Bot:
    bot = Bot("1:x", session=session)
    bot.session.middleware(OutgoingGate(limiter))
    return bot


def test_what_telegram_counts() -> None:
    assert counted_chat(SendMessage(chat_id=5, text="x")) == (True, 5)
    assert counted_chat(AnswerCallbackQuery(callback_query_id="1")) == (False, None)
    assert counted_chat(SendChatAction(chat_id=5, action="typing")) == (False, None)


async def test_a_429_holds_every_request_until_retry_after() -> None:
    session = Recording(retry_after=1)
    limiter = Limiter(per_second=10_000.0, chat_interval=0.0)
    bot = gated(session, limiter)
    refused_at = time.monotonic()
    with pytest.raises(TelegramRetryAfter):  # (no retry middleware here)
        await bot.send_message(1, "first")
    await asyncio.gather(
        bot.send_message(2, "another chat"),
        bot(SendChatAction(chat_id=3, action="typing")),
        bot(AnswerCallbackQuery(callback_query_id="q")),
    )
    held = {name: at - refused_at for at, name, _chat in session.log[1:]}
    assert held["SendMessage"] >= 0.95 and held["SendChatAction"] >= 0.95, held
    assert held["AnswerCallbackQuery"] < 0.5, "a pressed button is answered during the pause"


async def test_a_burst_of_chats_is_paced_under_the_global_rate() -> None:
    session = Recording()
    bot = gated(session, Limiter(per_second=50.0, chat_interval=1.0))
    started = time.monotonic()
    await asyncio.gather(*(bot.send_message(chat, "hi") for chat in range(26)))
    times = sorted(at for at, _name, _chat in session.log)
    assert times[-1] - started >= 0.45, "26 messages at 50/s take half a second"
    in_any_tenth = max(sum(t <= x < t + 0.1 for x in times) for t in times)
    assert in_any_tenth <= 6, "never more than the rate allows (plus the first token)"


async def test_callback_answers_are_not_paced() -> None:
    session = Recording()
    bot = gated(session, Limiter(per_second=2.0, chat_interval=1.0))
    started = time.monotonic()
    await asyncio.gather(*(bot(AnswerCallbackQuery(callback_query_id=str(n))) for n in range(20)))
    assert time.monotonic() - started < 0.2


class FakeTime:
    """A clock that moves only when the limiter sleeps (one waiter at a time in these tests)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def fake_limiter(time_: FakeTime, **kwargs: Any) -> Limiter:
    return Limiter(clock=time_, sleep=time_.sleep, **kwargs)


async def stamps(
    time_: FakeTime, limiter: Limiter, chats: list[int], burst: int | None = None
) -> list[float]:
    out = []
    for chat in chats:
        await limiter.acquire(chat, burst)
        out.append(round(time_.now - 100.0, 3))
    return out


async def test_fake_clock_a_chat_bursts_three_then_one_a_second() -> None:
    time_ = FakeTime()
    limiter = fake_limiter(time_, per_second=1000.0, chat_interval=1.0, chat_burst=3)
    times = await stamps(time_, limiter, [7] * 5)
    assert times[2] < 0.01, f"three at once: {times}"
    assert 1.0 <= times[3] < 1.2 and 2.0 <= times[4] < 2.3, f"then one a second: {times}"


async def test_fake_clock_a_reminder_is_paced_without_the_burst() -> None:
    time_ = FakeTime()
    limiter = fake_limiter(time_, per_second=1000.0, chat_interval=1.0, chat_burst=3)
    times = await stamps(time_, limiter, [7] * 3, burst=1)
    assert times[1] >= 1.0 and times[2] >= 2.0, times


async def test_fake_clock_the_global_rate_holds_across_chats() -> None:
    time_ = FakeTime()
    limiter = fake_limiter(time_, per_second=10.0, chat_interval=1.0)
    times = await stamps(time_, limiter, list(range(21)))
    assert times[0] == 0.0 and 1.9 <= times[20] < 2.1, times  # 20 more at 10 a second


async def test_fake_clock_a_pause_holds_counted_and_uncounted_requests() -> None:
    time_ = FakeTime()
    limiter = fake_limiter(time_, per_second=1000.0, chat_interval=1.0)
    limiter.pause(5)
    await limiter.wait_pause()
    assert time_.now - 100.0 >= 5.0, "an uncounted request waited the pause"
    limiter.pause(3)
    before = time_.now
    await limiter.acquire(8)
    assert time_.now - before >= 3.0, "a message waited the pause"


async def test_fake_clock_a_group_gets_twenty_messages_a_minute() -> None:
    """Telegram allows a group about 20 messages a minute (issue 14): one per 3 s, no burst."""
    time_ = FakeTime()
    limiter = fake_limiter(time_, per_second=1000.0, chat_interval=1.0, chat_burst=3)
    times = await stamps(time_, limiter, [-1001] * 25)
    assert times[0] == 0.0 and 3.0 <= times[1] < 3.2, times
    assert 60.0 <= times[20] < 62.5, f"no more than 20 in any minute: {times}"
    private = await stamps(time_, limiter, [7] * 4)
    assert private[3] - private[0] < 1.2, "a private chat keeps its one-a-second pace"
