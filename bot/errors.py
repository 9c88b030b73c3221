"""The last line of defence: an unhandled error becomes a friendly reply and one log line."""

from __future__ import annotations

import logging

from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import ErrorEvent

from bot.i18n import Translator
from bot.outbox import ReplyKept

# Telegram's trouble, not the user's: an error reply would only be refused or lost the same way.
SILENT = (
    ReplyKept,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramNetworkError,
)

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, t: Translator | None = None) -> bool:
    if isinstance(event.exception, ReplyKept):
        log.info("update %s: its reply was kept for later", event.update.update_id)
        return True
    # Log the type and update id only: the exception text may quote what the user typed.
    log.error(
        "unhandled %s in update %s",
        type(event.exception).__name__,
        event.update.update_id,
        exc_info=(type(event.exception), event.exception, event.exception.__traceback__)
        if log.isEnabledFor(logging.DEBUG)
        else None,
    )
    if isinstance(event.exception, SILENT):
        return True  # blocked, or Telegram's flood/outage: no "something went wrong" for it
    translator = t or Translator("en")
    update = event.update
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(translator("error-generic"), show_alert=True)
        elif update.message is not None:
            await update.message.answer(translator("error-generic"))
    except Exception as exc:  # replying failed too; the log line above is all we can do
        log.warning("could not report error to user: %s", type(exc).__name__)
    return True
