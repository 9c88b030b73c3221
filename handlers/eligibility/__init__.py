"""The eligibility interview: ``flow`` (module-level handlers), ``views`` (texts and keyboards of
the questions and the outcome), ``callbacks`` (typed button data), ``forms`` (the form models).
Which steps a route has and what the answers lead to is ``knowledge.interview``."""

from __future__ import annotations

from aiogram import Router

from handlers.eligibility import flow
from handlers.eligibility.callbacks import ElCb
from handlers.eligibility.flow import present, save_history, stored_history
from handlers.eligibility.views import fee_lines, outcome_text

__all__ = [
    "ElCb",
    "fee_lines",
    "outcome_text",
    "present",
    "router",
    "save_history",
    "stored_history",
]


def router() -> Router:
    r = Router(name="eligibility")
    flow.register(r)
    return r
