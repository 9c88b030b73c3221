"""A button's callback data reaches its router in one check per router.

Without this, a button press is checked against every callback handler of every router before
the right one (issue 16 counted ~45 filter checks an update). Each router whose callback handlers
all filter on a ``CallbackData`` class gets a router-wide filter on those classes' prefixes, so a
press with another prefix skips the router, its sub-routers and their handlers at once. A router
with any handler that takes other callback data (the fallback) keeps no such filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiogram import Router
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject


def _handler_prefix(filters: Iterable[object]) -> str | None:
    """``prefix:`` of the handler's CallbackData filter; None when it has none."""
    for item in filters:
        callback = getattr(item, "callback", None)
        if isinstance(callback, CallbackQueryFilter):
            data = callback.callback_data
            return f"{data.__prefix__}{data.__separator__}"
    return None


def callback_prefixes(router: Router) -> set[str] | None:
    """The prefixes that reach a callback handler of ``router`` or its sub-routers; None when
    some handler takes any data."""
    found: set[str] = set()
    for handler in router.callback_query.handlers:
        prefix = _handler_prefix(handler.filters or ())
        if prefix is None:
            return None
        found.add(prefix)
    for child in router.sub_routers:
        below = callback_prefixes(child)
        if below is None:
            return None
        found |= below
    return found


class PrefixFilter(Filter):
    """Passes a callback query whose data starts with one of ``prefixes``. (A ``Filter``: aiogram
    awaits it in place; a plain callable object would be run in a worker thread.)"""

    def __init__(self, prefixes: Iterable[str]) -> None:
        self.prefixes = tuple(sorted(prefixes))

    async def __call__(self, query: CallbackQuery) -> bool:
        return (query.data or "").startswith(self.prefixes)


class ChatTypeFilter(Filter):
    """Passes an event whose own chat is of one of ``chat_types`` (as ``F.chat.type.in_``, but
    readable: ``bot.routing`` skips the router for an update from another kind of chat)."""

    def __init__(self, chat_types: Iterable[str]) -> None:
        self.chat_types = frozenset(getattr(c, "value", c) for c in chat_types)  # (enums: values)

    async def __call__(self, event: TelegramObject) -> bool:
        chat = getattr(event, "chat", None)
        return isinstance(chat, Chat) and chat.type in self.chat_types


class PlainText(Filter):
    """Passes a message with text that is not a command (``F.text, ~F.text.startswith("/")``,
    but readable: ``bot.routing`` skips the router for a command)."""

    plain_text = True

    async def __call__(self, message: Message) -> bool:
        return bool(message.text) and not (message.text or "").startswith("/")


def route_callbacks_by_prefix(routers: Iterable[Router]) -> int:
    """Give each router whose callback data is all typed a prefix filter; return how many."""
    changed = 0
    for router in routers:
        prefixes = callback_prefixes(router)
        if prefixes is not None:
            router.callback_query.filter(PrefixFilter(prefixes))
            changed += 1
    return changed
