"""Failures that are Telegram's trouble, not the user's: no "something went wrong" for them.

A flood wait, an outage or a blocked user would make an error reply fail the same way, and a
reply kept for later (``ReplyKept``) is not an error at all: the conversation also goes on.
"""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)


class ReplyKept(Exception):
    """The reply was kept for a later attempt; the handler stops, the user is not told off."""


TELEGRAM_TROUBLE = (
    ReplyKept,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramNetworkError,
)


def is_trouble(exc: BaseException) -> bool:
    return isinstance(exc, TELEGRAM_TROUBLE)
