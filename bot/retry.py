"""Retrying Bot API requests: 5xx and network errors with backoff, 429 after its retry_after.

A session middleware, so every request (direct replies included) gets it; long polling keeps
aiogram's own backoff. Before waiting, a pressed button's callback query is answered, so it does
not spin through the wait. Attempts are bounded: after them the error reaches the caller.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
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


class RetryRequests(BaseRequestMiddleware):
    def __init__(
        self,
        attempts: int = 4,
        backoff: BackoffConfig = BACKOFF,
        on_flood: Callable[[float], None] | None = None,
    ) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.on_flood = on_flood  # a 429 pauses every sender (bot.notify.Limiter.pause)

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
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == self.attempts or exc.retry_after > MAX_RETRY_AFTER:
                    raise
                log.warning("429 on %s: waiting %s s", type(method).__name__, exc.retry_after)
                if self.on_flood is not None:
                    self.on_flood(exc.retry_after)
                await answer_pending_callback(bot)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                if attempt == self.attempts:
                    raise
                await answer_pending_callback(bot)
                delay = next(delays)
                log.warning(
                    "%s on %s, retry %d in %.1f s",
                    type(exc).__name__,
                    type(method).__name__,
                    attempt,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
