"""Every outgoing message that is not a direct reply goes through here.

A rate limiter keeps under Telegram's limits (about 30 messages a second overall, about one a
second per chat); a 429 pauses the whole bot for its ``retry_after``; 5xx and network errors are
retried by the session (``bot.retry``) and then handed back for a later attempt; a user who
blocked the bot (403) or a chat that is gone is marked inactive, their reminders paused, and never
tried again until they write.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import Enum

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

from bot.clock import Clock
from bot.db import Database
from bot.db import users as users_repo
from bot.reminders import repo as reminders_repo

log = logging.getLogger(__name__)


class Outcome(Enum):
    SENT = "sent"
    BLOCKED = "blocked"  # 403 or chat gone: user deactivated
    RETRY = "retry"  # transient: try again later
    REJECTED = "rejected"  # Telegram refused this message itself: retrying will not help
    DEFERRED = "deferred"  # not attempted: the user's quiet hours (re-queued by the engine)


class Limiter:
    """A token bucket for the whole bot plus a minimum interval per chat, and a global pause."""

    def __init__(
        self,
        per_second: float = 29.0,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = per_second
        self.chat_interval = chat_interval
        self._clock = clock
        self._tokens = 1.0
        self._stamp = clock()
        self._chat_next: dict[int, float] = {}
        self.paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Nothing goes out before ``seconds`` from now (a 429's retry_after)."""
        self.paused_until = max(self.paused_until, self._clock() + seconds)
        self._tokens = 0.0

    async def acquire(self, chat_id: int) -> None:
        while True:
            now = self._clock()
            wait = max(self.paused_until, self._chat_next.get(chat_id, 0.0)) - now
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            self._tokens = min(1.0, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                self._chat_next[chat_id] = now + self.chat_interval
                if len(self._chat_next) > 20_000:
                    self._forget(now)
                return
            await asyncio.sleep((1.0 - self._tokens) / self.rate)

    def _forget(self, now: float) -> None:
        self._chat_next = {chat: t for chat, t in self._chat_next.items() if t > now}


class Notifier:
    def __init__(self, bot: Bot, db: Database, limiter: Limiter, clock: Clock) -> None:
        self.bot, self.db, self.limiter, self.clock = bot, db, limiter, clock
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, senders using it

    async def send(
        self, user_id: int, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> Outcome:
        """Send one message; one at a time per chat, so a blocked user is tried exactly once."""
        lock, users = self._chat_locks.get(chat_id, (asyncio.Lock(), 0))
        self._chat_locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                user = await users_repo.get(self.db, user_id)
                if user is None or not user.is_active:
                    return Outcome.BLOCKED  # blocked meanwhile: never retried until they write
                await self.limiter.acquire(chat_id)
                return await self._send(user_id, chat_id, text, markup)
        finally:
            lock, users = self._chat_locks[chat_id]
            if users == 1:
                del self._chat_locks[chat_id]
            else:
                self._chat_locks[chat_id] = (lock, users - 1)

    async def _send(
        self, user_id: int, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> Outcome:
        try:
            await self.bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramForbiddenError:
            await self.deactivate(user_id)
            return Outcome.BLOCKED
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message.lower():
                await self.deactivate(user_id)
                return Outcome.BLOCKED
            log.warning("message rejected by Telegram: %s", exc.message[:120])
            return Outcome.REJECTED
        except TelegramRetryAfter as exc:
            self.limiter.pause(exc.retry_after)
            return Outcome.RETRY
        except (TelegramServerError, TelegramNetworkError) as exc:
            log.warning("sending failed for now: %s", type(exc).__name__)
            return Outcome.RETRY
        return Outcome.SENT

    async def deactivate(self, user_id: int) -> None:
        log.info("a user blocked the bot or is gone: their reminders are paused")
        await users_repo.set_active(self.db, user_id, False, self.clock.now())
        await reminders_repo.pause_user(self.db, user_id)
