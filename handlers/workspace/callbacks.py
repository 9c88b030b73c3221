"""Typed button data of workspaces and members. A button that names a workspace carries it as
``ws``: the role check (``bot.access``) reads the membership of that one."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ids import RowId
from knowledge.teams import Role


class WsAction(StrEnum):
    SWITCH = "sw"
    MEMBERS = "mem"
    INVITE = "inv"  # choose the role of a new invitation


class WsCb(CallbackData, prefix="ws"):
    action: WsAction
    ws: RowId


class WsNav(StrEnum):
    LIST = "list"
    NEW = "new"
    SKIP = "skip"  # no BIN
    CANCEL = "cancel"


class WsNavCb(CallbackData, prefix="wsn"):
    action: WsNav


class InviteCb(CallbackData, prefix="wsi"):
    ws: RowId
    role: Role


class MemberAction(StrEnum):
    OPEN = "open"
    ROLE = "role"
    REMOVE = "rm"
    REMOVE_YES = "rmy"


class MemberCb(CallbackData, prefix="wsm"):
    action: MemberAction
    ws: RowId
    user: RowId
    role: Role = Role.VIEWER  # the new role, for ROLE


class OwnAction(StrEnum):
    TRANSFER = "tr"  # choose the new owner
    DELETE = "del"
    DELETE_YES = "dely"


class OwnCb(CallbackData, prefix="wso"):
    """The owner's buttons (transfer, delete the workspace)."""

    action: OwnAction
    ws: RowId


class TransferCb(CallbackData, prefix="wst"):
    ws: RowId
    user: RowId
    sure: bool = False  # False: asks to confirm; True: transfers
