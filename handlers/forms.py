"""Every flow's form data is a pydantic model stored as JSON in the FSM storage (never raw keys)."""

from __future__ import annotations

from typing import TypeVar

from aiogram.fsm.context import FSMContext
from pydantic import BaseModel, ValidationError

F = TypeVar("F", bound=BaseModel)


async def load(state: FSMContext, form: type[F]) -> F | None:
    """The flow's form, or None when the stored data does not fit (the caller starts over)."""
    try:
        return form.model_validate(await state.get_data())
    except ValidationError:
        return None


async def store(state: FSMContext, form: BaseModel) -> None:
    """Only what was given: defaults come back on ``load`` and stay out of the storage."""
    await state.set_data(form.model_dump(mode="json", exclude_defaults=True))
