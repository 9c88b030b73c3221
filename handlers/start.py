"""/start, /help and the main menu."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from handlers.callbacks import MenuCb
from handlers.commands import COMMANDS
from handlers.keyboards import main_menu
from handlers.replies import show


def help_text(t: Translator) -> str:
    lines = [t("help-title"), ""]
    lines += [f"/{name} — {t(key)}" for name, key in COMMANDS]
    lines += ["", t("help-footer")]
    return "\n".join(lines)


def router() -> Router:
    r = Router(name="start")

    @r.message(CommandStart())
    async def start(message: Message, t: Translator, state: FSMContext) -> None:
        await state.clear()
        await message.answer(t("welcome"), reply_markup=main_menu(t))

    @r.message(Command("help"))
    async def help_command(message: Message, t: Translator) -> None:
        await message.answer(help_text(t), reply_markup=main_menu(t))

    @r.callback_query(MenuCb.filter(F.action == "help"))
    async def help_button(query: CallbackQuery, t: Translator) -> None:
        await show(query, help_text(t), main_menu(t))

    @r.callback_query(MenuCb.filter(F.action == "main"))
    async def main_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await state.clear()
        await show(query, t("menu-title"), main_menu(t))

    return r
