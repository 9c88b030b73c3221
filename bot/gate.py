"""The one outgoing gate: every Bot API request of the bot passes the limiter here.

A session middleware inside the retries, so each attempt is paced. Messages Telegram counts take
a global token and respect their chat's pace; everything else (callback and inline answers,
chat actions, ...) only waits while a 429 pause is on. A 429 pauses every request until its
``retry_after``. Long polling is never held: updates keep arriving during a pause.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import (
    CopyMessage,
    EditMessageCaption,
    EditMessageMedia,
    EditMessageReplyMarkup,
    EditMessageText,
    ForwardMessage,
    GetUpdates,
    SendAnimation,
    SendAudio,
    SendContact,
    SendDocument,
    SendLocation,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendPoll,
    SendSticker,
    SendVenue,
    SendVideo,
    SendVoice,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType

from bot.notify import Limiter
from bot.retry import is_durable

# What Telegram counts against the flood limits: messages and edits of messages.
COUNTED: tuple[type[TelegramMethod[Any]], ...] = (
    SendMessage,
    SendDocument,
    SendPhoto,
    SendAudio,
    SendVideo,
    SendVoice,
    SendAnimation,
    SendSticker,
    SendMediaGroup,
    SendLocation,
    SendVenue,
    SendContact,
    SendPoll,
    CopyMessage,
    ForwardMessage,
    EditMessageText,
    EditMessageReplyMarkup,
    EditMessageCaption,
    EditMessageMedia,
)


def counted_chat(method: TelegramMethod[Any]) -> tuple[bool, int | str | None]:
    """(counted by Telegram, its chat): an inline message's edit is counted but has no chat."""
    if not isinstance(method, COUNTED):
        return False, None
    chat = getattr(method, "chat_id", None)
    return True, chat if isinstance(chat, int | str) else None


class OutgoingGate(BaseRequestMiddleware):
    def __init__(self, limiter: Limiter) -> None:
        self.limiter = limiter

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        polling = isinstance(method, GetUpdates)
        if polling:
            return await make_request(bot, method)
        counted, chat = counted_chat(method)
        if counted:  # a reminder is paced strictly: the chat's burst is for the user's replies
            await self.limiter.acquire(chat, burst=1 if is_durable() else None)
        else:
            await self.limiter.wait_pause()
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            self.limiter.pause(exc.retry_after)
            raise
