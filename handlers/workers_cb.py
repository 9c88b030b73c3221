"""Typed button data of /workers, apart so the record card can link a record to a worker."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.ids import MAX_ROW_ID, RowId


class WkAction(StrEnum):
    LIST = "list"  # id: the page
    ADD = "add"
    OPEN = "open"
    EDIT = "edit"
    CLEAR = "clear"  # a date prompt's Clear
    DELETE = "del"
    DELETE_YES = "dely"
    CANCEL = "x"


class WkField(StrEnum):
    NAME = "name"
    CITIZENSHIP = "citizenship"
    POSITION = "position"
    CATEGORY = "category"
    VISA = "visa_until"
    PASSPORT = "passport_until"


class Category(StrEnum):
    CAT1 = "cat1"
    CAT2 = "cat2"
    CAT3 = "cat3"
    CAT4 = "cat4"
    SEASONAL = "seasonal"
    ICT = "ict"
    NONE = "none"


class WkCb(CallbackData, prefix="wk"):
    action: WkAction
    id: int = Field(default=0, ge=0, le=MAX_ROW_ID)  # a worker (0: none), or LIST's page
    field: WkField = WkField.NAME


class WkCatCb(CallbackData, prefix="wkc"):
    id: RowId
    cat: Category


class WkPickCb(CallbackData, prefix="wkp"):
    """The record card's 👤 Worker: choose whose record it is."""

    record: RowId


class WkAttachCb(CallbackData, prefix="wka"):
    record: RowId
    worker: int = Field(ge=0, le=MAX_ROW_ID)  # 0: no worker
