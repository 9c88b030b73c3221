"""The checklist's callback data, apart so the record card (``handlers.tracking``) can link it."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field


class ChkAction(StrEnum):
    OPEN = "open"
    TICK = "tick"  # set the item to ``on`` (not a toggle: a double press changes nothing)


class ChkCb(CallbackData, prefix="chk"):
    action: ChkAction
    id: int = Field(ge=1, le=2**53)  # the record
    item: int = Field(default=0, ge=0, le=99)  # index into the record's checklist
    on: int = Field(default=1, ge=0, le=1)
