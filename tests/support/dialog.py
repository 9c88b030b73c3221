"""Drive the real Dispatcher like a user: ``await d.send("/start")``, ``await d.click("Help")``."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from aiogram.methods import AnswerInlineQuery, EditMessageText, SendMessage
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    InlineQuery,
    Message,
    MessageEntity,
    PhotoSize,
    Sticker,
    Update,
    User,
)

from bot.app import App
from bot.local_session import LocalSession, SentMessage
from tests.support import budget
from tests.support.telegram_html import EntityError, parse_html

_update_ids: Iterator[int] = itertools.count(1)
_message_ids: Iterator[int] = itertools.count(5_000_000)


class Dialog:
    def __init__(self, app: App, session: LocalSession, user_id: int, lang: str = "en") -> None:
        self.app, self.session = app, session
        self.user = User(id=user_id, is_bot=False, first_name="Test", language_code=lang)
        self.chat = Chat(id=user_id, type="private")
        self._mark = 0
        budget.watch(session)  # every message this user's updates produce is on a phone budget

    @property
    def now(self) -> dt.datetime:
        return self.app.clock.now()

    async def feed(self, update: Update) -> None:
        self._mark = len(self.session.requests)
        pressed = update.callback_query.data if update.callback_query else None
        token = budget.CAUSE.set(pressed)
        try:
            await self.app.dp.feed_update(self.app.bot, update)
        finally:
            budget.CAUSE.reset(token)

    async def send(self, text: str) -> int:
        """Type ``text``; returns the message id (to edit it later)."""
        message = Message(
            message_id=next(_message_ids),
            date=self.now,
            chat=self.chat,
            from_user=self.user,
            text=text,
        )
        await self.feed(Update(update_id=next(_update_ids), message=message))
        return message.message_id

    async def send_media(self, kind: str) -> None:
        """Send a ``photo``, ``sticker`` or ``document`` (no text)."""
        media: dict[str, object] = {
            "photo": [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)],
            "sticker": Sticker(
                file_id="s",
                file_unique_id="s",
                type="regular",
                width=1,
                height=1,
                is_animated=False,
                is_video=False,
            ),
            "document": Document(file_id="d", file_unique_id="d"),
        }
        message = Message.model_validate(
            {
                "message_id": next(_message_ids),
                "date": self.now,
                "chat": self.chat,
                "from": self.user,
                kind: media[kind],
            }
        )
        await self.feed(Update(update_id=next(_update_ids), message=message))

    async def send_document(self, name: str, data: bytes, size: int | None = None) -> None:
        """Send a file (a CSV or XLSX to /import); the bot can fetch it with getFile.
        ``size``: the size the update announces (default: the real one)."""
        file_id = f"doc{next(_message_ids)}"
        self.session.files[file_id] = data
        document = Document(
            file_id=file_id,
            file_unique_id=f"u{file_id}",
            file_name=name,
            file_size=len(data) if size is None else size,
        )
        message = Message(
            message_id=next(_message_ids),
            date=self.now,
            chat=self.chat,
            from_user=self.user,
            document=document,
        )
        await self.feed(Update(update_id=next(_update_ids), message=message))

    async def edit(self, message_id: int, text: str) -> None:
        """Edit a message sent earlier (an ``edited_message`` update)."""
        message = Message(
            message_id=message_id,
            date=self.now,
            edit_date=int(self.now.timestamp()),
            chat=self.chat,
            from_user=self.user,
            text=text,
        )
        await self.feed(Update(update_id=next(_update_ids), edited_message=message))

    async def inline(self, query: str) -> AnswerInlineQuery:
        """Type ``@bot query`` in any chat; returns the bot's answer."""
        inline = InlineQuery(
            id=f"iq{next(_update_ids)}", from_user=self.user, query=query, offset=""
        )
        await self.feed(Update(update_id=next(_update_ids), inline_query=inline))
        answers = [m for m in self.session.requests if isinstance(m, AnswerInlineQuery)]
        assert answers and answers[-1].inline_query_id == inline.id, "inline query not answered"
        return answers[-1]

    async def click(self, label: str) -> None:
        """Press the button whose label contains ``label`` on the newest message that has one."""
        for sent in reversed(self.session.chat(self.chat.id)):
            for text, data in sent.buttons():
                if label in text:
                    await self.click_data(data, sent)
                    return
        raise AssertionError(f"no button {label!r}; buttons now: {self.buttons()}")

    async def click_data(self, data: str, sent: SentMessage | None = None) -> str:
        """Send a callback query with any data (forged ones too); assert it was answered."""
        sent = sent or self.last_message()
        query_id = f"q{next(_update_ids)}"
        text, entities = _as_telegram(sent.text)
        message = Message(
            message_id=sent.message_id,
            date=self.now,
            chat=self.chat,
            text=text or "…",
            entities=entities or None,
            reply_markup=sent.markup,
        )
        query = CallbackQuery(
            id=query_id, from_user=self.user, chat_instance="ci", message=message, data=data
        )
        await self.feed(Update(update_id=next(_update_ids), callback_query=query))
        assert query_id in self.session.answered_callbacks, f"callback {data!r} was not answered"
        return query_id

    def callback_text(self, query_id: str) -> str | None:
        return self.session.answered_callbacks[query_id].text

    def last_message(self) -> SentMessage:
        chat = self.session.chat(self.chat.id)
        assert chat, "the bot has sent nothing to this chat"
        return chat[-1]

    def replies(self) -> list[str]:
        """Texts the bot sent or edited into this chat in answer to the last update."""
        texts = []
        for method in self.session.requests[self._mark :]:
            if isinstance(method, SendMessage | EditMessageText) and method.chat_id == self.chat.id:
                texts.append(method.text or "")
        return texts

    @property
    def text(self) -> str:
        """The last text the bot sent or edited in answer to the last update."""
        replies = self.replies()
        assert replies, "the bot did not reply"
        return replies[-1]

    def buttons(self) -> list[str]:
        chat = self.session.chat(self.chat.id)
        return [label for label, _data in chat[-1].buttons()] if chat else []


def _as_telegram(source: str) -> tuple[str, list[MessageEntity]]:
    """A message's text as a callback query carries it: visible text and entities."""
    try:
        text, entities = parse_html(source)
    except EntityError:
        return source, []
    return text, [MessageEntity.model_validate(entity) for entity in entities]
