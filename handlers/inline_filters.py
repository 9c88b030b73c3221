"""Filters run on the event loop, never in a worker thread.

aiogram runs a synchronous filter (a bare ``State``, an ``F.…`` magic filter, ``~F…``) through
``asyncio.to_thread``: a thread hop of tens of microseconds for a check of nanoseconds, several
times per update (the profile of issue 16 put ~20 % of the loop's time there). Every filter here
is a pure, cheap check, so after the routers are built each synchronous one is called inline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject


def _inline(callback: Callable[..., Any]) -> Callable[..., Any]:
    async def call(*args: Any, **kwargs: Any) -> Any:
        return callback(*args, **kwargs)

    call.__wrapped__ = callback  # type: ignore[attr-defined]  # read by bot.routing
    return call


def _filters(router: Router) -> Iterable[FilterObject]:
    for observer in router.observers.values():
        for handler in observer.handlers:
            yield from handler.filters or ()
        yield from observer._handler.filters or ()  # the observer's own (router-wide) filters
    for child in router.sub_routers:
        yield from _filters(child)


def run_filters_inline(routers: Iterable[Router]) -> int:
    """Make every synchronous filter of ``routers`` awaitable in place; return how many."""
    changed = 0
    for router in routers:
        for item in _filters(router):
            if not item.awaitable:
                item.callback = _inline(item.callback)
                item.awaitable = True
                changed += 1
    return changed
