"""Handlers of the group chat: link and unlink (a workspace admin who is a group administrator),
Done/Snooze on a group escalation (a workspace member who may write), the rest stays quiet."""

from __future__ import annotations

import datetime as dt
import html

from aiogram import Bot, F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.filters import JOIN_TRANSITION, ChatMemberUpdatedFilter, Command, Filter
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.clock import Clock
from bot.db import Database, audit, groups
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.reminders import repo
from bot.reminders.escalation import GroupAction, GroupCb
from handlers.access import ADMIN, WRITE

SNOOZE = dt.timedelta(days=1)
ADMINS = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}


async def link(
    message: Message,
    bot: Bot,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    if access.workspace.kind != "company":
        await message.answer(t("grp-link-company-only"))
        return
    member = await bot.get_chat_member(message.chat.id, user.id)
    if member.status not in ADMINS:
        await message.answer(t("grp-link-not-group-admin"))
        return
    await groups.link(db, message.chat.id, access.workspace.id, user.id, user.lang, clock.now())
    await message.answer(t("grp-linked", company=html.escape(access.workspace.name)))


async def unlink(message: Message, t: Translator, db: Database, access: Access) -> None:
    found = await groups.of_chat(db, message.chat.id)
    if found is None or found.workspace_id != access.workspace.id:
        await message.answer(t("grp-not-linked"))  # not this admin's workspace's group
        return
    await groups.unlink(db, message.chat.id)
    await message.answer(t("grp-unlinked"))


async def other_command(message: Message, t: Translator) -> None:
    """Any other command or a mention: private data stays in private chats."""
    await message.answer(t("grp-private-only"))


async def quiet(message: Message) -> None:
    """Plain group talk: the bot does not answer it."""


async def log_press(
    db: Database, reminder: repo.Reminder, by: int, done: bool, clock: Clock
) -> None:
    if done:
        await audit.log(db, reminder.record_id, by, audit.Action.DONE, clock.now(), reminder.kind)
        return
    until = (clock.now() + SNOOZE).date().isoformat()
    await audit.log(db, reminder.record_id, by, audit.Action.SNOOZED, clock.now(), until)


async def pressed(
    query: CallbackQuery,
    callback_data: GroupCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
) -> None:
    ws, rid = callback_data.ws, callback_data.rid
    done = callback_data.action is GroupAction.DONE
    note = "grp-done-by" if done else "grp-snoozed-by"
    async with db.transaction():  # the change and its history line (who pressed) together
        reminder = await repo.in_workspace(db, ws, rid)
        if done:
            changed = await repo.done_in_workspace(db, ws, rid, user.id)
        else:
            changed = await repo.snooze_in_workspace(db, ws, rid, clock.now() + SNOOZE, user.id)
        if changed and reminder is not None:
            await log_press(db, reminder, user.id, done, clock)
    if not changed:
        await query.answer(t("grp-already"), show_alert=True)
        return
    said = t(note, who=html.escape(query.from_user.full_name))
    await query.answer(said)
    if isinstance(query.message, Message):  # the group sees who acted; the buttons go
        await query.message.edit_text(f"{query.message.html_text}\n{said}", reply_markup=None)


async def added(event: ChatMemberUpdated, bot: Bot, t: Translator) -> None:
    """The bot was added to a group: say, in the adder's language, what /link does."""
    await bot.send_message(event.chat.id, t("grp-hello"))


class MentionsBot(Filter):
    """The message names the bot (@its_username)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        me = await bot.me()
        text = (message.text or message.caption or "").lower()
        return me.username is not None and f"@{me.username.lower()}" in text


def register(r: Router) -> None:
    r.message.register(link, Command("link"), flags=ADMIN)
    r.message.register(unlink, Command("unlink"), flags=ADMIN)
    r.message.register(other_command, F.text.startswith("/"))
    r.message.register(other_command, MentionsBot())
    r.message.register(quiet)
    r.callback_query.register(pressed, GroupCb.filter(), flags=WRITE)
    r.my_chat_member.register(added, ChatMemberUpdatedFilter(JOIN_TRANSITION))
