"""Texts and keyboards of workspaces and members (pure functions; names are HTML-escaped)."""

from __future__ import annotations

from html import escape, unescape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.db.workspaces import Access, Member, Workspace
from bot.i18n import Translator
from handlers.workspace.callbacks import (
    InviteCb,
    MemberAction,
    MemberCb,
    OwnAction,
    OwnCb,
    TransferCb,
    WsAction,
    WsCb,
    WsNav,
    WsNavCb,
)
from knowledge.teams import INVITABLE, Role, allows, may_manage

Rows = list[list[InlineKeyboardButton]]


LABEL = 36  # a button alone on its row shows this much on a phone (tests/support/budget.py)


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """A label is plain text: names escaped for messages are shown as typed here; a long company
    or member name is cut to what a phone shows, with an ellipsis."""
    label = unescape(text)
    if len(label) > LABEL:
        label = label[: LABEL - 1] + "…"
    return InlineKeyboardButton(text=label, callback_data=data.pack())


def markup(rows: Rows) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def ws_name(t: Translator, workspace: Workspace) -> str:
    """Escaped: a company's name is what a user typed."""
    return t("ws-personal") if workspace.kind == "personal" else escape(workspace.name)


def role_name(t: Translator, role: Role) -> str:
    return t(f"ws-role-{role.value}")


def member_name(t: Translator, member: Member) -> str:
    return escape(member.name) if member.name else t("ws-unnamed", id=member.user_id)


def list_text(t: Translator, now: Access) -> str:
    return t("ws-title", name=ws_name(t, now.workspace), role=role_name(t, now.role))


def list_markup(t: Translator, now: Access, mine: list[Access]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                ("✓ " if item.workspace.id == now.workspace.id else "")
                + ws_name(t, item.workspace),
                WsCb(action=WsAction.SWITCH, ws=item.workspace.id),
            )
        ]
        for item in mine
    ]
    if now.workspace.kind == "company":
        ws = now.workspace.id
        rows.append([button(t("ws-btn-members"), WsCb(action=WsAction.MEMBERS, ws=ws))])
        if now.role == Role.OWNER:
            rows.append(
                [
                    button(t("ws-btn-transfer"), OwnCb(action=OwnAction.TRANSFER, ws=ws)),
                    button(t("ws-btn-delete"), OwnCb(action=OwnAction.DELETE, ws=ws)),
                ]
            )
    rows.append([button(t("ws-btn-new"), WsNavCb(action=WsNav.NEW))])
    return markup(rows)


def prompt_rows(t: Translator, skip: bool = False) -> Rows:
    row = [button(t("ws-btn-skip"), WsNavCb(action=WsNav.SKIP))] if skip else []
    return [[*row, button(t("ws-btn-cancel"), WsNavCb(action=WsNav.CANCEL))]]


def members_text(t: Translator, access: Access, members: list[Member]) -> str:
    lines = [t("ws-members-title", name=ws_name(t, access.workspace)), ""]
    lines += [
        t("ws-member-line", name=member_name(t, m), role=role_name(t, m.role)) for m in members
    ]
    return "\n".join(lines)


def members_markup(t: Translator, access: Access, members: list[Member]) -> InlineKeyboardMarkup:
    """Admins get a button per member they may manage and Invite; others only Back."""
    ws = access.workspace.id
    rows: Rows = []
    if allows(access.role, Role.ADMIN):
        rows += [
            [button(member_name(t, m), MemberCb(action=MemberAction.OPEN, ws=ws, user=m.user_id))]
            for m in members
            if m.user_id != access.user_id and may_manage(access.role, m.role)
        ]
        rows.append([button(t("ws-btn-invite"), WsCb(action=WsAction.INVITE, ws=ws))])
    rows.append([button(t("ws-btn-back"), WsNavCb(action=WsNav.LIST))])
    return markup(rows)


def invite_markup(t: Translator, access: Access) -> InlineKeyboardMarkup:
    ws = access.workspace.id
    rows = [[button(role_name(t, role), InviteCb(ws=ws, role=role))] for role in INVITABLE]
    rows.append([button(t("ws-btn-back"), WsCb(action=WsAction.MEMBERS, ws=ws))])
    return markup(rows)


def member_card(t: Translator, member: Member) -> str:
    return t("ws-member-card", name=member_name(t, member), role=role_name(t, member.role))


def member_markup(t: Translator, ws: int, member: Member) -> InlineKeyboardMarkup:
    user = member.user_id
    roles = [
        button(
            t("ws-btn-make", role=role_name(t, role)),
            MemberCb(action=MemberAction.ROLE, ws=ws, user=user, role=role),
        )
        for role in INVITABLE
        if role != member.role
    ]
    remove = button(t("ws-btn-remove"), MemberCb(action=MemberAction.REMOVE, ws=ws, user=user))
    back = button(t("ws-btn-back"), WsCb(action=WsAction.MEMBERS, ws=ws))
    return markup([roles, [remove], [back]])


def remove_markup(t: Translator, ws: int, member: Member) -> InlineKeyboardMarkup:
    yes = MemberCb(action=MemberAction.REMOVE_YES, ws=ws, user=member.user_id)
    back = MemberCb(action=MemberAction.OPEN, ws=ws, user=member.user_id)
    return markup([[button(t("ws-btn-remove-yes"), yes)], [button(t("ws-btn-back"), back)]])


def transfer_markup(t: Translator, ws: int, members: list[Member]) -> InlineKeyboardMarkup:
    rows = [
        [button(member_name(t, m), TransferCb(ws=ws, user=m.user_id))]
        for m in members
        if m.role != Role.OWNER
    ]
    rows.append([button(t("ws-btn-back"), WsNavCb(action=WsNav.LIST))])
    return markup(rows)


def transfer_confirm_markup(t: Translator, ws: int, member: Member) -> InlineKeyboardMarkup:
    yes = TransferCb(ws=ws, user=member.user_id, sure=True)
    back = OwnCb(action=OwnAction.TRANSFER, ws=ws)
    return markup([[button(t("ws-btn-transfer-yes"), yes)], [button(t("ws-btn-back"), back)]])


def delete_markup(t: Translator, ws: int) -> InlineKeyboardMarkup:
    yes = OwnCb(action=OwnAction.DELETE_YES, ws=ws)
    back = WsNavCb(action=WsNav.LIST)
    return markup([[button(t("ws-btn-delete-yes"), yes)], [button(t("ws-btn-back"), back)]])
