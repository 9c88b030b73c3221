"""Typed callback data shared by several routers (each stays well under Telegram's 64 bytes)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MenuAction(StrEnum):
    """The flows a menu button opens (a forged name fails to unpack: the fallback answers)."""

    MAIN = "main"
    ELIGIBILITY = "eligibility"
    FINDER = "finder"
    FEES = "fees"
    DEADLINES = "deadlines"
    ASK = "ask"
    TRACK = "track"
    STATUS = "status"
    CHANGES = "changes"
    SETTINGS = "settings"
    HELP = "help"
    LANGUAGE = "language"


class MenuCb(CallbackData, prefix="m"):
    """A main-menu button; ``action`` names the flow it opens."""

    action: MenuAction


class LangCb(CallbackData, prefix="lang"):
    lang: str
