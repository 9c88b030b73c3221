"""The calculator's form: what happened and, for a permit, its route and term (JSON in the FSM)."""

from __future__ import annotations

from pydantic import BaseModel

from knowledge.calculator import Event


class CalcForm(BaseModel):
    event: Event | None = None  # None until the first answer
    route: str = ""
    term: str = ""
