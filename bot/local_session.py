"""A Bot API session that answers locally instead of calling Telegram.

Used by the terminal chat (no token) and by tests: it records every request and returns what
Telegram would, keeping the chat's messages so edits apply to them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetChatMember,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    Chat,
    ChatMemberMember,
    ChatMemberOwner,
    File,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    User,
)

from bot.shown import entities_of

LOCAL_BOT = User(id=1000000, is_bot=True, first_name="PermitBot", username="permitbot_local")


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    markup: InlineKeyboardMarkup | None = None
    document: tuple[str, bytes] | None = None
    history: list[str] = field(default_factory=list)

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or url) for every inline button, row by row."""
        if self.markup is None:
            return []
        return [
            (button.text, button.callback_data or button.url or button.switch_inline_query or "")
            for row in self.markup.inline_keyboard
            for button in row
        ]


class LocalSession(BaseSession):
    def __init__(self, on_output: Callable[[TelegramMethod[Any], Any], None] | None = None) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.messages: dict[tuple[int, int], SentMessage] = {}
        self._by_chat: dict[int, dict[int, SentMessage]] = {}  # the same, by chat (for ``chat``)
        self.answered_callbacks: dict[str, AnswerCallbackQuery] = {}
        # Every Bot API error this session raised, as (method, description): tests assert none.
        self.api_errors: list[tuple[str, str]] = []
        self._ids = itertools.count(1)
        self._on_output = on_output
        # Group administrators by chat, for getChatMember (everyone else is a plain member).
        self.group_admins: dict[int, set[int]] = {}
        # Documents users sent, by file id, for getFile and the download (tests put them here).
        self.files: dict[str, bytes] = {}

    async def close(self) -> None:
        """Nothing to close: no network."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield self.files.get(url.rsplit("/", 1)[-1], b"")

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        await asyncio.sleep(0)  # a real request yields: let concurrent updates interleave here
        try:
            result = self._answer(method)
        except TelegramAPIError as exc:
            self.api_errors.append((type(method).__name__, exc.message))
            raise
        if self._on_output is not None:
            self._on_output(method, result)
        return cast(TelegramType, result)

    def _answer(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return LOCAL_BOT
        if isinstance(method, SendMessage):
            return self._store(int(method.chat_id), method.text, _markup(method.reply_markup))
        if isinstance(method, SendDocument):
            name, data = _document(method.document)
            markup = _markup(method.reply_markup)
            return self._store(int(method.chat_id), method.caption or "", markup, (name, data))
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            return self._edit(method)
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self.answered_callbacks:
                raise TelegramBadRequest(method, "query is too old or query ID is invalid")
            self.answered_callbacks[method.callback_query_id] = method
            return True
        if isinstance(method, GetChatMember):
            user = User(id=method.user_id, is_bot=False, first_name="member")
            if method.user_id in self.group_admins.get(int(method.chat_id), set()):
                return ChatMemberOwner(user=user, is_anonymous=False)  # an administrator
            return ChatMemberMember(user=user)
        if isinstance(method, GetFile):
            if method.file_id not in self.files:
                raise TelegramBadRequest(method, "invalid file_id")
            size = len(self.files[method.file_id])
            return File(
                file_id=method.file_id,
                file_unique_id=f"u{method.file_id}",
                file_size=size,
                file_path=f"documents/{method.file_id}",
            )
        if isinstance(method, DeleteMessage):
            self.messages.pop((int(method.chat_id), method.message_id), None)
            self._by_chat.get(int(method.chat_id), {}).pop(method.message_id, None)
            return True
        return True

    def _store(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        document: tuple[str, bytes] | None = None,
    ) -> Message:
        sent = SentMessage(chat_id, next(self._ids), text, markup, document)
        self.messages[(chat_id, sent.message_id)] = sent
        self._by_chat.setdefault(chat_id, {})[sent.message_id] = sent
        return _message(sent)

    def _edit(self, method: EditMessageText | EditMessageReplyMarkup) -> Message | bool:
        if method.chat_id is None or method.message_id is None:
            return True  # inline message: nothing kept locally
        sent = self.messages.get((int(method.chat_id), method.message_id))
        if sent is None:
            raise TelegramBadRequest(method, "message to edit not found")
        text = (method.text or "") if isinstance(method, EditMessageText) else sent.text
        markup = _markup(method.reply_markup)
        if text == sent.text and markup == sent.markup:
            raise TelegramBadRequest(method, "message is not modified")
        sent.history.append(sent.text)
        sent.text, sent.markup = text, markup
        return _message(sent)

    def chat(self, chat_id: int) -> list[SentMessage]:
        """The chat's messages in the order sent (ids only grow, and a dict keeps that order)."""
        return list(self._by_chat.get(chat_id, {}).values())


def _markup(markup: object) -> InlineKeyboardMarkup | None:
    return markup if isinstance(markup, InlineKeyboardMarkup) else None


def _document(document: object) -> tuple[str, bytes]:
    data = getattr(document, "data", b"")
    return str(getattr(document, "filename", None) or "file"), bytes(data)


@lru_cache(maxsize=4_096)  # the same texts come back again and again (menus, help, cards)
def _parsed(text: str) -> tuple[str, tuple[MessageEntity, ...]]:
    plain, entities = entities_of(text)  # as Telegram returns it: visible text + entities
    return plain, tuple(entities)  # aiogram's types are frozen: one entity can be shared


def _message(sent: SentMessage) -> Message:
    text, entities = _parsed(sent.text)
    return Message(
        message_id=sent.message_id,
        date=dt.datetime.now(dt.UTC),
        chat=Chat(id=sent.chat_id, type="private"),
        from_user=LOCAL_BOT,
        text=text or None,
        entities=list(entities) or None,
        reply_markup=sent.markup,
    )
