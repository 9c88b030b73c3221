"""A record's details: region, reference number, the printed end date, renewals, stage."""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database, audit
from bot.db.records import Record
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import details as details_repo
from bot.records.details import MAX_TEXT, STAGES
from bot.records.planning import replan_record
from handlers.access import READ, WRITE, in_workspace
from handlers.datepick import (
    DateAction,
    DateCb,
    confirm_markup,
    confirm_text,
    picked,
    retype_markup,
)
from handlers.replies import show
from handlers.tracking.callbacks import DetCb, DetField
from handlers.tracking.forms import DetailEdit, DetailForm, load, store
from handlers.tracking.prompts import answer_with, need_text, start_over
from handlers.tracking.records import card, send_card
from handlers.tracking.views import (
    detail_rows,
    keyboard,
    record_keyboard,
    renewal_choices,
    short_text,
)
from knowledge.userdates import parse_user_date

MAX_PERMIT_SPAN = 3 * 366  # days: a printed end further than this from the start is a typo
TYPED = {"vacancy": ("region", "ref"), "permit": ("region", "ref", "end")}


async def ask_detail(
    query: CallbackQuery, t: Translator, state: FSMContext, record: Record, field: str
) -> None:
    await state.set_state(DetailEdit.end if field == "end" else DetailEdit.text)
    await store(state, DetailForm(record=record.id, field=field))
    key = {"region": "track-ask-region", "ref": f"track-ask-ref-{record.kind}"}
    if query.message is not None and query.bot is not None:
        await query.bot.send_message(
            query.message.chat.id,
            t(key.get(field, "track-ask-end"), limit=MAX_TEXT),
            reply_markup=keyboard(*detail_rows(t, record.id)),
        )


async def set_choice(db: Database, user: User, record: Record, field: DetField, value: str) -> bool:
    """A detail chosen with a button; False for a value the record cannot take."""
    if (
        field == DetField.RENEWALS
        and value.isdigit()
        and int(value) in renewal_choices(record.route)
    ):
        await details_repo.set_renewals_used(db, user.id, record.id, int(value))
    elif field == DetField.END_RESET and record.kind == "permit":
        await details_repo.set_end_date(db, user.id, record.id, None)
    elif field == DetField.STAGE and value in STAGES and record.kind == "vacancy":
        await details_repo.set_stage(db, user.id, record.id, value)
    else:
        return field == DetField.BACK
    return True


HISTORY_FIELD = {
    DetField.RENEWALS: audit.Field.RENEWALS,
    DetField.END_RESET: audit.Field.END,
    DetField.STAGE: audit.Field.STAGE,
    "region": audit.Field.REGION,
    "ref": audit.Field.REF,
}


async def logged(
    db: Database, access: Access, record_id: int, field: audit.Field, now: dt.datetime
) -> None:
    """The history line of a detail's change (inside the change's transaction)."""
    await audit.log(db, record_id, access.user_id, audit.Action.EDITED, now, field)


async def detail(
    query: CallbackQuery,
    callback_data: DetCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    found = await in_workspace(db, access, callback_data.id, user)
    if found is None:  # another workspace's id, a deleted record or forged data
        await query.answer(t("track-not-found"))
        return
    record, user = found  # from here on the record's creator: its rows and reminders
    field = callback_data.field
    if field.value in TYPED.get(record.kind, ("region",)):
        await ask_detail(query, t, state, record, field.value)
        return
    async with db.transaction():
        if not await set_choice(db, user, record, field, callback_data.value):
            await query.answer(t("stale-button"))
            return
        if field in HISTORY_FIELD:  # Back changes nothing
            await logged(db, access, record.id, HISTORY_FIELD[field], clock.now())
    await state.clear()
    await replan_record(db, user, record, clock.now())
    await show(query, await card(t, db, user, record), record_keyboard(t, record.id, True))


async def detail_text(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    form = await load(state, DetailForm)
    found = None if form is None else await in_workspace(db, access, form.record, user)
    if form is None or form.field == "end" or found is None:
        await start_over(message, t, state)
        return
    user = found[1]  # the record's creator
    value = short_text(message.text, MAX_TEXT)
    if value is None:  # empty, a command or too long: nothing stored
        await answer_with(
            message, t("track-detail-invalid", limit=MAX_TEXT), detail_rows(t, form.record)
        )
        return
    await state.clear()
    async with db.transaction():
        await details_repo.set_text(db, user.id, form.record, form.field, value)
        await logged(db, access, form.record, HISTORY_FIELD[form.field], clock.now())
    await send_card(message, t, db, user, form.record)


async def apply_end(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    day: dt.date,
    access: Access,
) -> None:
    """The permit's last day as printed; one message with the way out when it cannot be."""
    form = await load(state, DetailForm)
    found = None if form is None else await in_workspace(db, access, form.record, user)
    if found is None:
        await start_over(message, t, state)
        return
    record, user = found
    if not record.event_date < day <= record.event_date + dt.timedelta(days=MAX_PERMIT_SPAN):
        await answer_with(message, t("track-end-invalid"), detail_rows(t, record.id))
        return
    await state.clear()
    async with db.transaction():
        await details_repo.set_end_date(db, user.id, record.id, day)
        await logged(db, access, record.id, audit.Field.END, clock.now())
    await replan_record(db, user, record, clock.now())
    await send_card(message, t, db, user, record.id)


async def detail_end(
    message: Message,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    state: FSMContext,
    access: Access,
) -> None:
    form = await load(state, DetailForm)
    if form is None:
        await start_over(message, t, state)
        return
    today = clock.today(user.timezone)
    parsed = parse_user_date(message.text or "", today)
    rows = detail_rows(t, form.record)
    if parsed.value is None:  # one message; the calendar only when asked
        problem = t(f"datepick-problem-{parsed.problem}")
        await message.answer(problem, reply_markup=retype_markup(t, today, rows))
    elif parsed.doubt is not None:
        await message.answer(
            confirm_text(t, parsed), reply_markup=confirm_markup(t, parsed, today, rows)
        )
    else:
        await apply_end(message, t, user, db, clock, state, parsed.value, access)


async def end_picked(
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
    await apply_end(query.message, t, user, db, clock, state, day, access)


async def detail_not_text(message: Message, t: Translator, state: FSMContext) -> None:
    form = await load(state, DetailForm)
    if form is None:
        await start_over(message, t, state)
        return
    await need_text(message, t, detail_rows(t, form.record))


def register(r: Router) -> None:
    back = F.field == DetField.BACK  # roles: bot.access; Back only reads
    r.callback_query.register(detail, DetCb.filter(back), flags=READ)
    r.callback_query.register(detail, DetCb.filter(~back), flags=WRITE)
    for observer in (r.message, r.edited_message):  # an edited answer is a corrected answer
        observer.register(detail_text, DetailEdit.text, F.text, flags=WRITE)
        observer.register(detail_end, DetailEdit.end, F.text, flags=WRITE)
    r.callback_query.register(
        end_picked, DetailEdit.end, DateCb.filter(F.action == DateAction.PICK), flags=WRITE
    )
    r.message.register(detail_not_text, StateFilter(DetailEdit))
