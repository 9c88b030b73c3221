"""Replies that could not be sent are kept and sent later, never replaced by an error.

``KeepReplies`` is the outermost session middleware. When a reply (a message or an edit of one)
still fails after the retry budget with a 429, a 5xx or a network error, it is written to the
``reply_outbox`` table and the handler gets ``ReplyKept`` (the error handler stays silent). While
a chat has kept replies, its new replies join the queue behind them, so they arrive in order. A
tick drains the table through the same gate and retries; each row is deleted once sent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import EditMessageReplyMarkup, EditMessageText, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.db import Database
from bot.retry import durable_send, is_durable
from bot.trouble import ReplyKept

log = logging.getLogger(__name__)
KEPT: dict[str, type[TelegramMethod[Any]]] = {
    cls.__api_method__: cls for cls in (SendMessage, EditMessageText, EditMessageReplyMarkup)
}
TRANSIENT = (TelegramRetryAfter, TelegramServerError, TelegramNetworkError)
MAX_DELAY = 60  # seconds between two tries of a kept reply


def _chat(method: TelegramMethod[Any]) -> int | None:
    if method.__api_method__ not in KEPT:
        return None
    chat = getattr(method, "chat_id", None)
    return chat if isinstance(chat, int) else None


def _payload(method: TelegramMethod[Any]) -> str:
    defaults = {name for name, value in method if isinstance(value, Default)}
    return method.model_dump_json(exclude=defaults, exclude_none=True)


class ReplyOutbox:
    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db, self._clock = db, clock
        self._chats: set[int] = set()  # chats with kept replies
        self._lock = asyncio.Lock()
        self._stopped = False

    async def load(self) -> None:
        rows = await self.db.fetchall("SELECT DISTINCT chat_id FROM reply_outbox")
        self._chats = {row["chat_id"] for row in rows}

    def holds(self, chat_id: int) -> bool:
        return chat_id in self._chats

    async def keep(self, chat_id: int, method: TelegramMethod[Any], delay: float = 0.0) -> None:
        now = int(self._clock())
        await self.db.insert(
            "INSERT INTO reply_outbox (chat_id, method, payload, next_at, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (chat_id, method.__api_method__, _payload(method), now + int(delay), now),
        )
        self._chats.add(chat_id)
        log.warning("a reply could not be sent now: kept for later")

    async def drain(self, bot: Bot) -> int:
        """Send what is due, oldest first; a chat stops at its first failure. Returns sent."""
        async with self._lock, self.db.exclusive("reply-outbox") as ours:
            await self.load()  # (also finds a chat a keep during the last drain may have hidden)
            if not ours:  # another replica is draining the kept replies (PostgreSQL)
                return 0
            sent = 0
            for chat_id in sorted(self._chats):
                if self._stopped:
                    break
                sent += await self._drain_chat(bot, chat_id)
            return sent

    async def stop(self) -> None:
        """Let a send in progress finish and be recorded (a cancelled one would repeat)."""
        self._stopped = True
        async with self._lock:
            pass

    async def _drain_chat(self, bot: Bot, chat_id: int) -> int:
        rows = await self.db.fetchall(
            "SELECT id, method, payload, attempts, next_at FROM reply_outbox"
            " WHERE chat_id = ? ORDER BY id",
            (chat_id,),
        )
        if not rows:
            self._chats.discard(chat_id)
            return 0
        if rows[0]["next_at"] > self._clock():
            return 0
        sent = 0
        for row in rows:
            if self._stopped:
                return sent
            method = KEPT[row["method"]].model_validate_json(row["payload"])
            try:
                with durable_send():
                    await bot(method)
                sent += 1
            except TRANSIENT as exc:
                delay = _delay(exc, row["attempts"] + 1)
                await self.db.execute(
                    "UPDATE reply_outbox SET attempts = attempts + 1, next_at = ? WHERE id = ?",
                    (int(self._clock() + delay), row["id"]),
                )
                return sent
            except TelegramAPIError as exc:  # refused (blocked, message gone): cannot succeed
                log.info("a kept reply was refused: %s", type(exc).__name__)
            except Exception as exc:  # a row that cannot be sent must not block its chat forever
                log.error("a kept reply could not be replayed: %s", type(exc).__name__)
            await self.db.execute("DELETE FROM reply_outbox WHERE id = ?", (row["id"],))
        left = await self.db.fetchone("SELECT 1 FROM reply_outbox WHERE chat_id = ?", (chat_id,))
        if left is None:  # (a reply kept meanwhile waits for the next tick)
            self._chats.discard(chat_id)
        return sent


def _delay(exc: Exception, attempts: int) -> float:
    if isinstance(exc, TelegramRetryAfter):
        return float(exc.retry_after)
    return float(min(MAX_DELAY, 2**attempts))


class KeepReplies(BaseRequestMiddleware):
    """Outermost session middleware: a reply that cannot be sent now is kept, in order per chat."""

    def __init__(self, outbox: ReplyOutbox) -> None:
        self.outbox = outbox

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        chat = _chat(method)
        if chat is None or is_durable():  # not a reply, or the outbox itself sending
            return await make_request(bot, method)
        if self.outbox.holds(chat):  # earlier replies are waiting: this one goes after them
            await self.outbox.keep(chat, method)
            raise ReplyKept
        try:
            return await make_request(bot, method)
        except TRANSIENT as exc:
            delay = exc.retry_after if isinstance(exc, TelegramRetryAfter) else 0
            await self.outbox.keep(chat, method, delay)
            raise ReplyKept from exc
