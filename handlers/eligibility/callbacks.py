"""Typed button data of the interview. The questions are data (``knowledge/data/interview.toml``),
so an answer carries a question id and a value, bounded here and checked by the engine (a button
of an earlier question, or a forged one, changes nothing); the rest are enums."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from knowledge.interview import Value

TOKEN = r"^[a-z0-9_]{1,24}$"  # a question id or an option value, as the data spells them


class ElCb(CallbackData, prefix="el"):
    """An answer button: ``q`` is the question it answers, ``v`` the value."""

    q: str = Field(pattern=TOKEN)
    v: str = Field(pattern=TOKEN)


class ElStart(CallbackData, prefix="els"):
    """Start the interview with what a question stated (EAEU citizen, route, headcount)."""

    eaeu: str = Field(default="", pattern=r"^(yes|no)?$")
    route: str = Field(default="", pattern=r"^[a-z0-9_]{0,24}$")
    headcount: int = Field(default=0, ge=0, le=1_000_000)

    def known(self) -> dict[str, Value]:
        given: dict[str, Value] = {
            "eaeu": self.eaeu,
            "route": self.route,
            "headcount": self.headcount,
        }
        return {qid: value for qid, value in given.items() if value}


class ElNavAction(StrEnum):
    BACK = "back"
    CANCEL = "cancel"


class ElNav(CallbackData, prefix="eln"):
    action: ElNavAction


class ElPart(StrEnum):
    """A finished check's details: its steps, or how it was counted."""

    STEPS = "steps"
    WHY = "why"


class ElMore(CallbackData, prefix="elm"):
    part: ElPart
