"""Form data of the tracking flows as pydantic models (JSON in the FSM storage, never raw keys)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from aiogram.fsm.state import State, StatesGroup
from pydantic import BaseModel

from bot.ids import RowId
from handlers.forms import load, store

__all__ = ["DetailEdit", "DetailForm", "EditForm", "TrackForm", "load", "store"]


class DetailEdit(StatesGroup):
    text = State()  # region or reference number, typed
    end = State()  # the permit's last day as printed


class TrackForm(BaseModel):
    """Track this: the computation to save, and the name once given."""

    kind: str
    date: dt.date
    route: str = ""
    term: str = ""
    label: str = ""

    def same_computation(self, other: TrackForm) -> bool:
        return self.model_dump(exclude={"label"}) == other.model_dump(exclude={"label"})


class EditForm(BaseModel):
    """Rename or change the date of one record."""

    record: RowId
    kind: str = ""  # the record's kind: its date follows the calculator's rule for that event


class DetailForm(BaseModel):
    """A typed detail of one record."""

    record: RowId
    field: Literal["region", "ref", "end"]
