"""The category finder's callback data, apart so the eligibility interview can link to it."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field


class FindAction(StrEnum):
    START = "start"  # from the menu
    FROM_ELIG = "elig"  # from the eligibility interview's route question: come back with it
    YES = "yes"
    NO = "no"
    BACK = "back"
    CANCEL = "cancel"
    ELIGIBILITY = "go_elig"  # continue into the eligibility interview with the category


class FindCb(CallbackData, prefix="fnd"):
    action: FindAction
    category: int = Field(default=0, ge=0, le=4)
