"""The "👤 Responsible" row of a company record's details (a personal record has none)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton

from bot.db import Database
from bot.db import workspaces as ws_repo
from bot.db.records import Record
from bot.db.workspaces import Member
from bot.i18n import Translator
from handlers.tracking.callbacks import RespCb
from handlers.workspace.views import button, member_name, role_name
from knowledge.teams import Role, allows


def may_be_responsible(member: Member) -> bool:
    """Someone who may change records (a viewer only reads)."""
    return allows(member.role, Role.MEMBER)


async def responsible_row(
    t: Translator, db: Database, record: Record
) -> list[InlineKeyboardButton] | None:
    if record.workspace_id is None:
        return None
    workspace = await ws_repo.get(db, record.workspace_id)
    if workspace is None or workspace.kind != "company":
        return None
    member = await ws_repo.member(db, workspace.id, record.user_id)
    name = member_name(t, member) if member is not None else t("rsp-former")
    data = RespCb(ws=workspace.id, id=record.id)
    return [button(t("rsp-btn", name=name), data)]


def choice_label(t: Translator, member: Member, current: int) -> str:
    mark = "✓ " if member.user_id == current else ""
    return f"{mark}{member_name(t, member)} ({role_name(t, member.role)})"
