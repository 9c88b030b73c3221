"""Inline keyboards shared by several routers.

Menus are the same for every user of a language, so they are built once per language (aiogram's
InlineKeyboardBuilder deep-copies every button and was the largest cost on the read path). Other
buttons are cached by their text and data: aiogram's types are frozen, so one button object can
sit in many keyboards, and packing callback data (a pydantic dump) is done once per value.
"""

from __future__ import annotations

from functools import cache, lru_cache

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callbacks import LangCb, MenuCb
from knowledge.l10n import LANGS, Lang

# (action, label key): the main menu, two buttons a row.
MENU: list[tuple[str, str]] = [
    ("eligibility", "menu-eligibility"),
    ("finder", "menu-finder"),
    ("fees", "menu-fees"),
    ("deadlines", "menu-deadlines"),
    ("ask", "menu-ask"),
    ("track", "menu-track"),
    ("status", "menu-status"),
    ("changes", "menu-changes"),
    ("settings", "menu-settings"),
    ("help", "menu-help"),
    ("language", "menu-language"),
]
WRITE_ACTIONS = {"track"}  # menu entries that create records: not offered to a viewer
LANGUAGE_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


PACKED_MEMORY = 50_000  # packed callback data remembered; emptied when full (ids vary per user)
_packed: dict[tuple[object, ...], str] = {}


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button carrying typed callback data."""
    return _button(text, packed(data))


@lru_cache(maxsize=20_000)
def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def packed(data: CallbackData) -> str:
    """``data.pack()``, remembered by the class and the field values (with their types: 1 and
    1.0 are equal keys but pack differently)."""
    key = (type(data), *((type(v), v) for v in data.__dict__.values()))
    found = _packed.get(key)
    if found is None:
        if len(_packed) >= PACKED_MEMORY:
            _packed.clear()
        found = _packed[key] = data.pack()
    return found


SHARED_LABEL = 24  # a phone cuts a longer label when the button shares its row


def rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    """``width`` buttons a row, in order; a label too long to share a row stands alone."""
    out: list[list[InlineKeyboardButton]] = []
    for item in buttons:
        last = out[-1] if out else []
        fits = len(item.text) <= SHARED_LABEL and all(len(b.text) <= SHARED_LABEL for b in last)
        if last and fits and len(last) < width:
            last.append(item)
        else:
            out.append([item])
    return out


def main_menu(t: Translator, writes: bool) -> InlineKeyboardMarkup:
    """The main menu; without "Track" for one who may not save (a viewer). ``writes`` has no
    default: every screen that shows the menu knows the role (``handlers.access.writes``)."""
    return _main_menu(t.lang, writes)


@cache
def _main_menu(lang: Lang, writes: bool) -> InlineKeyboardMarkup:
    t = Translator(lang)
    buttons = [
        InlineKeyboardButton(text=t(key), callback_data=MenuCb(action=action).pack())
        for action, key in MENU
        if writes or action not in WRITE_ACTIONS
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows(buttons, 2))


@cache
def language_menu(current: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=("✓ " if lang == current else "") + LANGUAGE_NAMES[lang],
            callback_data=LangCb(lang=lang).pack(),
        )
        for lang in LANGS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def menu_button(t: Translator) -> InlineKeyboardMarkup:
    """A single "Main menu" button for the end of a flow."""
    return _menu_button(t.lang)


@cache
def _menu_button(lang: Lang) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(Translator(lang)("menu-main"), MenuCb(action="main"))]]
    )
