"""Tracking: save a computed deadline as a record with reminders; records, details, privacy.

One module per feature, each with module-level handlers and a ``register(router)``; views.py
holds the texts and keyboards, callbacks.py the typed button data, forms.py the form models.
"""

from __future__ import annotations

from aiogram import Router

from handlers.tracking import details, privacy, records, reminders, responsible, track_this
from handlers.tracking.callbacks import DetCb, RecCb, RemCb
from handlers.tracking.views import record_name, record_title, route_name

__all__ = ["DetCb", "RecCb", "RemCb", "record_name", "record_title", "route_name", "router"]


def router() -> Router:
    r = Router(name="tracking")
    for feature in (track_this, records, details, responsible, reminders, privacy):
        feature.register(r)
    return r
