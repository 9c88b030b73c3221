"""What every flow's prompts share: start over when the form no longer fits, "I need text here"."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from handlers.keyboards import menu_button
from handlers.replies import reply

Rows = list[list[InlineKeyboardButton]]


async def start_over(target: Message | CallbackQuery, t: Translator, state: FSMContext) -> None:
    """The stored form no longer fits (an old conversation, an upgrade): leave it and say so."""
    await state.clear()
    await reply(target, t("flow-start-over"), menu_button(t))  # the menu follows the role


async def need_text(message: Message, t: Translator, rows: Rows) -> None:
    """A photo, sticker or file where a typed answer is expected: one message, same buttons."""
    await answer_with(message, t("need-text"), rows)


async def answer_with(message: Message, text: str, rows: Rows) -> None:
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
