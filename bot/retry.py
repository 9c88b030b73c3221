"""Retrying Bot API requests: 429 after its retry_after, 5xx and network errors with backoff.

A session middleware, so every request (direct replies included) gets it; long polling keeps
aiogram's own backoff. Before waiting, a pressed button's callback query is answered, so it does
not spin through the wait. Retries last up to a time budget: ``REPLY_RETRY_SECONDS`` (about a
minute, enough to ride out a short Telegram outage) for replies; a few seconds for sends that are
already kept in the database (reminders, kept replies: ``durable_send``), which would only hold
their sender. After the budget the error reaches the caller (``bot.outbox`` keeps a reply).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.middlewares import answer_pending_callback

log = logging.getLogger(__name__)
BACKOFF = BackoffConfig(min_delay=0.5, max_delay=8.0, factor=2.0, jitter=0.1)
MAX_RETRY_AFTER = 60  # seconds; a longer flood wait is reported, not slept through
DURABLE_BUDGET = 4.0  # seconds of retries for a send the database keeps anyway

_durable: contextvars.ContextVar[bool] = contextvars.ContextVar("durable_send", default=False)


@contextmanager
def durable_send() -> Iterator[None]:
    """Requests made inside are kept by their caller if they fail: retry them only briefly."""
    token = _durable.set(True)
    try:
        yield
    finally:
        _durable.reset(token)


def is_durable() -> bool:
    return _durable.get()


class RetryRequests(BaseRequestMiddleware):
    def __init__(
        self,
        budget: float = 60.0,
        backoff: BackoffConfig = BACKOFF,
        clock: Callable[[], float] = time.monotonic,
        durable_budget: float = DURABLE_BUDGET,
    ) -> None:
        self.budget, self.durable_budget = budget, durable_budget
        self.backoff = backoff
        self._clock = clock

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        polling = isinstance(method, GetUpdates)  # (a flag: narrowing would lose the type)
        if polling:  # long polling has aiogram's own backoff
            return await make_request(bot, method)
        delays = Backoff(self.backoff)
        deadline = self._clock() + (self.durable_budget if is_durable() else self.budget)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                wait = float(exc.retry_after)
                if wait > MAX_RETRY_AFTER or self._clock() + wait > deadline:
                    raise
                # The gate (bot.gate) has paused every request until then; this one waits too.
                log.warning("429 on %s: waiting %s s", type(method).__name__, exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                wait = next(delays)
                if self._clock() + wait > deadline:
                    raise
                log.warning(
                    "%s on %s, retry %d in %.1f s",
                    type(exc).__name__,
                    type(method).__name__,
                    attempt,
                    wait,
                )
            await answer_pending_callback(bot)
            await asyncio.sleep(wait)
