"""/language: choose ru, kk or en with buttons."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db import users as users_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import READ, writes
from handlers.callbacks import LangCb, MenuCb
from handlers.commands import sync_private_menu
from handlers.keyboards import language_menu, main_menu
from handlers.replies import show
from knowledge.l10n import LANGS


def router() -> Router:
    r = Router(name="language")

    @r.message(Command("language"))
    async def language(message: Message, t: Translator, user: User) -> None:
        await message.answer(t("language-choose"), reply_markup=language_menu(user.lang))

    @r.callback_query(MenuCb.filter(F.action == "language"))
    async def language_button(query: CallbackQuery, t: Translator, user: User) -> None:
        await show(query, t("language-choose"), language_menu(user.lang))

    # READ: the menu under "language set" offers Track by the role; a viewer's private
    # command menu is set again in the new language.
    @r.callback_query(LangCb.filter(F.lang.in_(LANGS)), flags=READ)
    async def choose(
        query: CallbackQuery,
        callback_data: LangCb,
        user: User,
        db: Database,
        clock: Clock,
        bot: Bot,
        access: Access,
    ) -> None:
        lang = next(code for code in LANGS if code == callback_data.lang)
        await users_repo.set_lang(db, user.id, lang, clock.now())
        t = Translator(lang)
        may = writes(access)
        await show(query, t("language-set") + "\n\n" + t("menu-title"), main_menu(t, may))
        await sync_private_menu(bot, db, clock, user.id)

    return r
