"""/workers: workers as records (issue 14)."""

from __future__ import annotations

from aiogram import Router

from handlers.workers import flow


def router() -> Router:
    r = Router(name="workers")
    flow.register(r)
    return r
