"""Typed callback data shared by several routers (each stays well under Telegram's 64 bytes)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    """A main-menu button; ``action`` names the flow it opens."""

    action: str


class LangCb(CallbackData, prefix="lang"):
    lang: str
