"""Replies through Telegram's trouble: retried, or kept and sent later; never an error reply."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage
from aiogram.types import ErrorEvent, Update

from bot.app import App, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.db import users
from bot.errors import on_error
from bot.i18n import Translator
from bot.local_session import LocalSession
from tests.bot.test_engine import FlakySession
from tests.conftest import DEFAULT_NOW
from tests.support.dialog import Dialog

ERROR = Translator("en")("error-generic")
USER = 1001


def flood(retry_after: int = 1) -> TelegramRetryAfter:
    method: Any = SendMessage(chat_id=USER, text="x")
    return TelegramRetryAfter(method, "Too Many Requests: retry after 1", retry_after=retry_after)


def outage() -> TelegramServerError:
    return TelegramServerError(SendMessage(chat_id=USER, text="x"), "Bad Gateway")


AppWith = Callable[..., Any]


@pytest.fixture
async def app_with(tmp_path: Path) -> AsyncIterator[AppWith]:
    apps: list[App] = []

    async def make(**settings: Any) -> tuple[App, FlakySession, Dialog]:
        config = Settings(_env_file=None, data_dir=tmp_path, bot_token=None, **settings)
        session = FlakySession()
        app = await create_app(config, session=session, clock=FrozenClock(DEFAULT_NOW))
        apps.append(app)
        return app, session, Dialog(app, session, USER)

    yield make
    for app in apps:
        await app.db.close()


async def test_a_reply_refused_with_429_then_accepted_is_delivered_once(app_with: AppWith) -> None:
    app, session, user = await app_with()
    session.errors[USER] = [flood()]
    await user.send("/help")
    texts = session.texts(USER)
    assert len(texts) == 1 and "/language" in texts[0], texts
    assert len(session.attempts) == 2, "refused once, then sent once"
    assert app.limiter.paused_until > 0, "the 429 paused the whole bot"


async def test_a_reply_that_outlives_its_retries_is_kept_then_sent_in_order(
    app_with: AppWith,
) -> None:
    app, session, user = await app_with(reply_retry_seconds=0)  # no retries: kept at once
    session.errors[USER] = [outage()]
    await user.send("/help")
    await user.send("/start")  # comes after a kept reply: joins the queue behind it
    assert session.texts(USER) == [], "nothing sent yet, and no error reply"
    assert len(session.attempts) == 1, "the second reply did not jump the queue"

    assert await app.outbox.drain(app.bot) == 2
    texts = session.texts(USER)
    assert len(texts) == 2 and ERROR not in texts
    assert "/language" in texts[0] and "PermitBot" in texts[1], "in the order they were made"
    assert await app.outbox.drain(app.bot) == 0, "each sent once"
    assert not app.outbox.holds(USER)
    await user.send("/help")  # the queue is empty: straight out again
    assert len(session.texts(USER)) == 3


async def test_a_kept_reply_keeps_its_buttons(app_with: AppWith) -> None:
    app, session, user = await app_with(reply_retry_seconds=0)
    session.errors[USER] = [outage()]
    await user.send("/start")
    await app.outbox.drain(app.bot)
    kept = session.chat(USER)[-1]
    assert kept.buttons(), "the main menu survived the round trip through the database"


async def test_a_kept_reply_survives_a_restart(app_with: AppWith) -> None:
    first, session, user = await app_with(reply_retry_seconds=0)
    session.errors[USER] = [outage()]
    await user.send("/help")
    await first.db.close()
    second, session2, _user = await app_with()
    assert second.outbox.holds(USER)
    assert await second.outbox.drain(second.bot) == 1
    assert "/language" in session2.texts(USER)[0]


def _update(bot: Bot) -> Update:
    raw = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": USER, "type": "private"},
            "from": {"id": USER, "is_bot": False, "first_name": "T"},
            "text": "/help",
        },
    }
    return Update.model_validate(raw, context={"bot": bot})


@pytest.mark.parametrize(
    "exc",
    [outage(), flood(), TelegramNetworkError(SendMessage(chat_id=USER, text="x"), "timeout")],
    ids=["5xx", "429", "network"],
)
async def test_telegrams_trouble_never_produces_the_generic_error(exc: Exception) -> None:
    session = LocalSession()
    bot = Bot("1:x", session=session)
    await on_error(ErrorEvent(update=_update(bot), exception=exc))
    assert session.requests == [], "no 'something went wrong' for a flood or an outage"


async def test_a_real_bug_still_gets_the_generic_error() -> None:
    session = LocalSession()
    bot = Bot("1:x", session=session)
    await on_error(ErrorEvent(update=_update(bot), exception=KeyError("x")))
    assert [getattr(m, "text", None) for m in session.requests] == [ERROR]


async def test_deleting_a_user_deletes_the_replies_kept_for_them(app_with: AppWith) -> None:
    app, session, user = await app_with(reply_retry_seconds=0)
    session.errors[USER] = [outage()]
    await user.send("/help")
    await users.delete(app.db, USER)
    assert await app.outbox.drain(app.bot) == 0
    assert session.texts(USER) == [], "nothing of theirs goes out after they deleted their data"
