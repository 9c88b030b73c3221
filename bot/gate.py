"""The one outgoing gate: every Bot API request of the bot passes the limiter here.

A session middleware inside the retries, so each attempt is paced. Messages Telegram counts take
a global token and respect their chat's pace; everything else (chat actions, commands, ...) only
waits while a 429 pause is on. A 429 pauses every request until its ``retry_after``, except
answers to callback and inline queries (not counted, and expired after 15 s: a 429 on an answer
holds answers). Long polling is never held: updates keep arriving during a pause.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
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


# Answers to queries: not counted with messages, and useless after 15 s, so a 429 on a message
# does not hold them (the pressed button stops spinning while its reply waits out the pause).
ANSWERS = (AnswerCallbackQuery, AnswerInlineQuery)


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
        answer = isinstance(method, ANSWERS)
        if counted:  # a reminder is paced strictly: the chat's burst is for the user's replies
            await self.limiter.acquire(chat, burst=1 if is_durable() else None)
        else:
            await self.limiter.wait_pause(answer=answer)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            await self.limiter.on_429(exc.retry_after, answers=answer)
            raise
