"""A button press reaches its router in a few checks (issue 16): routers whose callback data is
all typed are skipped on one prefix check, not on each of their handlers' filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from aiogram import F, Router
from aiogram.dispatcher.event.handler import CallbackType, HandlerObject
from aiogram.types import Chat, Message

from bot.routing import RoutingDispatcher, _plain
from handlers import build_routers
from handlers.routing import PlainText, PrefixFilter
from tests.conftest import DialogFactory

ROUTERS = len(build_routers())


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[CallbackType]:
    checked: list[CallbackType] = []
    real = HandlerObject.check

    async def counting(self: HandlerObject, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        checked.append(self.callback)
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(HandlerObject, "check", counting)
    return checked


async def test_a_button_press_checks_about_one_filter_per_router(
    dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = dialog(user_id=112, lang="en")
    await d.send("/track")
    await d.click("Vacancy")
    await d.send("25.11.2026")
    checked = _count_checks(monkeypatch)
    await d.click("Track this")
    # One router-wide check per router passed over, then the handlers of the router it reaches.
    names = [getattr(c, "__qualname__", repr(c)) for c in checked]
    assert 0 < len(checked) <= ROUTERS + 2, f"{len(checked)} checks for one press: {names}"


def test_every_router_but_the_fallback_routes_by_prefix() -> None:
    routers = build_routers()
    typed = [
        any(isinstance(f.callback, PrefixFilter) for f in r.callback_query._handler.filters or ())
        for r in routers
    ]
    assert typed == [True] * (len(routers) - 1) + [False]


async def test_a_command_is_offered_only_to_routers_that_could_take_it(
    dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = dialog(user_id=113, lang="en")
    await d.send("/start")
    offered: list[str] = []
    real = Router.propagate_event

    async def counting(self: Router, update_type: str, event: Any, **kwargs: Any) -> Any:
        offered.append(self.name)
        return await real(self, update_type, event, **kwargs)

    async def visiting(self: RoutingDispatcher, router: Router, *args: Any) -> Any:
        offered.append(router.name)  # a leaf router visited in one frame (``_visit``)
        return await real_visit(self, router, *args)

    real_visit = RoutingDispatcher._visit
    monkeypatch.setattr(Router, "propagate_event", counting)
    monkeypatch.setattr(RoutingDispatcher, "_visit", visiting)
    await d.send("/status")
    assert "dashboard" in offered and d.replies(), "answered by its router"
    # The dispatcher and the router that answers; not the group router (its chat type filter
    # is read: a private chat), nor the Q&A router (a question is plain text, not a command).
    assert "group" not in offered and "ask" not in offered
    assert len(offered) <= 2 < ROUTERS, offered


@pytest.mark.parametrize(
    "text", ["hello", "/status", " /status", "   ", "", "a/b", "/", "Привет", None]
)
async def test_plain_text_reads_as_the_magic_filter_it_replaced(text: str | None) -> None:
    message = Message(
        message_id=1,
        date=dt.datetime(2026, 6, 15, 6, 0, tzinfo=dt.UTC),
        chat=Chat(id=1, type="private"),
        text=text,
    )
    magic = F.text & ~F.text.startswith("/")
    expected = bool(magic.resolve(message))
    assert await PlainText()(message) is expected
    assert _plain(message) is expected  # what the routing skips on


def test_the_group_router_is_offered_group_messages_only() -> None:
    dp = RoutingDispatcher()
    dp.include_routers(*build_routers())
    group = next(r for r in dp.routes("message") if r.router.name == "group")
    assert group.needs is not None
    status = ("/", "status")
    assert not group.admits(status, None, None, "private")
    assert group.admits(status, None, None, "supergroup")
    assert group.admits(None, None, None, "group")  # any text there: the router takes it


def test_the_dispatcher_reads_every_feature_router() -> None:
    routers = build_routers()
    dp = RoutingDispatcher()
    dp.include_routers(*routers)
    always = [r.router.name for r in dp.routes("callback_query") if r.needs is None]
    assert always == ["fallback"], "every router but the fallback is skipped by its prefixes"
    by_command = [r.router.name for r in dp.routes("message") if r.needs is None]
    assert by_command == ["fallback"], by_command  # the group router: by its chat type
