"""/privacy: what is stored and why; /deletemydata: everything about the user, at once."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.i18n import Translator
from bot.records.planning import replan_record
from bot.records.responsible import erase_user
from handlers.callbacks import MenuCb
from handlers.commands import clear_private_menu
from handlers.keyboards import button
from handlers.replies import show
from handlers.tracking.callbacks import PrivacyAction, PrivacyCb
from handlers.tracking.views import keyboard


async def privacy(message: Message, t: Translator) -> None:
    await message.answer(t("privacy-text") + "\n\n" + t("ws-privacy"))


async def delete_my_data(message: Message, t: Translator, user: User, db: Database) -> None:
    markup = keyboard(
        [button(t("privacy-btn-erase"), PrivacyCb(action=PrivacyAction.ERASE))],
        [button(t("track-btn-keep"), MenuCb(action="main"))],
    )
    text = t("privacy-erase-confirm")
    if any(a.workspace.kind == "company" for a in await ws_repo.mine(db, user.id)):
        text += "\n\n" + t("ws-privacy")
    await message.answer(text, reply_markup=markup)


async def erase(
    query: CallbackQuery,
    t: Translator,
    user: User,
    db: Database,
    state: FSMContext,
    clock: Clock,
) -> None:
    await state.clear()
    for record_id, heir in await erase_user(db, user.id, clock.now()):  # company records stay
        owner = await users_repo.get(db, heir)
        record = await records_repo.get(db, heir, record_id)
        if owner is not None and record is not None:
            await replan_record(db, owner, record, clock.now())
    if query.bot is not None:
        await clear_private_menu(query.bot, user.chat_id)
    storage = state.storage
    if hasattr(storage, "forget"):
        storage.forget()
    await show(query, t("privacy-erased"))


def register(r: Router) -> None:
    r.message.register(privacy, Command("privacy"))
    r.message.register(delete_my_data, Command("deletemydata"))
    r.callback_query.register(erase, PrivacyCb.filter(F.action == PrivacyAction.ERASE))
