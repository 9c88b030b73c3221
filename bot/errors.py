"""The last line of defence: an unhandled error becomes a friendly reply and one log line."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import ErrorEvent

from bot.i18n import Translator

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, t: Translator | None = None) -> bool:
    # Log the type and update id only: the exception text may quote what the user typed.
    log.error(
        "unhandled %s in update %s",
        type(event.exception).__name__,
        event.update.update_id,
        exc_info=(type(event.exception), event.exception, event.exception.__traceback__)
        if log.isEnabledFor(logging.DEBUG)
        else None,
    )
    if isinstance(event.exception, TelegramForbiddenError):
        return True  # the user blocked the bot: nobody to tell
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
