from __future__ import annotations

import time
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.utils.backoff import BackoffConfig

from bot.local_session import LocalSession
from bot.retry import RetryRequests, durable_send

FAST = BackoffConfig(min_delay=0.01, max_delay=0.05, factor=2.0, jitter=0.0)


class Flaky(LocalSession):
    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures = failures
        self.calls: list[float] = []

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.calls.append(time.monotonic())
        if self.failures:
            raise self.failures.pop(0)
        return await super().make_request(bot, method, timeout)


def bot_with(session: Flaky, budget: float = 1.0) -> Bot:
    bot = Bot("1:x", session=session)
    bot.session.middleware(RetryRequests(budget=budget, backoff=FAST))
    return bot


def server_error() -> TelegramServerError:
    return TelegramServerError(SendMessage(chat_id=1, text="x"), "Internal Server Error")


async def test_5xx_is_retried_then_delivered() -> None:
    session = Flaky([server_error(), server_error()])
    message = await bot_with(session).send_message(1, "hello")
    assert message.text == "hello" and len(session.calls) == 3


async def test_retries_for_its_budget_then_gives_up() -> None:
    session = Flaky([server_error() for _ in range(50)])
    with pytest.raises(TelegramServerError):
        await bot_with(session, budget=0.2).send_message(1, "hello")
    # delays 0.01, 0.02, 0.04, 0.05, 0.05: the sixth would end after the budget
    assert len(session.calls) == 6
    assert session.calls[-1] - session.calls[0] < 0.4  # (sleeps overshoot a little)


async def test_ten_5xx_in_a_row_are_ridden_out_within_the_budget() -> None:
    session = Flaky([server_error() for _ in range(10)])
    message = await bot_with(session, budget=5.0).send_message(1, "hello")
    assert message.text == "hello" and len(session.calls) == 11


async def test_a_durable_send_is_retried_only_briefly() -> None:
    session = Flaky([server_error() for _ in range(50)])
    bot = Bot("1:x", session=session)
    bot.session.middleware(RetryRequests(budget=60.0, backoff=FAST, durable_budget=0.1))
    with durable_send(), pytest.raises(TelegramServerError):
        await bot.send_message(1, "hello")
    assert session.calls[-1] - session.calls[0] < 0.3, "not the 60 s of a reply"


async def test_nothing_is_sent_before_retry_after() -> None:
    method: Any = SendMessage(chat_id=1, text="x")
    session = Flaky([TelegramRetryAfter(method, "Too Many Requests", retry_after=1)])
    await bot_with(session, budget=5.0).send_message(1, "hello")
    assert session.calls[1] - session.calls[0] >= 1.0
