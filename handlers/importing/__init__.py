"""/import: workers and records from a CSV or XLSX table (issue 14)."""

from __future__ import annotations

from aiogram import Router

from handlers.importing import flow


def router() -> Router:
    r = Router(name="importing")
    flow.register(r)
    return r
