"""Track this: the calculator's answer → a name (or Skip) → confirm → save with reminders."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db.records import MAX_LABEL, Record
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records.planning import planned, replan_record
from handlers.access import READ, WRITE, writes
from handlers.deadlines import TrackThis, track_payload
from handlers.keyboards import main_menu
from handlers.replies import reply, show
from handlers.states import Tracking
from handlers.tracking.callbacks import TrackAction, TrackCb
from handlers.tracking.forms import TrackForm, load, store
from handlers.tracking.prompts import answer_with, need_text, start_over
from handlers.tracking.views import (
    confirm_rows,
    confirm_text,
    keyboard,
    label_rows,
    record_keyboard,
    short_text,
)
from knowledge.timeline import upcoming

STATES = (Tracking.label.state, Tracking.confirm.state)


async def track_this(
    query: CallbackQuery, callback_data: TrackThis, t: Translator, state: FSMContext
) -> None:
    request = track_payload(callback_data)
    if request is None:
        await query.answer(t("stale-button"))
        return
    form = TrackForm(
        kind=request.kind, date=request.day, route=request.route or "", term=request.term or ""
    )
    if await state.get_state() in STATES:
        current = await load(state, TrackForm)
        if current is not None and current.same_computation(form):
            return  # a second tap: its prompt is open already (the tap is answered empty)
    await state.set_state(Tracking.label)
    await store(state, form)
    if query.bot is not None:
        await query.bot.send_message(
            query.from_user.id, t("track-ask-label"), reply_markup=keyboard(*label_rows(t))
        )


async def confirm(
    target: Message | CallbackQuery,
    t: Translator,
    state: FSMContext,
    user: User,
    form: TrackForm,
    today: dt.date,
) -> None:
    draft = Record(0, user.id, form.kind, "", form.date, form.route, form.term, "open")
    items = upcoming(planned(draft, user), today)
    await state.set_state(Tracking.confirm)
    await store(state, form)
    await reply(target, confirm_text(t, form, items, today), keyboard(*confirm_rows(t)))


async def got_label(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    """A typed name, or an edited one (a correction: the confirmation is shown again)."""
    form = await load(state, TrackForm)
    if form is None:
        await start_over(message, t, state)
        return
    label = short_text(message.text, MAX_LABEL)
    if label is None:
        rows = label_rows(t) if await state.get_state() == Tracking.label.state else confirm_rows(t)
        await answer_with(message, t("track-label-invalid", limit=MAX_LABEL), rows)
        return
    form.label = label
    await confirm(message, t, state, user, form, clock.today(user.timezone))


async def skip_label(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    form = await load(state, TrackForm)
    if form is None:
        await start_over(query, t, state)
        return
    await confirm(query, t, state, user, form, clock.today(user.timezone))


async def back_to_label(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(Tracking.label)
    await show(query, t("track-ask-label"), keyboard(*label_rows(t)))


async def save(
    query: CallbackQuery,
    t: Translator,
    state: FSMContext,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    """Into the current workspace; its creator is responsible and gets its reminders."""
    form = await load(state, TrackForm)
    if form is None:
        await start_over(query, t, state)
        return
    await state.clear()  # a second tap finds no state: the fallback says "stale", nothing doubles
    async with db.transaction():  # the record, its first history line and its plan, or none
        record_id = await records_repo.add(
            db,
            user.id,
            form.kind,
            form.date,
            clock.now(),
            form.label,
            form.route,
            form.term,
            workspace_id=access.workspace.id,
        )
        await audit.log(db, record_id, user.id, audit.Action.CREATED, clock.now())
        record = await records_repo.get(db, user.id, record_id)
        assert record is not None
        count = await replan_record(db, user, record, clock.now(), new=True)
    text = t("track-saved", count=count)
    if access.workspace.kind == "company":  # a consultant sees which company has it
        text += "\n" + t("ws-saved-in", name=escape(access.workspace.name))
    await show(query, text, record_keyboard(t, record_id, True))


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


async def label_not_text(message: Message, t: Translator) -> None:
    await need_text(message, t, label_rows(t))


async def confirm_not_text(message: Message, t: Translator) -> None:
    await answer_with(message, t("unexpected-in-flow"), confirm_rows(t))


def register(r: Router) -> None:
    # A viewer is told at "Track this" already; Save checks again (the role may change meanwhile).
    r.callback_query.register(track_this, TrackThis.filter(), flags=WRITE)
    r.message.register(got_label, Tracking.label, F.text)
    # An edited name, while naming or confirming, corrects the name.
    r.edited_message.register(got_label, StateFilter(*STATES), F.text)
    r.callback_query.register(
        skip_label, Tracking.label, TrackCb.filter(F.action == TrackAction.SKIP)
    )
    r.callback_query.register(
        back_to_label, Tracking.confirm, TrackCb.filter(F.action == TrackAction.BACK)
    )
    r.callback_query.register(
        save, Tracking.confirm, TrackCb.filter(F.action == TrackAction.SAVE), flags=WRITE
    )
    r.callback_query.register(
        cancel, StateFilter(Tracking), TrackCb.filter(F.action == TrackAction.CANCEL), flags=READ
    )
    r.message.register(label_not_text, Tracking.label)
    r.message.register(confirm_not_text, Tracking.confirm)
