"""The limiter every outgoing request waits in, and the notifier for messages that are not replies.

The ``Limiter`` keeps under Telegram's limits (about 30 messages a second overall, about one a
second per chat after a short burst); a 429 pauses the whole bot for its ``retry_after``. The
session's gate (``bot.gate``) applies it to every request, replies and reminders alike. 429s, 5xx
and network errors are retried by the session (``bot.retry``, briefly for reminders: they are
kept in the database) and then handed back for a later attempt; a user who
blocked the bot (403) or a chat that is gone is marked inactive, their reminders paused, and never
tried again until they write.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
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
from bot.retry import durable_send

log = logging.getLogger(__name__)


class Outcome(Enum):
    SENT = "sent"
    BLOCKED = "blocked"  # 403 or chat gone: user deactivated
    RETRY = "retry"  # transient: try again later
    REJECTED = "rejected"  # Telegram refused this message itself: retrying will not help
    DEFERRED = "deferred"  # not attempted: the user's quiet hours (re-queued by the engine)
    COLLAPSED = "collapsed"  # not sent: another reminder told the same deadline that day


CHAT_MARGIN = 0.1  # seconds added to a paced message's wait
GROUP_INTERVAL = 3.0  # Telegram allows a group about 20 messages a minute


class Limiter:
    """One token bucket for the whole bot, a paced bucket per chat, and a bot-wide pause.

    Per chat it is GCRA (a virtual schedule): a request reserves the chat's next slot at once, so
    waiters of one chat go in order, and ``chat_burst`` quick messages pass before the pace of one
    per ``chat_interval`` applies (Telegram allows a short burst; a user's exchange stays snappy).
    The global tokens are handed out in arrival order (an asyncio.Lock is FIFO).
    """

    def __init__(
        self,
        per_second: float = 29.0,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        chat_burst: int = 3,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        group_interval: float = GROUP_INTERVAL,
    ) -> None:
        self.rate = per_second
        self.chat_interval = chat_interval
        self.group_interval = group_interval
        self.chat_burst = chat_burst
        self._clock, self._sleep = clock, sleep
        self._tokens = 1.0
        self._stamp = clock()
        self._chat_tat: dict[int | str, float] = {}  # chat -> theoretical arrival time
        self._global = asyncio.Lock()
        self.paused_until = 0.0
        self.answers_paused_until = 0.0

    @classmethod
    def unlimited(cls) -> Limiter:
        """For the local chat: nothing to pace, but a pause still holds."""
        return cls(per_second=1e9, chat_interval=0.0, group_interval=0.0)

    def pause(self, seconds: float, *, answers: bool = False) -> None:
        """Nothing goes out before ``seconds`` from now (a 429's retry_after). Answers to
        callback and inline queries are held only by a 429 on such an answer (``answers``):
        Telegram does not count them with messages, and they expire after 15 s."""
        until = self._clock() + seconds
        self.paused_until = max(self.paused_until, until)
        if answers:
            self.answers_paused_until = max(self.answers_paused_until, until)
        self._tokens = 0.0

    async def on_429(self, seconds: float, *, answers: bool = False) -> None:
        """A 429 with this ``retry_after`` (the gate calls it; shared by replicas in Redis)."""
        self.pause(seconds, answers=answers)

    async def wait_pause(self, *, answer: bool = False) -> None:
        """Wait while a 429 pause is on (requests Telegram does not count respect it too)."""
        while True:
            until = self.answers_paused_until if answer else self.paused_until
            wait = until - self._clock()
            if wait <= 0:
                return
            await self._sleep(wait)  # (a pause can grow meanwhile: check again)

    async def acquire(self, chat_id: int | str | None, burst: int | None = None) -> None:
        """Wait for this chat's slot, then for the pause to end and a global token.

        ``burst=1`` paces a message strictly (reminders), leaving the chat's burst to replies.
        """
        if chat_id is not None and (self.chat_interval > 0 or self.group_interval > 0):
            await self._chat_slot(chat_id, self.chat_burst if burst is None else burst)
        async with self._global:
            while True:
                await self.wait_pause()
                now = self._clock()
                self._tokens = min(1.0, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= 1.0 - 1e-9:  # (float error must not leave it short forever)
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return
                await self._sleep((1.0 - self._tokens) / self.rate)

    def chat_pace(self, chat_id: int | str, burst: int) -> tuple[float, int]:
        """(seconds between two messages, burst) for this chat."""
        # Groups and channels have negative ids (or an @name): about 20 messages a minute there.
        group = isinstance(chat_id, str) or chat_id < 0
        if not group:
            return self.chat_interval, burst
        # No burst: any minute of a group holds at most 20.
        return max(self.group_interval, self.chat_interval), 1

    async def _chat_slot(self, chat_id: int | str, burst: int) -> None:
        now = self._clock()
        interval, burst = self.chat_pace(chat_id, burst)
        tat = max(self._chat_tat.get(chat_id, now), now)
        at = tat - (burst - 1) * interval
        self._chat_tat[chat_id] = tat + interval
        if len(self._chat_tat) > 20_000:
            self._forget(now)
        if at > now:
            # A fixed margin (not a longer interval, which would drift behind Telegram's own
            # refill) absorbs the jitter between taking a slot and the request's arrival.
            await self._sleep(at - now + CHAT_MARGIN)

    def _forget(self, now: float) -> None:
        self._chat_tat = {chat: t for chat, t in self._chat_tat.items() if t > now}


class Notifier:
    def __init__(self, bot: Bot, db: Database, clock: Clock) -> None:
        self.bot, self.db, self.clock = bot, db, clock
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
                # The session's gate (bot.gate) paces it and holds it through a 429 pause.
                with durable_send():
                    return await self._send(user_id, chat_id, text, markup)
        finally:
            lock, users = self._chat_locks[chat_id]
            if users == 1:
                del self._chat_locks[chat_id]
            else:
                self._chat_locks[chat_id] = (lock, users - 1)

    async def send_group(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> Outcome:
        """Send to a group chat (paced as a group by the gate); BLOCKED when the bot was removed
        from it, which ends the link (no user is deactivated)."""
        try:
            with durable_send():
                await self.bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramForbiddenError:
            return Outcome.BLOCKED
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message.lower():
                return Outcome.BLOCKED
            log.warning("group message rejected by Telegram: %s", exc.message[:120])
            return Outcome.REJECTED
        except (TelegramRetryAfter, TelegramServerError, TelegramNetworkError) as exc:
            log.warning("group sending failed for now: %s", type(exc).__name__)
            return Outcome.RETRY
        return Outcome.SENT

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
        except (TelegramRetryAfter, TelegramServerError, TelegramNetworkError) as exc:
            log.warning("sending failed for now: %s", type(exc).__name__)
            return Outcome.RETRY
        return Outcome.SENT

    async def deactivate(self, user_id: int) -> None:
        log.info("a user blocked the bot or is gone: their reminders are paused")
        await users_repo.set_active(self.db, user_id, False, self.clock.now())
        await reminders_repo.pause_user(self.db, user_id)
