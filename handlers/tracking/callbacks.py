"""Typed callback data of tracking: a forged value fails to unpack and reaches the fallback."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.ids import MAX_ROW_ID, RowId


class RecAction(StrEnum):
    OPEN = "open"
    RENAME = "rename"
    REDATE = "redate"
    MORE = "more"
    DONE = "done"
    DELETE = "delete"
    DELETE_YES = "delete_yes"
    CANCEL = "cancel"  # leave a rename/redate/detail prompt, back to the record
    HISTORY = "hist"  # who did what, when (bot.db.audit)


class RecCb(CallbackData, prefix="rec"):
    """A record card's buttons, on a record id (always checked against the sender)."""

    action: RecAction
    id: RowId


class DetField(StrEnum):
    REGION = "region"
    REF = "ref"
    END = "end"
    END_RESET = "end_reset"
    RENEWALS = "renewals"
    STAGE = "stage"
    BACK = "back"


class DetCb(CallbackData, prefix="recd"):
    """Change a record's detail; ``value`` carries a choice (renewals used, vacancy stage)."""

    field: DetField
    id: RowId
    value: str = Field(default="", max_length=8)


class TrackAction(StrEnum):
    SKIP = "skip"
    SAVE = "save"
    BACK = "back"
    CANCEL = "cancel"


class TrackCb(CallbackData, prefix="trk"):
    action: TrackAction


class PrivacyAction(StrEnum):
    ERASE = "erase_yes"


class PrivacyCb(CallbackData, prefix="prv"):
    action: PrivacyAction


class RemAction(StrEnum):
    DONE = "done"
    SNOOZE_DAY = "s1"
    SNOOZE_WEEK = "s7"
    OPEN = "open"


class RemCb(CallbackData, prefix="r"):
    """A reminder's buttons."""

    action: RemAction
    id: RowId


class RespCb(CallbackData, prefix="rsp"):
    """Who is responsible for a record: ``user`` 0 lists the members, else hands it to them."""

    ws: RowId
    id: RowId
    user: Annotated[int, Field(ge=0, le=MAX_ROW_ID)] = 0
