"""Who is responsible for a company record (default: its creator); they get its reminders."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records.planning import replan_record
from bot.records.responsible import hand_over
from handlers.access import WRITE, in_workspace
from handlers.replies import show
from handlers.tracking.callbacks import RecAction, RecCb, RespCb
from handlers.tracking.records import card
from handlers.tracking.responsible_view import choice_label, may_be_responsible
from handlers.tracking.views import record_keyboard, record_title
from handlers.workspace.views import button, markup, member_name


async def choose(
    query: CallbackQuery,
    callback_data: RespCb,
    t: Translator,
    db: Database,
    user: User,
    access: Access,
) -> None:
    found = await in_workspace(db, access, callback_data.id, user)
    if found is None:
        await query.answer(t("track-not-found"), show_alert=True)
        return
    record = found[0]
    members = [m for m in await ws_repo.members(db, access.workspace.id) if may_be_responsible(m)]
    rows = [
        [
            button(
                choice_label(t, m, record.user_id),
                RespCb(ws=access.workspace.id, id=record.id, user=m.user_id),
            )
        ]
        for m in members
    ]
    rows.append([button(t("track-btn-back"), RecCb(action=RecAction.MORE, id=record.id))])
    await show(query, t("rsp-choose", name=record_title(t, record)), markup(rows))


async def hand(
    query: CallbackQuery,
    callback_data: RespCb,
    t: Translator,
    db: Database,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    found = await in_workspace(db, access, callback_data.id, user)
    member = await ws_repo.member(db, access.workspace.id, callback_data.user)
    if found is None or member is None or not may_be_responsible(member):
        await query.answer(t("ws-member-gone") if found else t("track-not-found"), show_alert=True)
        return
    if not await hand_over(
        db, access.workspace.id, found[0].id, member.user_id, access.user_id, clock.now()
    ):
        await query.answer(t("ws-member-gone"), show_alert=True)
        return
    owner = await users_repo.get(db, member.user_id)
    record = await records_repo.get(db, member.user_id, found[0].id)
    if owner is not None and record is not None:
        await replan_record(db, owner, record, clock.now())
        note = t("rsp-set", name=member_name(t, member))
        await show(
            query,
            f"{note}\n\n{await card(t, db, owner, record)}",
            record_keyboard(t, record.id, True),
        )


def register(r: Router) -> None:
    r.callback_query.register(choose, RespCb.filter(F.user == 0), flags=WRITE)  # bot.access
    r.callback_query.register(hand, RespCb.filter(F.user != 0), flags=WRITE)
