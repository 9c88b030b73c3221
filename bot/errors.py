"""The last line of defence: an unhandled error becomes a friendly reply and one log line."""

from __future__ import annotations

import logging

from aiogram.types import ErrorEvent
from aiogram.types import User as TgUser

from bot.db import Database
from bot.db import users as users_repo
from bot.i18n import Translator
from bot.middlewares import reported
from bot.trouble import ReplyKept, is_trouble
from knowledge.l10n import normalize_lang

log = logging.getLogger(__name__)


async def on_error(
    event: ErrorEvent, event_from_user: TgUser | None = None, db: Database | None = None
) -> bool:
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
    if is_trouble(event.exception) or reported(event.exception):
        # Blocked, Telegram's flood or outage (no "something went wrong" for it), or the user
        # already has the alert (AnswerEveryCallback).
        return True
    translator = await _translator(event_from_user, db)
    update = event.update
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(translator("error-generic"), show_alert=True)
        elif update.message is not None:
            await update.message.answer(translator("error-generic"))
    except Exception as exc:  # replying failed too; the log line above is all we can do
        log.warning("could not report error to user: %s", type(exc).__name__)
    return True


async def _translator(sender: TgUser | None, db: Database | None) -> Translator:
    """The sender's language: the one they chose, else their Telegram app's (this runs outside
    the middleware that gives handlers ``t``; the database may be what failed)."""
    if sender is None:
        return Translator("en")
    if db is not None:
        try:
            user = await users_repo.get(db, sender.id)
        except Exception:
            user = None
        if user is not None:
            return Translator(user.lang)
    return Translator(normalize_lang(sender.language_code or ""))
