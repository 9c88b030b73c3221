"""Form data of the tracking flows as pydantic models (JSON in the FSM storage, never raw keys)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeVar

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from pydantic import BaseModel, ValidationError

from bot.ids import RowId

F = TypeVar("F", bound=BaseModel)


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


class DetailForm(BaseModel):
    """A typed detail of one record."""

    record: RowId
    field: Literal["region", "ref", "end"]


async def load(state: FSMContext, form: type[F]) -> F | None:
    """The flow's form, or None when the stored data does not fit (the caller starts over)."""
    try:
        return form.model_validate(await state.get_data())
    except ValidationError:
        return None


async def store(state: FSMContext, form: BaseModel) -> None:
    await state.set_data(form.model_dump(mode="json"))
