"""A record's card and its buttons: open, rename, change the date, close, delete; /track."""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db.records import MAX_LABEL, Record
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import checklist as checklist_repo
from bot.records import details as details_repo
from bot.records.details import Details
from bot.records.planning import replan_record
from bot.reminders import repo as reminders_repo
from handlers import fees
from handlers.access import READ, WRITE, in_workspace, writes
from handlers.callbacks import MenuCb
from handlers.datepick import (
    DateAction,
    DateCb,
    confirm_markup,
    confirm_text,
    picked,
    retype_markup,
)
from handlers.deadlines import ask_event
from handlers.keyboards import menu_button
from handlers.replies import show
from handlers.states import Editing
from handlers.tracking.callbacks import RecAction, RecCb
from handlers.tracking.forms import DetailEdit, EditForm, load, store
from handlers.tracking.history import show_history
from handlers.tracking.prompts import answer_with, need_text, start_over
from handlers.tracking.responsible_view import responsible_row
from handlers.tracking.views import (
    delete_keyboard,
    details_keyboard,
    details_text,
    edit_rows,
    keyboard,
    record_keyboard,
    record_text,
    record_title,
    short_text,
)
from knowledge.calculator import event_date
from knowledge.userdates import parse_user_date


async def card(t: Translator, db: Database, user: User, record: Record) -> str:
    """The record card's text, with its reminders as stored now (``user``: its creator)."""
    stored = await details_repo.get(db, user.id, record.id)
    details = stored or Details()
    reminders = [r for r in await reminders_repo.upcoming(db, user.id) if r.record_id == record.id]
    extra = []
    if (docs := await checklist_repo.progress(db, user.id, record, stored)) is not None:
        extra.append(t("chk-progress", collected=docs.collected, total=docs.total))
    if record.kind == "fee" and (
        fee := await fees.card_line(t, db, user.id, record.id, record.event_date)
    ):
        extra.append(fee)
    return record_text(t, record, details, reminders, extra)


async def send_card(
    message: Message, t: Translator, db: Database, user: User, record_id: int
) -> None:
    record = await records_repo.get(db, user.id, record_id)
    if record is None:
        await message.answer(t("track-not-found"))
        return
    await message.answer(
        await card(t, db, user, record), reply_markup=record_keyboard(t, record.id, True)
    )


async def open_card(
    query: CallbackQuery,
    t: Translator,
    db: Database,
    user: User,
    record: Record,
    may_write: bool = True,
) -> None:
    markup = record_keyboard(t, record.id, may_write)
    await show(query, await card(t, db, user, record), markup)


async def ask_delete(query: CallbackQuery, t: Translator, record: Record) -> None:
    text = t("track-delete-confirm", name=record_title(t, record))
    await show(query, text, delete_keyboard(t, record.id))


async def delete(
    query: CallbackQuery,
    t: Translator,
    db: Database,
    user: User,
    record: Record,
    by: int,
    now: dt.datetime,
) -> None:
    await records_repo.delete(db, user.id, record.id)
    await show(query, t("track-deleted"), menu_button(t))


async def close(
    query: CallbackQuery,
    t: Translator,
    db: Database,
    user: User,
    record: Record,
    by: int,
    now: dt.datetime,
) -> None:
    async with db.transaction():
        closing = record.status != "done"  # a second tap closes nothing new
        await records_repo.set_status(db, user.id, record.id, "done")
        await reminders_repo.close_record(db, user.id, record.id)
        if closing:
            await audit.log(db, record.id, by, audit.Action.DONE, now)
    await show(query, t("track-closed", name=record_title(t, record)), menu_button(t))


async def more(
    query: CallbackQuery,
    t: Translator,
    db: Database,
    user: User,
    record: Record,
    may_write: bool = True,
) -> None:
    details = await details_repo.get(db, user.id, record.id) or Details()
    markup = details_keyboard(t, record, details, may_write)
    if may_write and (row := await responsible_row(t, db, record)) is not None:
        markup.inline_keyboard.insert(-1, row)  # above Back
    await show(query, details_text(t, record, details), markup)


async def ask_edit(
    query: CallbackQuery, t: Translator, state: FSMContext, record: Record, action: RecAction
) -> None:
    await state.set_state(Editing.label if action == RecAction.RENAME else Editing.date)
    await store(state, EditForm(record=record.id, kind=record.kind))
    key = "track-ask-rename" if action == RecAction.RENAME else "track-ask-date"
    if query.message is not None and query.bot is not None:
        await query.bot.send_message(
            query.message.chat.id, t(key), reply_markup=keyboard(*edit_rows(t, record.id))
        )


async def record_action(
    query: CallbackQuery,
    callback_data: RecCb,
    t: Translator,
    user: User,
    db: Database,
    state: FSMContext,
    clock: Clock,
    access: Access,
) -> None:
    found = await in_workspace(db, access, callback_data.id, user)
    if found is None:  # another workspace's id, a deleted record (a second "Yes, delete")
        await query.answer(t("track-not-found"))
        return
    presser = user
    record, user = found  # from here on the record's creator: its rows and reminders
    action = callback_data.action
    if await state.get_state() in EDIT_STATES:
        await state.clear()  # any record button leaves a rename/date/detail prompt
    if action in (RecAction.RENAME, RecAction.REDATE):
        await ask_edit(query, t, state, record, action)
    elif action == RecAction.DELETE:
        await ask_delete(query, t, record)
    elif action == RecAction.HISTORY:  # read by anyone who may read the record
        await show_history(query, t, db, access, presser, record)
    elif action in READ_ACTIONS:  # what they read offers edits by the presser's role
        await READERS[action](query, t, db, user, record, writes(access))
    else:
        await ACTIONS[action](query, t, db, user, record, access.user_id, clock.now())


READERS = {RecAction.OPEN: open_card, RecAction.CANCEL: open_card, RecAction.MORE: more}
ACTIONS = {RecAction.DELETE_YES: delete, RecAction.DONE: close}
READ_ACTIONS = (RecAction.OPEN, RecAction.CANCEL, RecAction.MORE, RecAction.HISTORY)
EDIT_STATES = {s.state for s in (*Editing.__states__, *DetailEdit.__states__)}


async def _update(
    db: Database,
    access: Access,
    owner: User,
    record: Record,
    clock: Clock,
    label: str | None,
    event_date: dt.date | None,
) -> bool:
    """The change and its history line in one transaction (by the presser, not the owner)."""
    async with db.transaction():
        if not await records_repo.update(db, owner.id, record.id, label, event_date):
            return False
        field = audit.Field.LABEL if label is not None else audit.Field.DATE
        await audit.log(db, record.id, access.user_id, audit.Action.EDITED, clock.now(), field)
    return True


async def edited(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
    label: str | None = None,
    event_date: dt.date | None = None,
) -> None:
    form = await load(state, EditForm)
    await state.clear()
    found = None if form is None else await in_workspace(db, access, form.record, user)
    if found is None or not await _update(db, access, found[1], found[0], clock, label, event_date):
        await message.answer(t("track-not-found"))
        return
    owner = found[1]
    record = await records_repo.get(db, owner.id, found[0].id)
    assert record is not None
    await replan_record(db, owner, record, clock.now())
    await send_card(message, t, db, owner, record.id)


async def rename(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    form = await load(state, EditForm)
    if form is None:
        await start_over(message, t, state)
        return
    label = short_text(message.text, MAX_LABEL)
    if label is None:
        await answer_with(
            message, t("track-rename-invalid", limit=MAX_LABEL), edit_rows(t, form.record)
        )
        return
    await edited(message, t, user, db, clock, state, access, label=label)


async def redate(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    form = await load(state, EditForm)
    if form is None:
        await start_over(message, t, state)
        return
    today = clock.today(user.timezone)
    parsed = event_date(parse_user_date(message.text or "", today), today, form.kind)
    rows = edit_rows(t, form.record)
    if parsed.value is None:  # one message; the calendar only when asked
        await message.answer(
            t(f"datepick-problem-{parsed.problem}"), reply_markup=retype_markup(t, today, rows)
        )
        return
    if parsed.doubt is not None:
        markup = confirm_markup(t, parsed, today, rows)
        await message.answer(confirm_text(t, parsed), reply_markup=markup)
        return
    await edited(message, t, user, db, clock, state, access, event_date=parsed.value)


async def redate_picked(
    query: CallbackQuery,
    callback_data: DateCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    day = picked(callback_data)
    if day is None or not isinstance(query.message, Message):
        await query.answer(t("stale-button"))
        return
    await edited(query.message, t, user, db, clock, state, access, event_date=day)


async def edit_not_text(message: Message, t: Translator, state: FSMContext) -> None:
    form = await load(state, EditForm)
    if form is None:
        await start_over(message, t, state)
        return
    await need_text(message, t, edit_rows(t, form.record))


async def track(message: Message, t: Translator, state: FSMContext, access: Access) -> None:
    if not writes(access):  # a viewer cannot save: say so, not "press Track this"
        await message.answer(t("track-read-only"))
        return
    # Adding a record starts with its dates: the calculator's steps, then "Track this".
    await message.answer(t("track-how"))
    await ask_event(message, t, state)


async def track_button(
    query: CallbackQuery, t: Translator, state: FSMContext, access: Access
) -> None:
    if not writes(access):  # an old menu message: the role changed since
        await query.answer(t("track-read-only"), show_alert=True)
        return
    await ask_event(query, t, state)


def register(r: Router) -> None:
    r.message.register(track, Command("track"), flags=READ)
    r.callback_query.register(track_button, MenuCb.filter(F.action == "track"), flags=READ)
    # The role each button needs is checked in one place (bot.access): reading needs a member
    # of any role, a change needs "member" or above.
    reading = F.action.in_(READ_ACTIONS)
    r.callback_query.register(record_action, RecCb.filter(reading), flags=READ)
    r.callback_query.register(record_action, RecCb.filter(~reading), flags=WRITE)
    for observer in (r.message, r.edited_message):  # an edited answer is a corrected answer
        observer.register(rename, Editing.label, F.text, flags=WRITE)
        observer.register(redate, Editing.date, F.text, flags=WRITE)
    r.callback_query.register(
        redate_picked, Editing.date, DateCb.filter(F.action == DateAction.PICK), flags=WRITE
    )
    r.message.register(edit_not_text, StateFilter(Editing))
