"""Typed button data of /import."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ImpAction(StrEnum):
    CSV = "csv"  # the template as CSV
    XLSX = "xlsx"  # the template as XLSX
    IMPORT = "go"
    ERRORS = "err"  # every problem as a file
    CANCEL = "x"


class ImpCb(CallbackData, prefix="imp"):
    action: ImpAction
