"""An update reaches the routers that could handle it, and no others (issue 16).

aiogram passes an update to each router in turn; a router that cannot take it still costs its
propagation (middleware wrapping, copies of the handler arguments, its filters): about 15-20 µs
each, so 17 feature routers cost more than the whole of the echo bot's update. ``RoutingDispatcher``
reads, once, what each router's filters require — a command (``Command``, ``CommandStart``), a
conversation state (``StateFilter``, a bare ``State``), a callback data prefix (``CallbackData``
filters, ``PrefixFilter``) — and passes an update over a router none of whose handlers could
match. Every filter it cannot read counts as "could match", so the routing stays exactly
aiogram's: the same handler in the same order, only without the visits that would fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from inspect import isclass
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject

Command_ = tuple[str, str] | None  # (prefix, casefolded name) of a message's command


@dataclass(frozen=True, slots=True)
class Need:
    """What one handler requires of an update; ``None`` in a field: nothing known."""

    commands: frozenset[tuple[str, str]] | None = None  # (prefix, casefolded name)
    states: frozenset[str | None] | None = None
    prefixes: tuple[str, ...] | None = None  # callback data starts with one of these
    chats: frozenset[str] | None = None  # the event's chat is of one of these types
    plain: bool = False  # a message's text that is not a command

    def admits(
        self,
        command: Command_,
        state: str | None,
        data: str | None,
        chat: str | None,
        plain: bool = False,
    ) -> bool:
        if self.commands is not None and command not in self.commands:
            return False
        if self.states is not None and state not in self.states:
            return False
        if self.chats is not None and chat not in self.chats:
            return False
        if self.plain and not plain:
            return False
        return self.prefixes is None or (data is not None and data.startswith(self.prefixes))


def _original(item: FilterObject) -> Any:
    """The filter object itself (``run_filters_inline`` wraps synchronous ones)."""
    callback = item.callback
    return getattr(callback, "__wrapped__", callback)


def _states(state: Any) -> frozenset[str | None] | None:
    if state is None or isinstance(state, str):
        return None if state == "*" else frozenset({state})
    if isinstance(state, State):
        return None if state.state == "*" else frozenset({state.state})
    if isinstance(state, StatesGroup):
        return frozenset(type(state).__all_states_names__)
    if isclass(state) and issubclass(state, StatesGroup):
        return frozenset(state.__all_states_names__)
    return None


def _need_of(item: FilterObject) -> Need | None:
    """What one filter requires, when it is a kind read here."""
    f = _original(item)
    if isinstance(f, Command):
        if any(isinstance(c, re.Pattern) for c in f.commands):
            return None
        pairs = {(p, str(c).casefold()) for p in f.prefix for c in f.commands}
        return Need(commands=frozenset(pairs))
    if isinstance(f, StateFilter):
        found: set[str | None] = set()
        for state in f.states:
            names = _states(state)
            if names is None:
                return None
            found |= names
        return Need(states=frozenset(found))
    if isinstance(f, State):
        names = _states(f)
        return None if names is None else Need(states=names)
    if isinstance(f, CallbackQueryFilter):
        data = f.callback_data
        return Need(prefixes=(f"{data.__prefix__}{data.__separator__}",))
    prefixes = getattr(f, "prefixes", None)  # handlers.routing.PrefixFilter (a router-wide one)
    if isinstance(prefixes, tuple) and all(isinstance(p, str) for p in prefixes):
        return Need(prefixes=prefixes)
    if getattr(f, "plain_text", None) is True:  # handlers.routing.PlainText
        return Need(plain=True)
    chats = getattr(f, "chat_types", None)  # handlers.routing.ChatTypeFilter
    if isinstance(chats, frozenset) and all(isinstance(c, str) for c in chats):
        return Need(chats=chats)
    return None


def _combine(filters: Iterable[FilterObject]) -> Need:
    """Every filter of a handler must pass: the requirements add up."""
    commands = states = prefixes = chats = None
    plain = False
    for item in filters:
        need = _need_of(item)
        if need is None:
            continue
        commands = need.commands if need.commands is not None else commands
        states = need.states if need.states is not None else states
        prefixes = need.prefixes if need.prefixes is not None else prefixes
        chats = need.chats if need.chats is not None else chats
        plain = plain or need.plain
    return Need(commands, states, prefixes, chats, plain)


@dataclass(frozen=True, slots=True)
class Route:
    """A router and what its handlers need; ``needs is None``: visit it always.

    ``handlers``: each handler's need, in the observer's order (a leaf router whose handlers
    were all read), so a visit checks only the handlers that could match."""

    router: Router
    needs: tuple[Need, ...] | None
    handlers: tuple[Need, ...] = ()

    def admits(
        self,
        command: Command_,
        state: str | None,
        data: str | None,
        chat: str | None,
        plain: bool = False,
    ) -> bool:
        return self.needs is None or any(
            n.admits(command, state, data, chat, plain) for n in self.needs
        )


def route_for(router: Router, update_type: str) -> Route | None:
    """How to decide on ``router`` for one update type; None: it never takes such updates."""
    observer: TelegramEventObserver | None = router.observers.get(update_type)
    if router.sub_routers or observer is None or len(observer.outer_middleware):
        return Route(router, None)  # not read here: aiogram decides
    if not observer.handlers:
        return None
    needs = []
    for handler in observer.handlers:
        need = _combine([*(observer._handler.filters or ()), *(handler.filters or ())])
        if need == Need():
            return Route(router, None)  # a handler that may take anything
        needs.append(need)
    return Route(router, tuple(dict.fromkeys(needs)), tuple(needs))


def _chat_type(event: TelegramObject) -> str | None:
    """The type of the event's own chat (``ChatTypeFilter`` reads the same attribute)."""
    chat = getattr(event, "chat", None)
    return chat.type if isinstance(chat, Chat) else None


def _plain(event: TelegramObject) -> bool:
    """A message's text that is not a command, as ``PlainText`` reads it."""
    text = event.text if isinstance(event, Message) else None
    return bool(text) and not (text or "").startswith("/")


def _command(event: TelegramObject) -> tuple[str, str] | None:
    """``/name`` of a message as aiogram's ``Command`` reads it: (prefix, casefolded name)."""
    if not isinstance(event, Message):
        return None
    text = event.text or event.caption
    if not text or not text.strip():
        return None
    first = text.split(maxsplit=1)[0]
    return first[0], first[1:].partition("@")[0].casefold()


class RoutingDispatcher(Dispatcher):
    """A ``Dispatcher`` whose routers are visited only when one of their handlers could match.

    Only the dispatcher's own step changes (its sub-routers propagate as usual); the table is
    built on the first update of each type and again when routers are added.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._routes: dict[str, tuple[int, tuple[Route, ...]]] = {}
        # id(handler) -> (the handler, its inner middlewares, the wrapped chain)
        self._chains: dict[int, tuple[HandlerObject, list[Any], Any]] = {}

    def routes(self, update_type: str) -> tuple[Route, ...]:
        known = self._routes.get(update_type)
        if known is not None and known[0] == len(self.sub_routers):
            return known[1]
        built = tuple(
            route
            for router in self.sub_routers
            if (route := route_for(router, update_type)) is not None
        )
        self._routes[update_type] = (len(self.sub_routers), built)
        return built

    async def _propagate_event(
        self,
        observer: TelegramEventObserver | None,
        update_type: str,
        event: TelegramObject,
        **kwargs: Any,
    ) -> Any:
        if observer is not None and (observer.handlers or observer._handler.filters):
            # The dispatcher's own handlers or filters: aiogram's way, unchanged.
            return await super()._propagate_event(observer, update_type, event, **kwargs)
        command, chat, plain = _command(event), _chat_type(event), _plain(event)
        state = kwargs.get("raw_state")
        data = event.data if isinstance(event, CallbackQuery) else None
        for route in self.routes(update_type):
            if not route.admits(command, state, data, chat, plain):
                continue
            observer = route.router.observers[update_type]
            if route.handlers and len(route.handlers) == len(observer.handlers):
                needs = route.handlers
                response = await self._visit(route.router, observer, needs, event, kwargs)
            else:
                response = await route.router.propagate_event(
                    update_type=update_type, event=event, **kwargs
                )
            if response is not UNHANDLED:
                return response
        return UNHANDLED

    async def _visit(
        self,
        router: Router,
        observer: TelegramEventObserver,
        needs: tuple[Need, ...],
        event: TelegramObject,
        kwargs: dict[str, Any],
    ) -> Any:
        """aiogram's ``Router.propagate_event`` and ``TelegramEventObserver.trigger`` for a leaf
        router with no outer middleware (what ``route_for`` read), in one frame: the root
        filters, then each handler in order — only those whose need admits the update — with
        the same arguments, the same inner middlewares (their chain built once per handler),
        ``SkipHandler`` and ``REJECTED`` as aiogram has them."""
        data = dict(kwargs)  # aiogram gives each router its own copy of the arguments
        data["event_router"] = router
        result, found = await observer.check_root_filters(event, **data)
        if not result:
            return UNHANDLED
        data.update(found)
        command, chat, plain = _command(event), _chat_type(event), _plain(event)
        state = data.get("raw_state")
        callback = event.data if isinstance(event, CallbackQuery) else None
        for handler, need in zip(observer.handlers, needs, strict=True):
            if not need.admits(command, state, callback, chat, plain):
                continue
            data["handler"] = handler
            result, found = await handler.check(event, **data)
            if not result:
                continue
            data.update(found)
            try:
                response = await self._chain(observer, handler)(event, data)
            except SkipHandler:
                continue
            return UNHANDLED if response is REJECTED else response
        return UNHANDLED

    def _chain(self, observer: TelegramEventObserver, handler: HandlerObject) -> Any:
        """The handler wrapped in its inner middlewares (the dispatcher's, then the router's),
        as aiogram wraps it on every call; built again when those middlewares change."""
        middlewares = observer._resolve_middlewares()
        known = self._chains.get(id(handler))
        if known is not None and known[0] is handler and known[1] == middlewares:
            return known[2]
        wrapped = observer.outer_middleware.wrap_middlewares(middlewares, handler.call)
        self._chains[id(handler)] = (handler, middlewares, wrapped)
        return wrapped
