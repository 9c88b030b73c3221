"""What every prompt of the tracking flows shares: start over, "I need text here"."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from handlers.keyboards import main_menu
from handlers.replies import reply
from handlers.tracking.views import Rows


async def start_over(target: Message | CallbackQuery, t: Translator, state: FSMContext) -> None:
    """The stored form no longer fits (an old conversation, an upgrade): leave it and say so."""
    await state.clear()
    await reply(target, t("flow-start-over"), main_menu(t))


async def need_text(message: Message, t: Translator, rows: Rows) -> None:
    """A photo, sticker or file where a typed answer is expected: one message, same buttons."""
    await message.answer(t("need-text"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def answer_with(message: Message, text: str, rows: Rows) -> None:
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
