"""Q&A: ``flow`` (module-level handlers), ``views`` (what a question gets, the keyboards),
``callbacks`` (typed button data). The answer itself is ``knowledge.qa``."""

from __future__ import annotations

from aiogram import Router

from handlers.ask import flow

__all__ = ["router"]


def router() -> Router:
    r = Router(name="ask")
    flow.register(r)
    return r
