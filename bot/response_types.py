"""Keep the Bot API response models alive for the life of the process.

aiogram validates every reply through ``Response[method.__returning__]``. Pydantic caches
parametrised generics in a weak dictionary, so once a garbage collection drops the class it is
built again (milliseconds instead of microseconds) on a hot path. Holding the classes of the
methods this bot calls keeps that cache warm.
"""

from __future__ import annotations

from typing import Any

from aiogram import methods
from aiogram.methods.base import Response

USED = (
    methods.AnswerCallbackQuery,
    methods.AnswerInlineQuery,
    methods.DeleteMessage,
    methods.DeleteWebhook,
    methods.EditMessageReplyMarkup,
    methods.EditMessageText,
    methods.GetMe,
    methods.GetUpdates,
    methods.SendChatAction,
    methods.SendDocument,
    methods.SendMessage,
    methods.SetMyCommands,
    methods.SetWebhook,
)
_KEPT: list[Any] = []


def keep_response_types() -> int:
    """Build and hold ``Response[...]`` for every method the bot uses; return how many."""
    if not _KEPT:
        _KEPT.extend(Response[method.__returning__] for method in USED)  # type: ignore[name-defined]
    return len(_KEPT)
