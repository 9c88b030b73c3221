"""/workspace: switch workspaces, create a company, invite colleagues, manage members.

Each handler's role is a flag (``ROLE_*``); ``bot.access`` checks it in one place and gives the
handler ``access``. A button naming a workspace (``ws``) is checked against that workspace.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.db.workspaces import INVITE_PREFIX, INVITE_TTL, MAX_NAME, Access, Refused
from bot.i18n import Translator
from bot.records.planning import replan_record
from bot.records.responsible import hand_over_all
from handlers.access import ADMIN, READ
from handlers.commands import sync_private_menu
from handlers.forms import load, store
from handlers.prompts import answer_with, need_text, start_over
from handlers.replies import reply, show
from handlers.states import NewWorkspace
from handlers.workspace.callbacks import (
    InviteCb,
    MemberAction,
    MemberCb,
    WsAction,
    WsCb,
    WsNav,
    WsNavCb,
)
from handlers.workspace.forms import NewForm
from handlers.workspace.views import (
    invite_markup,
    list_markup,
    list_text,
    markup,
    member_card,
    member_markup,
    member_name,
    members_markup,
    members_text,
    prompt_rows,
    remove_markup,
    role_name,
    ws_name,
)
from knowledge import bin as kbin
from knowledge.teams import Role, allows, may_grant, may_manage


async def show_list(
    target: Message | CallbackQuery, t: Translator, db: Database, access: Access, note: str = ""
) -> None:
    text = list_text(t, access) if not note else f"{note}\n\n{list_text(t, access)}"
    await reply(target, text, list_markup(t, access, await ws_repo.mine(db, access.user_id)))


async def workspace_command(
    message: Message, t: Translator, db: Database, access: Access, state: FSMContext
) -> None:
    await state.clear()
    await show_list(message, t, db, access)


async def list_button(query: CallbackQuery, t: Translator, db: Database, access: Access) -> None:
    await show_list(query, t, db, access)


async def switch(
    query: CallbackQuery, t: Translator, db: Database, clock: Clock, bot: Bot, access: Access
) -> None:
    await ws_repo.switch(db, access.user_id, access.workspace.id)
    await sync_private_menu(bot, db, clock, access.user_id)
    note = t("ws-switched", name=ws_name(t, access.workspace), role=role_name(t, access.role))
    await show_list(query, t, db, access, note)


async def new_start(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(NewWorkspace.name)
    await state.set_data({})
    await reply(query, t("ws-ask-name", limit=MAX_NAME), markup(prompt_rows(t)))


async def new_name(message: Message, t: Translator, state: FSMContext) -> None:
    """The company's name; an edited one corrects it."""
    name = (message.text or "").strip()
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        await answer_with(message, t("ws-name-invalid", limit=MAX_NAME), prompt_rows(t))
        return
    await store(state, NewForm(name=name))
    await state.set_state(NewWorkspace.bin)
    await answer_with(message, t("ws-ask-bin"), prompt_rows(t, skip=True))


async def new_bin(
    message: Message, t: Translator, state: FSMContext, db: Database, clock: Clock
) -> None:
    if not kbin.is_valid(message.text or ""):
        await answer_with(message, t("ws-bin-invalid"), prompt_rows(t, skip=True))
        return
    await _create(message, t, state, db, clock, kbin.normalize(message.text or ""))


async def new_skip(
    query: CallbackQuery, t: Translator, state: FSMContext, db: Database, clock: Clock
) -> None:
    await _create(query, t, state, db, clock, "")


async def _create(
    target: Message | CallbackQuery,
    t: Translator,
    state: FSMContext,
    db: Database,
    clock: Clock,
    bin_: str,
) -> None:
    form = await load(state, NewForm)
    if form is None or not form.name:
        await start_over(target, t, state)
        return
    sender = target.from_user
    owner = sender.full_name if sender is not None else ""
    user_id = sender.id if sender is not None else 0
    await ws_repo.create_company(db, user_id, form.name, bin_, owner, clock.now())
    await state.clear()
    if target.bot is not None:  # the owner of the new company writes: the full menu
        await sync_private_menu(target.bot, db, clock, user_id)
    access = await ws_repo.current(db, user_id, clock.now())
    await show_list(target, t, db, access, t("ws-created", name=ws_name(t, access.workspace)))


async def new_not_text(message: Message, t: Translator, state: FSMContext) -> None:
    skip = await state.get_state() == NewWorkspace.bin.state
    await need_text(message, t, prompt_rows(t, skip=skip))


async def new_cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await show(query, t("cancelled"))


async def members(query: CallbackQuery, t: Translator, db: Database, access: Access) -> None:
    found = await ws_repo.members(db, access.workspace.id)
    await show(query, members_text(t, access, found), members_markup(t, access, found))


async def invite_choose(query: CallbackQuery, t: Translator, access: Access) -> None:
    await show(
        query, t("ws-invite-choose", name=ws_name(t, access.workspace)), invite_markup(t, access)
    )


async def invite_make(
    query: CallbackQuery,
    callback_data: InviteCb,
    t: Translator,
    db: Database,
    clock: Clock,
    bot: Bot,
    access: Access,
) -> None:
    if not may_grant(access.role, callback_data.role):
        await query.answer(t("ws-denied"), show_alert=True)
        return
    payload = await ws_repo.invite(
        db, access.workspace.id, callback_data.role, access.user_id, clock.now()
    )
    me = await bot.me()
    link = f"https://t.me/{me.username}?start={payload}"
    text = t(
        "ws-invite-link",
        days=INVITE_TTL.days,
        name=ws_name(t, access.workspace),
        role=role_name(t, callback_data.role),
        link=link,
    )
    await reply(query, text)  # a new message: the link stays when the list is browsed on
    await query.answer()


async def _target(
    query: CallbackQuery, data: MemberCb, t: Translator, db: Database, access: Access
) -> ws_repo.Member | None:
    """The member a button names, if the presser may manage them; else it says why."""
    member = await ws_repo.member(db, access.workspace.id, data.user)
    if member is None:
        await query.answer(t("ws-member-gone"), show_alert=True)
        return None
    if member.user_id == access.user_id or not may_manage(access.role, member.role):
        await query.answer(t("ws-denied"), show_alert=True)
        return None
    return member


async def member_open(
    query: CallbackQuery, callback_data: MemberCb, t: Translator, db: Database, access: Access
) -> None:
    if (member := await _target(query, callback_data, t, db, access)) is not None:
        await show(query, member_card(t, member), member_markup(t, access.workspace.id, member))


async def take_records(
    db: Database, access: Access, member: ws_repo.Member, user: User, clock: Clock
) -> int:
    """The member's records pass to ``user`` (who removed them or made them a viewer), with
    their reminders re-planned by ``user``'s settings; how many moved."""
    moved = await hand_over_all(
        db, access.workspace.id, member.user_id, user.id, user.id, clock.now()
    )
    for record_id in moved:
        if (record := await records_repo.get(db, user.id, record_id)) is not None:
            await replan_record(db, user, record, clock.now())
    return len(moved)


async def member_role(
    query: CallbackQuery,
    callback_data: MemberCb,
    t: Translator,
    db: Database,
    clock: Clock,
    user: User,
    access: Access,
) -> None:
    """A viewer only reads, so one made a viewer is responsible for nothing: their records pass
    to the one who changed the role, as on removal."""
    member = await _target(query, callback_data, t, db, access)
    if member is None:
        return
    if not may_grant(access.role, callback_data.role):
        await query.answer(t("ws-denied"), show_alert=True)
        return
    await ws_repo.set_role(db, access.workspace.id, member.user_id, callback_data.role)
    moved = 0
    if not allows(callback_data.role, Role.MEMBER):
        moved = await take_records(db, access, member, user, clock)
    if query.bot is not None:
        await sync_private_menu(query.bot, db, clock, member.user_id)
    changed = ws_repo.Member(member.user_id, callback_data.role, member.name)
    note = t("ws-role-changed", name=member_name(t, changed), role=role_name(t, changed.role))
    if moved:
        note += "\n" + t("ws-records-moved", count=moved)
    await show(
        query,
        f"{note}\n\n{member_card(t, changed)}",
        member_markup(t, access.workspace.id, changed),
    )


async def member_remove(
    query: CallbackQuery, callback_data: MemberCb, t: Translator, db: Database, access: Access
) -> None:
    if (member := await _target(query, callback_data, t, db, access)) is not None:
        text = t(
            "ws-remove-confirm", name=member_name(t, member), workspace=ws_name(t, access.workspace)
        )
        await show(query, text, remove_markup(t, access.workspace.id, member))


async def member_remove_yes(
    query: CallbackQuery,
    callback_data: MemberCb,
    t: Translator,
    db: Database,
    clock: Clock,
    user: User,
    access: Access,
) -> None:
    """Their records pass to the one who removed them (reminders included): a removed member
    hears nothing more of the company."""
    member = await _target(query, callback_data, t, db, access)
    if member is None:
        return
    moved = await take_records(db, access, member, user, clock)
    await ws_repo.remove(db, access.workspace.id, member.user_id)
    if query.bot is not None:
        await sync_private_menu(query.bot, db, clock, member.user_id)
    found = await ws_repo.members(db, access.workspace.id)
    note = t("ws-removed", name=member_name(t, member))
    if moved:
        note += "\n" + t("ws-records-moved", count=moved)
    await show(
        query, f"{note}\n\n{members_text(t, access, found)}", members_markup(t, access, found)
    )


async def join(
    message: Message,
    command: CommandObject,
    t: Translator,
    db: Database,
    clock: Clock,
    state: FSMContext,
) -> None:
    """/start inv_…: an invitation; once, before it expires."""
    await state.clear()
    sender = message.from_user
    if sender is None:
        return
    joined = await ws_repo.redeem(db, command.args or "", sender.id, sender.full_name, clock.now())
    if isinstance(joined, Refused):
        await message.answer(t(f"ws-join-{joined.value}"))
        return
    if message.bot is not None:  # a viewer's menu offers no /track
        await sync_private_menu(message.bot, db, clock, sender.id)
    name = ws_name(t, joined.workspace)
    await show_list(
        message, t, db, joined, t("ws-joined", name=name, role=role_name(t, joined.role))
    )


def register(r: Router) -> None:
    invited = CommandStart(deep_link=True, magic=F.args.startswith(INVITE_PREFIX))
    r.message.register(join, invited)
    r.message.register(workspace_command, Command("workspace"), flags=READ)
    cb = r.callback_query
    cb.register(list_button, WsNavCb.filter(F.action == WsNav.LIST), flags=READ)
    cb.register(switch, WsCb.filter(F.action == WsAction.SWITCH), flags=READ)
    cb.register(new_start, WsNavCb.filter(F.action == WsNav.NEW))
    for observer in (r.message, r.edited_message):
        observer.register(new_name, NewWorkspace.name, F.text)
        observer.register(new_bin, NewWorkspace.bin, F.text)
    r.message.register(new_not_text, StateFilter(NewWorkspace))
    cb.register(new_skip, NewWorkspace.bin, WsNavCb.filter(F.action == WsNav.SKIP))
    cb.register(new_cancel, StateFilter(NewWorkspace), WsNavCb.filter(F.action == WsNav.CANCEL))
    cb.register(members, WsCb.filter(F.action == WsAction.MEMBERS), flags=READ)
    cb.register(invite_choose, WsCb.filter(F.action == WsAction.INVITE), flags=ADMIN)
    cb.register(invite_make, InviteCb.filter(), flags=ADMIN)
    for action, handler in (
        (MemberAction.OPEN, member_open),
        (MemberAction.ROLE, member_role),
        (MemberAction.REMOVE, member_remove),
        (MemberAction.REMOVE_YES, member_remove_yes),
    ):
        cb.register(handler, MemberCb.filter(F.action == action), flags=ADMIN)
