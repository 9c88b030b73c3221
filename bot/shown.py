"""What each bot message shows now, so an edit that would change nothing is never requested.

Telegram refuses such an edit ("message is not modified"): a double tap of a menu button would
make one failed request per tap. ``ShownMessages`` (a session middleware) remembers the text,
formatting and keyboard of every message the bot sent or edited (the newest state, even when a
second tap carries the message as it was before the first tap's edit); ``unchanged`` compares a
new HTML text and keyboard with that, or with the message of the callback query after a restart.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import EditMessageReplyMarkup, EditMessageText, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity
from pydantic import BaseModel

MEMORY = 20_000  # messages remembered (LRU); older ones are compared with the query's message
_KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
Entity = tuple[str, int, int, str | None]  # type, offset and length in UTF-16 units, url
Content = tuple[str, frozenset[Entity], str]  # text, entities, keyboard (``_keyboard``)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Plain(HTMLParser):
    """Telegram's HTML parse mode reduced to what decides equality: visible text + entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[tuple[str, int, str | None]] = []
        self.entities: set[Entity] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append((tag, _utf16(self.text), dict(attrs).get("href")))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            _name, start, url = self.open.pop()
            length = _utf16(self.text) - start
            if tag in _KINDS and length:
                self.entities.add((_KINDS[tag], start, length, url))

    def handle_data(self, data: str) -> None:
        self.text += data


@lru_cache(maxsize=4_096)  # a pure function; menus and cards are compared again and again
def from_html(text: str) -> tuple[str, frozenset[Entity]]:
    """The visible text and formatting Telegram makes of ``text`` in HTML parse mode."""
    parser = _Plain()
    parser.feed(text)
    parser.close()
    plain = parser.text
    # Telegram trims the text: offsets shift and entities are cut to what is left.
    lead = _utf16(plain) - _utf16(plain.lstrip())
    end = _utf16(plain.strip())
    entities = set()
    for kind, offset, length, url in parser.entities:
        start, stop = max(offset - lead, 0), min(offset + length - lead, end)
        if stop > start:
            entities.add((kind, start, stop - start, url))
    return plain.strip(), frozenset(entities)


_FORMATS = frozenset(_KINDS.values())


def of_message(message: Message, *, with_keyboard: bool = True) -> Content:
    """What ``message`` shows (formatting entities only: Telegram adds links, mentions...)."""
    entities = frozenset(
        (e.type, e.offset, e.length, e.url) for e in message.entities or () if e.type in _FORMATS
    )
    keyboard = _keyboard(message.reply_markup) if with_keyboard else ""
    return (message.text or "").strip(), entities, keyboard


KEYBOARD_MEMORY = 20_000  # keyboards and buttons whose key is remembered by identity
_keys: dict[int, tuple[object, str]] = {}


def _keyboard(markup: InlineKeyboardMarkup | None) -> str:
    """The keyboard as a canonical string of its plain data (a parsed keyboard carries its bot,
    a new one does not, so the models differ). Menus and buttons are cached objects sent again
    and again: their keys are remembered by identity (an entry holds its object, so the id stays
    its own)."""
    if markup is None:
        return ""
    return _remembered(
        markup, lambda: repr([[_button(b) for b in row] for row in markup.inline_keyboard])
    )


def _button(button: InlineKeyboardButton) -> str:
    """A button's set fields, in their declared order; a nested object as canonical JSON."""
    return _remembered(
        button,
        lambda: repr(
            tuple(
                (name, value if isinstance(value, str | int) else _plain(value))
                for name, value in button.__dict__.items()
                if value is not None
            )
        ),
    )


def _remembered(item: object, make: Callable[[], str]) -> str:
    known = _keys.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    key = make()
    if len(_keys) >= KEYBOARD_MEMORY:
        _keys.clear()
    _keys[id(item)] = (item, key)
    return key


def _plain(value: object) -> str:
    data = value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value
    return json.dumps(data, sort_keys=True, default=str)


def entities_of(text: str) -> tuple[str, list[MessageEntity]]:
    """``from_html`` as Telegram returns it in a message (for the local session)."""
    plain, entities = from_html(text)
    return plain, [
        MessageEntity(type=kind, offset=offset, length=length, url=url)
        for kind, offset, length, url in sorted(entities, key=lambda e: (e[1], -e[2]))
    ]


class ShownMessages(BaseRequestMiddleware):
    """Remembers the content of each message as the bot last sent or edited it."""

    def __init__(self, size: int = MEMORY) -> None:
        self.size = size
        # A digest per message, not its text: 20,000 messages cost about 2 MB, not 100.
        self._shown: OrderedDict[tuple[int, int], bytes] = OrderedDict()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        result = await make_request(bot, method)
        edits = SendMessage | EditMessageText | EditMessageReplyMarkup
        if isinstance(method, edits) and isinstance(result, Message):
            self._remember(result, method.reply_markup)
        return result

    def _remember(self, message: Message, sent: object) -> None:
        """The text and formatting as Telegram returned them; the keyboard as sent (Telegram
        keeps an inline keyboard as given, and ours are often the same cached object)."""
        key = (message.chat.id, message.message_id)
        text, entities, _ = of_message(message, with_keyboard=False)
        markup = sent if isinstance(sent, InlineKeyboardMarkup) else None
        self._shown[key] = digest((text, entities, _keyboard(markup)))
        self._shown.move_to_end(key)
        if len(self._shown) > self.size:
            self._shown.popitem(last=False)

    def get(self, message: Message) -> bytes:
        """The newest known content of ``message`` (a digest): remembered, else as the query
        carried it."""
        remembered = self._shown.get((message.chat.id, message.message_id))
        return remembered or digest(of_message(message))


def digest(content: Content) -> bytes:
    text, entities, keyboard = content
    blob = "\x00".join((text, repr(sorted(entities, key=repr)), str(keyboard)))
    return hashlib.blake2b(blob.encode(), digest_size=16).digest()


def unchanged(
    message: Message, text: str, markup: InlineKeyboardMarkup | None, shown: ShownMessages | None
) -> bool:
    """True when editing ``message`` to ``text`` (HTML) and ``markup`` would change nothing."""
    plain, entities = from_html(text)
    current = shown.get(message) if shown is not None else digest(of_message(message))
    return current == digest((plain, entities, _keyboard(markup)))


def shown_for(bot: Bot | None) -> ShownMessages | None:
    """The bot's ``ShownMessages`` middleware, if it has one."""
    if bot is None:
        return None
    for middleware in bot.session.middleware:
        if isinstance(middleware, ShownMessages):
            return middleware
    return None
