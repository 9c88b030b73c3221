"""Inline keyboards shared by several routers."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from handlers.callbacks import LangCb, MenuCb
from knowledge.l10n import LANGS

# (action, label key): the main menu, two buttons a row.
MENU: list[tuple[str, str]] = [
    ("help", "menu-help"),
    ("language", "menu-language"),
]
LANGUAGE_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action, key in MENU:
        builder.button(text=t(key), callback_data=MenuCb(action=action))
    builder.adjust(2)
    return builder.as_markup()


def language_menu(current: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for lang in LANGS:
        mark = "✓ " if lang == current else ""
        builder.button(text=mark + LANGUAGE_NAMES[lang], callback_data=LangCb(lang=lang))
    builder.adjust(3)
    return builder.as_markup()


def menu_button(t: Translator) -> InlineKeyboardMarkup:
    """A single "Main menu" button for the end of a flow."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("menu-main"), callback_data=MenuCb(action="main"))
    return builder.as_markup()
