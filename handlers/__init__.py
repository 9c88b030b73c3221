"""aiogram routers; each module exposes ``router()`` that builds a fresh Router."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    ask,
    checklist,
    dashboard,
    datepick,
    deadlines,
    eligibility,
    exports,
    fallback,
    fees,
    finder,
    group,
    importing,
    language,
    settings,
    start,
    status,
    tracking,
    workers,
    workspace,
)
from handlers.inline_filters import run_filters_inline
from handlers.routing import route_callbacks_by_prefix


def build_routers() -> list[Router]:
    """Feature routers in order; the fallback router must stay last."""
    routers = [
        group.router(),  # first: in groups only its commands run (no private data, no Q&A)
        workspace.router(),  # before start: /start with an invitation joins
        start.router(),
        language.router(),
        # Plain text outside a conversation is a question. Its handler needs "no state", so
        # it cannot take a flow's answers; placed early, a question skips every flow's filters.
        ask.router(),
        datepick.router(),
        eligibility.router(),
        finder.router(),
        fees.router(),
        exports.router(),
        importing.router(),
        workers.router(),
        settings.router(),
        status.router(),
        dashboard.router(),
        checklist.router(),
        tracking.router(),  # before deadlines: it handles the calculator's "Track this"
        deadlines.router(),
        fallback.router(),
    ]
    run_filters_inline(routers)
    route_callbacks_by_prefix(routers)  # a button checks one filter per router it skips
    return routers
