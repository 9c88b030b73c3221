"""The deadline calculator: ``flow`` (module-level handlers), ``views`` (texts and keyboards),
``callbacks`` (typed button data, "Track this"), ``forms`` (the form model)."""

from __future__ import annotations

from aiogram import Router

from handlers.deadlines import flow
from handlers.deadlines.callbacks import DlCb, TrackRequest, TrackThis, track_payload
from handlers.deadlines.flow import ask_event

__all__ = ["DlCb", "TrackRequest", "TrackThis", "ask_event", "router", "track_payload"]


def router() -> Router:
    r = Router(name="deadlines")
    flow.register(r)
    return r
