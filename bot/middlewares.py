"""Outer middlewares: in-flight tracking, the user and their language, answering every callback."""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.fsm.context import FSMContext
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, Chat, TelegramObject, Update
from aiogram.types import User as TgUser

from bot.clock import Clock
from bot.db import Database
from bot.db import users as users_repo
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from bot.trouble import is_trouble

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class InFlight(BaseMiddleware):
    """Counts updates being handled so shutdown can let them finish, and remembers the last id."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Future[Any]] = set()
        self.last_update_id: int | None = None

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            return await handler(event, data)
        finally:
            if isinstance(event, Update):
                self.last_update_id = max(self.last_update_id or 0, event.update_id)
            if task is not None:
                self._tasks.discard(task)

    async def drain(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for in-flight updates; return how many were left."""
        current = asyncio.current_task()
        pending = [task for task in self._tasks if task is not current]
        if pending:
            _done, still = await asyncio.wait(pending, timeout=timeout)
            return len(still)
        return 0


class UserContext(BaseMiddleware):
    """Loads (or registers) the sender and gives handlers ``user`` and a translator ``t``."""

    def __init__(self, db: Database, clock: Clock, default_timezone: str) -> None:
        self.db = db
        self.clock = clock
        self.default_timezone = default_timezone

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        sender: TgUser | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if sender is None or sender.is_bot:
            return await handler(event, data)
        chat_id = chat.id if chat is not None and chat.type == "private" else None
        user = await users_repo.get(self.db, sender.id)
        if user is None or not user.is_active or (chat_id is not None and chat_id != user.chat_id):
            was_inactive = user is not None and not user.is_active
            user = await users_repo.seen(
                self.db,
                sender.id,
                chat_id if chat_id is not None else (user.chat_id if user else sender.id),
                sender.language_code,
                self.default_timezone,
                self.clock.now(),
            )
            if was_inactive:  # they write again: their paused reminders resume
                await reminders_repo.resume_user(self.db, user.id)
        data["user"] = user
        data["t"] = Translator(user.lang)
        return await handler(event, data)


_pending_callback: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "pending_callback", default=None
)


class AnswerEveryCallback(BaseMiddleware):
    """After the handler, answers the callback query if nobody did (so no button spins forever).

    Unlike aiogram's CallbackAnswerMiddleware it watches the real outgoing requests
    (``CallbackAnswerWatcher``), so a handler that answers by itself is never answered twice.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        box = [event.id]
        token = _pending_callback.set(box)
        try:
            return await handler(event, data)
        except Exception as exc:
            # The handler failed: the one answer is the error alert, in the user's language
            # (``on_error`` then only logs; answering again would fail and hide the alert).
            t: Translator | None = data.get("t")
            if t is not None and not is_trouble(exc):
                if box:
                    await _answer(data["bot"], box, t("error-generic"))
                else:  # the handler had answered the button already: say it in the chat
                    await _tell(data["bot"], event, t("error-generic"))
                mark_reported(exc)
            raise
        finally:
            _pending_callback.reset(token)
            await _answer(data["bot"], box)


async def _tell(bot: Bot, query: CallbackQuery, text: str) -> None:
    try:
        await bot.send_message(query.from_user.id, text)
    except Exception as exc:  # the chat may be gone; the error is logged by on_error
        log.info("could not tell the user about an error: %s", type(exc).__name__)


def mark_reported(exc: BaseException) -> None:
    """Note that the user was already told about ``exc`` (see ``reported``)."""
    exc.permitbot_reported = True  # type: ignore[attr-defined]


def reported(exc: BaseException) -> bool:
    return bool(getattr(exc, "permitbot_reported", False))


class ResetOnError(BaseMiddleware):
    """Outer update middleware: a failed handler leaves no conversation state behind.

    The step that failed may have written half of its state (or raced with nothing, but left a
    state its data does not match); the next message must work, so the conversation is reset
    (the user is told to start again by the error reply).
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        except Exception as failure:
            state: FSMContext | None = data.get("state")
            if state is not None and not is_trouble(failure):  # a kept reply: the flow goes on
                try:
                    await state.clear()
                except Exception as exc:  # the database failed too; on_error still reports
                    log.warning("could not reset the conversation: %s", type(exc).__name__)
            raise


async def answer_pending_callback(bot: Bot) -> None:
    """Answer this update's callback query now if nobody has (a reply is about to wait out a
    429 or an outage, and the user's button should not spin meanwhile)."""
    box = _pending_callback.get()
    if box:
        await _answer(bot, box)


async def _answer(bot: Bot, box: list[str], alert: str | None = None) -> None:
    """Answer the query in ``box`` unless it was answered (``CallbackAnswerWatcher`` empties it).

    Its own retries never answer it again: the watcher emptied the box on the first attempt.
    """
    if not box:
        return
    try:
        await bot(
            AnswerCallbackQuery(callback_query_id=box[0], text=alert, show_alert=alert is not None)
        )
    except Exception:  # the query may be too old; nothing more to do
        log.info("could not answer callback query")


class CallbackAnswerWatcher(BaseRequestMiddleware):
    """Session middleware: marks the current callback query as answered when it is."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        box = _pending_callback.get()
        if box and isinstance(method, AnswerCallbackQuery) and method.callback_query_id in box:
            box.clear()
        return await make_request(bot, method)
