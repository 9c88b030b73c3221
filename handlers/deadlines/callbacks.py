"""Typed button data of the calculator: a forged step or action fails to unpack (the fallback
answers); values the data decides (an event, a route, a term) are checked against knowledge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from handlers.datepick import DateCb, picked
from knowledge.calculator import valid


class DlStep(StrEnum):
    EVENT = "event"
    ROUTE = "route"
    TERM = "term"


class DlCb(CallbackData, prefix="dl"):
    """An answer: ``step`` is the question it answers, ``v`` the value (event, route or term)."""

    step: DlStep
    v: str = Field(max_length=16)


class DlNavAction(StrEnum):
    BACK = "back"
    CANCEL = "cancel"


class DlNav(CallbackData, prefix="dln"):
    action: DlNavAction


class TrackThis(CallbackData, prefix="tr"):
    """Everything needed to recompute the answer: event, date YYYYMMDD, route, term (m12/d90)."""

    kind: str = Field(max_length=16)
    date: str = Field(max_length=8)
    route: str = Field(default="", max_length=16)
    term: str = Field(default="", max_length=8)


class DlWhy(TrackThis, prefix="dlw"):
    """ "How counted" for a result: the same values as ``TrackThis``, to compute it again."""


class DlOpen(TrackThis, prefix="dlo"):
    """The calculator's result for an event and date a question stated."""


@dataclass(frozen=True)
class TrackRequest:
    """What the user asked to track, as plain values (for the tracking feature)."""

    kind: str
    day: dt.date
    route: str | None
    term: str | None


def track_payload(data: TrackThis) -> TrackRequest | None:
    """Decode a "Track this" (or "How counted") button; None for forged or stale data."""
    day = picked(DateCb(action="pick", value=data.date))
    if day is None or not valid(data.kind, data.route, data.term):
        return None
    return TrackRequest(data.kind, day, data.route or None, data.term or None)
