"""/workers: the workspace's workers — list, add, open a card, edit a field, delete — and the
record card's 👤 Worker (whose record it is). Names are masked (``knowledge.masking``) before
they are stored, and the user is told."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db import workers as workers_repo
from bot.db.users import User
from bot.db.workers import MAX_TEXT
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import READ, WRITE, writes
from handlers.forms import load, store
from handlers.prompts import answer_with, need_text, start_over
from handlers.replies import reply, show
from handlers.states import WorkerEditing
from handlers.tracking.views import record_name, short_text
from handlers.workers.forms import WorkerForm
from handlers.workers.views import (
    attached_markup,
    back_markup,
    card_markup,
    card_text,
    category_markup,
    delete_markup,
    list_view,
    picker_markup,
    prompt_markup,
)
from handlers.workers_cb import Category, WkAction, WkAttachCb, WkCatCb, WkCb, WkField, WkPickCb
from knowledge.masking import mask_ids
from knowledge.userdates import parse_user_date

TEXT_FIELDS = (WkField.NAME, WkField.CITIZENSHIP, WkField.POSITION)
DATE_FIELDS = (WkField.VISA, WkField.PASSPORT)
Target = Message | CallbackQuery


async def show_list(
    target: Target, t: Translator, db: Database, access: Access, page: int = 0
) -> None:
    ws = access.workspace
    found = await workers_repo.for_workspace(db, ws.id)
    counts = await workers_repo.record_counts(db, ws.id)
    name = ws.name or t("ws-personal")
    await reply(target, *list_view(t, name, found, counts, page, writes(access)))


async def show_card(
    target: Target, t: Translator, db: Database, access: Access, worker_id: int, note: str = ""
) -> None:
    worker = await workers_repo.get(db, access.workspace.id, worker_id)
    if worker is None:
        await reply(target, t("wk-not-found"), back_markup(t))
        return
    records = await records_repo.for_worker(db, access.workspace.id, worker.id)
    text = card_text(t, worker, records)
    await reply(
        target,
        f"{note}\n\n{text}" if note else text,
        card_markup(t, worker, records, writes(access)),
    )


async def workers_command(message: Message, t: Translator, db: Database, access: Access) -> None:
    await show_list(message, t, db, access)


async def list_button(
    query: CallbackQuery, callback_data: WkCb, t: Translator, db: Database, access: Access
) -> None:
    await show_list(query, t, db, access, callback_data.id)


async def open_card(
    query: CallbackQuery, callback_data: WkCb, t: Translator, db: Database, access: Access
) -> None:
    await show_card(query, t, db, access, callback_data.id)


async def ask(
    query: CallbackQuery,
    callback_data: WkCb,
    t: Translator,
    db: Database,
    state: FSMContext,
    access: Access,
) -> None:
    """Add (a name) or edit a field: a prompt for text or a date, or the category buttons."""
    worker, field = callback_data.id, callback_data.field
    if callback_data.action == WkAction.ADD:
        worker, field = 0, WkField.NAME
    elif await workers_repo.get(db, access.workspace.id, worker) is None:
        await show(query, t("wk-not-found"), back_markup(t))
        return
    if field == WkField.CATEGORY:
        await show(query, t("wk-ask-category"), category_markup(t, worker))
        return
    await state.set_state(WorkerEditing.date if field in DATE_FIELDS else WorkerEditing.text)
    await store(state, WorkerForm(worker=worker, field=field))
    key = {WkField.VISA: "wk-ask-visa", WkField.PASSPORT: "wk-ask-passport"}.get(
        field, f"wk-ask-{field.value}"
    )
    await show(query, t(key, limit=MAX_TEXT), prompt_markup(t, worker, field in DATE_FIELDS))


async def got_text(
    message: Message, t: Translator, state: FSMContext, db: Database, clock: Clock, access: Access
) -> None:
    form = await load(state, WorkerForm)
    if form is None or form.field not in TEXT_FIELDS:
        await start_over(message, t, state)
        return
    typed = short_text(message.text, MAX_TEXT)
    if typed is None:
        await answer_with(
            message,
            t("wk-text-invalid", limit=MAX_TEXT),
            prompt_markup(t, form.worker).inline_keyboard,
        )
        return
    value, masked = mask_ids(" ".join(typed.split()))
    ws = access.workspace.id
    if form.worker == 0:
        saved = await workers_repo.add(db, ws, value, clock.now())  # None: the name is taken
    elif await workers_repo.set_text(db, ws, form.worker, form.field.value, value):
        saved = form.worker
    elif await workers_repo.get(db, ws, form.worker) is not None:
        saved = None  # the worker is there: only a taken name refuses the change
    else:  # deleted meanwhile
        await state.clear()
        await show_card(message, t, db, access, form.worker)
        return
    if saved is None:
        rows = prompt_markup(t, form.worker).inline_keyboard
        await answer_with(message, t("wk-name-taken"), rows)
        return
    await state.clear()
    await show_card(message, t, db, access, saved, t("wk-masked") if masked else "")


async def got_date(
    message: Message,
    t: Translator,
    state: FSMContext,
    db: Database,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    form = await load(state, WorkerForm)
    if form is None or form.field not in DATE_FIELDS:
        await start_over(message, t, state)
        return
    parsed = parse_user_date(message.text or "", clock.today(user.timezone))
    if parsed.value is None or parsed.doubt in ("no_year", "two_digit_year"):
        await answer_with(
            message, t("wk-date-invalid"), prompt_markup(t, form.worker, True).inline_keyboard
        )
        return
    await workers_repo.set_date(
        db, access.workspace.id, form.worker, form.field.value, parsed.value
    )
    await state.clear()
    await show_card(message, t, db, access, form.worker)


async def clear_date(
    query: CallbackQuery, t: Translator, state: FSMContext, db: Database, access: Access
) -> None:
    form = await load(state, WorkerForm)
    if form is None or form.field not in DATE_FIELDS:
        await start_over(query, t, state)
        return
    await workers_repo.set_date(db, access.workspace.id, form.worker, form.field.value, None)
    await state.clear()
    await show_card(query, t, db, access, form.worker)


async def set_category(
    query: CallbackQuery, callback_data: WkCatCb, t: Translator, db: Database, access: Access
) -> None:
    value = "" if callback_data.cat == Category.NONE else callback_data.cat.value
    await workers_repo.set_text(db, access.workspace.id, callback_data.id, "category", value)
    await show_card(query, t, db, access, callback_data.id)


async def cancel(
    query: CallbackQuery,
    callback_data: WkCb,
    t: Translator,
    state: FSMContext,
    db: Database,
    access: Access,
) -> None:
    await state.clear()
    if callback_data.id:
        await show_card(query, t, db, access, callback_data.id)
    else:
        await show_list(query, t, db, access)


async def delete(
    query: CallbackQuery, callback_data: WkCb, t: Translator, db: Database, access: Access
) -> None:
    worker = await workers_repo.get(db, access.workspace.id, callback_data.id)
    if worker is None:
        await show_list(query, t, db, access)
        return
    text = t("wk-delete-confirm", name=html.escape(worker.name))
    await show(query, text, delete_markup(t, worker.id))


async def delete_yes(
    query: CallbackQuery, callback_data: WkCb, t: Translator, db: Database, access: Access
) -> None:
    done = await workers_repo.delete(db, access.workspace.id, callback_data.id)
    await query.answer(t("wk-deleted" if done else "wk-not-found"))
    await show_list(query, t, db, access)


async def pick(
    query: CallbackQuery, callback_data: WkPickCb, t: Translator, db: Database, access: Access
) -> None:
    record = await records_repo.get_in(db, access.workspace.id, callback_data.record)
    if record is None:
        await query.answer(t("track-not-found"), show_alert=True)
        return
    found = await workers_repo.for_workspace(db, access.workspace.id)
    text = t("wk-pick", name=record_name(t, record))
    if not found:
        text += "\n" + t("wk-pick-empty")
    await show(query, text, picker_markup(t, record.id, found))


async def attach(
    query: CallbackQuery,
    callback_data: WkAttachCb,
    t: Translator,
    db: Database,
    access: Access,
    clock: Clock,
) -> None:
    ws = access.workspace.id
    worker = await workers_repo.get(db, ws, callback_data.worker) if callback_data.worker else None
    if callback_data.worker and worker is None:
        await query.answer(t("wk-not-found"), show_alert=True)
        return
    async with db.transaction():
        attached = await workers_repo.attach(
            db, ws, callback_data.record, None if worker is None else worker.id
        )
        if attached:
            await audit.log(
                db,
                callback_data.record,
                access.user_id,
                audit.Action.EDITED,
                clock.now(),
                audit.Field.WORKER,
            )
    if not attached:
        await query.answer(t("track-not-found"), show_alert=True)
        return
    name = None if worker is None else html.escape(worker.name)
    text = t("wk-detached") if name is None else t("wk-attached", name=name)
    await show(query, text, attached_markup(t, callback_data.record, worker))


async def not_text(message: Message, t: Translator, state: FSMContext) -> None:
    form = await load(state, WorkerForm)
    worker = form.worker if form is not None else 0
    await need_text(message, t, prompt_markup(t, worker).inline_keyboard)


def register(r: Router) -> None:
    cb = r.callback_query
    r.message.register(workers_command, Command("workers"), flags=READ)
    cb.register(list_button, WkCb.filter(F.action == WkAction.LIST), flags=READ)
    cb.register(open_card, WkCb.filter(F.action == WkAction.OPEN), flags=READ)
    cb.register(ask, WkCb.filter(F.action.in_({WkAction.ADD, WkAction.EDIT})), flags=WRITE)
    cb.register(
        clear_date, WorkerEditing.date, WkCb.filter(F.action == WkAction.CLEAR), flags=WRITE
    )
    cb.register(cancel, WkCb.filter(F.action == WkAction.CANCEL), flags=READ)
    cb.register(set_category, WkCatCb.filter(), flags=WRITE)
    cb.register(delete, WkCb.filter(F.action == WkAction.DELETE), flags=WRITE)
    cb.register(delete_yes, WkCb.filter(F.action == WkAction.DELETE_YES), flags=WRITE)
    cb.register(pick, WkPickCb.filter(), flags=WRITE)
    cb.register(attach, WkAttachCb.filter(), flags=WRITE)
    for observer in (r.message, r.edited_message):
        observer.register(got_text, WorkerEditing.text, F.text, flags=WRITE)
        observer.register(got_date, WorkerEditing.date, F.text, flags=WRITE)
    r.message.register(not_text, WorkerEditing.text)
    r.message.register(not_text, WorkerEditing.date)
