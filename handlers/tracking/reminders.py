"""A delivered reminder's buttons: Done (✓ and the time in its text), Snooze, Open the record."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from bot.reminders.repo import Reminder
from bot.reminders.timing import send_time
from handlers.access import writes
from handlers.tracking.callbacks import RemAction, RemCb
from handlers.tracking.records import card
from handlers.tracking.views import record_keyboard
from knowledge.l10n import format_date

SNOOZE_DAYS = {RemAction.SNOOZE_DAY: 1, RemAction.SNOOZE_WEEK: 7}


async def done(
    query: CallbackQuery, t: Translator, user: User, db: Database, clock: Clock, reminder: Reminder
) -> None:
    if reminder.status == "done":  # a second tap: the message says ✓ already
        await query.answer(t("rem-done"))
        return
    async with db.transaction():
        await reminders_repo.mark_done(db, user.id, reminder.id)
        await audit.log(
            db, reminder.record_id, user.id, audit.Action.DONE, clock.now(), reminder.kind
        )
    await query.answer(t("rem-done"))
    message = query.message
    if isinstance(message, Message) and message.text is not None:
        at = clock.now().astimezone(ZoneInfo(user.timezone)).strftime("%H:%M")
        mark = t("rem-done-mark", time=at)
        await message.edit_text(f"{message.html_text}\n\n{mark}", reply_markup=None)


async def snooze(
    query: CallbackQuery,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    reminder: Reminder,
    days: int,
) -> None:
    day = clock.today(user.timezone) + dt.timedelta(days=days)
    until = send_time(day, user.timezone, user.reminder_hour, user.quiet_start, user.quiet_end)
    async with db.transaction():
        snoozed = await reminders_repo.snooze(db, user.id, reminder.id, until)
        if snoozed:
            await audit.log(
                db, reminder.record_id, user.id, audit.Action.SNOOZED, clock.now(), day.isoformat()
            )
    if snoozed:
        await query.answer(t("rem-snoozed", date=format_date(day, t.lang)))
    else:  # already done (or closed with its record): nothing to snooze
        await query.answer(t("rem-not-found"))


async def open_record(
    query: CallbackQuery, t: Translator, user: User, db: Database, reminder: Reminder
) -> None:
    record = await records_repo.get(db, user.id, reminder.record_id)
    if record is None:
        await query.answer(t("rem-not-found"))
        return
    await query.answer()
    if query.bot is not None:  # one demoted to viewer since is offered no edits
        role = await ws_repo.access(db, user.id, record.workspace_id or 0)
        markup = record_keyboard(t, record.id, role is not None and writes(role))
        await query.bot.send_message(
            user.chat_id, await card(t, db, user, record), reply_markup=markup
        )


async def reminder_action(
    query: CallbackQuery,
    callback_data: RemCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
) -> None:
    reminder = await reminders_repo.get(db, user.id, callback_data.id)
    if reminder is None:
        await query.answer(t("rem-not-found"))
    elif callback_data.action == RemAction.DONE:
        await done(query, t, user, db, clock, reminder)
    elif callback_data.action == RemAction.OPEN:
        await open_record(query, t, user, db, reminder)
    else:
        await snooze(query, t, user, db, clock, reminder, SNOOZE_DAYS[callback_data.action])


def register(r: Router) -> None:
    r.callback_query.register(reminder_action, RemCb.filter())
