"""The owner's part of /workspace: transfer ownership, delete the workspace (with confirmation)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.clock import Clock
from bot.db import Database
from bot.db import workspaces as ws_repo
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import OWNER
from handlers.commands import sync_private_menu
from handlers.replies import show
from handlers.workspace.callbacks import OwnAction, OwnCb, TransferCb
from handlers.workspace.flow import show_list
from handlers.workspace.views import (
    delete_markup,
    member_name,
    transfer_confirm_markup,
    transfer_markup,
    ws_name,
)


async def choose(query: CallbackQuery, t: Translator, db: Database, access: Access) -> None:
    others = [
        m for m in await ws_repo.members(db, access.workspace.id) if m.user_id != access.user_id
    ]
    if not others:
        await query.answer(t("ws-transfer-none"), show_alert=True)
        return
    text = t("ws-transfer-choose", name=ws_name(t, access.workspace))
    await show(query, text, transfer_markup(t, access.workspace.id, others))


async def transfer(
    query: CallbackQuery, callback_data: TransferCb, t: Translator, db: Database, access: Access
) -> None:
    member = await ws_repo.member(db, access.workspace.id, callback_data.user)
    if member is None or member.user_id == access.user_id:
        await query.answer(t("ws-member-gone"), show_alert=True)
        return
    name, workspace = member_name(t, member), ws_name(t, access.workspace)
    if not callback_data.sure:
        text = t("ws-transfer-confirm", member=name, name=workspace)
        await show(query, text, transfer_confirm_markup(t, access.workspace.id, member))
        return
    await ws_repo.transfer(db, access.workspace.id, access.user_id, member.user_id)
    now = await ws_repo.access(db, access.user_id, access.workspace.id)
    assert now is not None
    await show_list(query, t, db, now, t("ws-transferred", member=name, name=workspace))


async def ask_delete(query: CallbackQuery, t: Translator, db: Database, access: Access) -> None:
    count = await ws_repo.record_count(db, access.workspace.id)
    text = t("ws-delete-confirm", name=ws_name(t, access.workspace), count=count)
    await show(query, text, delete_markup(t, access.workspace.id))


async def delete(
    query: CallbackQuery, t: Translator, db: Database, clock: Clock, access: Access
) -> None:
    gone = await ws_repo.members(db, access.workspace.id)
    await ws_repo.delete(db, access.workspace.id)
    if query.bot is not None:
        for member in gone:  # a viewer there is back in their personal workspace
            await sync_private_menu(query.bot, db, clock, member.user_id)
    now = await ws_repo.current(db, access.user_id, clock.now())
    await show_list(query, t, db, now, t("ws-deleted", name=ws_name(t, access.workspace)))


def register(r: Router) -> None:
    cb = r.callback_query  # every one of these needs the owner (bot.access)
    cb.register(choose, OwnCb.filter(F.action == OwnAction.TRANSFER), flags=OWNER)
    cb.register(transfer, TransferCb.filter(), flags=OWNER)
    cb.register(ask_delete, OwnCb.filter(F.action == OwnAction.DELETE), flags=OWNER)
    cb.register(delete, OwnCb.filter(F.action == OwnAction.DELETE_YES), flags=OWNER)
