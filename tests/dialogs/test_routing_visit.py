"""A visited leaf router runs as aiogram runs it (issue 16: ``RoutingDispatcher._visit``): the
same handler, the same inner middlewares in the same order, ``SkipHandler`` and ``REJECTED`` —
checking only the handlers whose command, state or callback prefix could match."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.dispatcher.event.bases import REJECTED, SkipHandler
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.filters import Command, StateFilter
from aiogram.types import Chat, Message, TelegramObject, Update, User

from bot.local_session import LocalSession
from bot.routing import RoutingDispatcher
from tests.support.today import E2E_NOW

Log = list[str]


def update(text: str, n: int) -> Update:
    user = User(id=7, is_bot=False, first_name="U")
    message = Message(
        message_id=n,
        date=E2E_NOW.astimezone(dt.UTC),
        chat=Chat(id=7, type="private"),
        from_user=user,
        text=text,
    )
    return Update(update_id=n, message=message)


def middleware(name: str, log: Log) -> Any:
    async def mw(
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        log.append(f"{name}:{data['handler'].callback.__name__}")
        return await handler(event, data)

    return mw


def build(dp: Dispatcher, log: Log) -> Router:
    router = Router(name="leaf")

    async def skipped(message: Message) -> str:
        log.append("skipped")
        raise SkipHandler

    async def second(message: Message, event_router: Router) -> str:
        log.append(f"second in {event_router.name}")
        return "second"

    async def rejected(message: Message) -> Any:
        log.append("rejected")
        return REJECTED

    async def other(message: Message) -> str:
        return "other"

    async def waiting(message: Message) -> str:
        return "waiting"

    router.message.register(other, Command("other"))
    router.message.register(waiting, StateFilter("Flow:wait"))
    router.message.register(skipped, Command("go"))
    router.message.register(second, Command("go"))
    router.message.register(rejected, Command("no"))
    dp.message.middleware(middleware("dp", log))
    router.message.middleware(middleware("router", log))
    dp.include_router(router)
    return router


async def run(dp: Dispatcher, texts: list[str]) -> list[Any]:
    bot = Bot("42:TEST", session=LocalSession())
    results = [await dp.feed_update(bot, update(text, n)) for n, text in enumerate(texts, 1)]
    await bot.session.close()
    return results


@pytest.mark.parametrize("texts", [["/go", "/no", "/go", "/other", "hello"]])
async def test_a_visit_is_aiograms_propagation(texts: list[str]) -> None:
    ours_log: Log = []
    theirs_log: Log = []
    ours, theirs = RoutingDispatcher(), Dispatcher()
    build(ours, ours_log)
    build(theirs, theirs_log)
    ours_results = await run(ours, texts)
    theirs_results = await run(theirs, texts)
    assert ours_results == theirs_results
    assert ours_log == theirs_log
    assert "dp:skipped" in ours_log and "router:second" in ours_log  # (the case ran)


async def test_a_visit_checks_only_handlers_that_could_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dp, log = RoutingDispatcher(), Log()
    build(dp, log)
    checked: list[str] = []
    real = HandlerObject.check

    async def counting(self: HandlerObject, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        checked.append(self.callback.__name__)
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(HandlerObject, "check", counting)
    await run(dp, ["/no"])
    leaf = {"other", "waiting", "skipped", "second", "rejected"}
    assert [name for name in checked if name in leaf] == ["rejected"]  # not /other's, /go's…
    assert log == ["dp:rejected", "router:rejected", "rejected"]


async def test_a_middleware_added_later_runs_on_the_next_update() -> None:
    dp, log = RoutingDispatcher(), Log()
    router = build(dp, log)
    await run(dp, ["/no"])
    router.message.middleware(middleware("late", log))
    log.clear()
    await run(dp, ["/no"])
    assert log == ["dp:rejected", "router:rejected", "late:rejected", "rejected"]
