"""/start, /help and the main menu."""

from __future__ import annotations

from functools import cache

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import READ, writes
from handlers.callbacks import MenuCb
from handlers.commands import COMMANDS, WRITE_COMMANDS, sync_private_menu
from handlers.keyboards import main_menu
from handlers.replies import show
from knowledge.l10n import Lang


def help_text(t: Translator, may_write: bool) -> str:
    return _help_text(t.lang, may_write)


@cache  # a pure function of the language and the role's reach
def _help_text(lang: Lang, may_write: bool) -> str:
    t = Translator(lang)
    lines = [t("help-title"), ""]
    shown = [(n, k) for n, k in COMMANDS if may_write or n not in WRITE_COMMANDS]
    lines += [f"/{name} — {t(key)}" for name, key in shown]
    lines += ["", t("help-footer")]
    return "\n".join(lines)


def router() -> Router:
    r = Router(name="start")

    # READ: the role decides what the menu and /help offer (a viewer is not offered /track).
    @r.message(CommandStart(), flags=READ)
    async def start(
        message: Message,
        t: Translator,
        state: FSMContext,
        access: Access,
        db: Database,
        clock: Clock,
    ) -> None:
        await state.clear()
        may = writes(access)
        await message.answer(t("welcome"), reply_markup=main_menu(t, may))
        if not may and message.bot is not None:  # a viewer since before their menu was kept
            await sync_private_menu(message.bot, db, clock, access.user_id)

    @r.message(Command("help"), flags=READ)
    async def help_command(message: Message, t: Translator, access: Access) -> None:
        may = writes(access)
        await message.answer(help_text(t, may), reply_markup=main_menu(t, may))

    @r.callback_query(MenuCb.filter(F.action == "help"), flags=READ)
    async def help_button(query: CallbackQuery, t: Translator, access: Access) -> None:
        may = writes(access)
        await show(query, help_text(t, may), main_menu(t, may))

    @r.callback_query(MenuCb.filter(F.action == "main"), flags=READ)
    async def main_button(
        query: CallbackQuery, t: Translator, state: FSMContext, access: Access
    ) -> None:
        await state.clear()
        await show(query, t("menu-title"), main_menu(t, writes(access)))

    return r
