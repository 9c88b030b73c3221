"""/deadlines: what happened (and, for a permit, its route and term), then when; the dates follow.

The answer carries a "Track this" button whose data holds the whole computation (``TrackThis``):
``handlers.tracking`` decodes it with ``track_payload`` (its router is placed before this one).
What is computed for an event is ``knowledge.calculator``.
"""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.access import READ, writes
from handlers.callbacks import MenuCb
from handlers.datepick import (
    DateAction,
    DateCb,
    confirm_markup,
    confirm_text,
    picked,
    retype_markup,
)
from handlers.deadlines.callbacks import (
    DlCb,
    DlNav,
    DlNavAction,
    DlOpen,
    DlStep,
    DlWhy,
    TrackThis,
    track_payload,
)
from handlers.deadlines.forms import CalcForm
from handlers.deadlines.views import (
    date_question,
    event_markup,
    nav_row,
    result_markup,
    result_text,
    route_markup,
    term_markup,
    traces_text,
)
from handlers.forms import load, store
from handlers.keyboards import main_menu, menu_button
from handlers.prompts import need_text, start_over
from handlers.replies import reply, send, show
from handlers.states import Deadlines
from knowledge.calculator import EVENTS, Event, compute, event_date, term_value
from knowledge.loader import load_knowledge
from knowledge.textnorm import pick_label
from knowledge.userdates import parse_user_date


async def ask_event(target: Message | CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(Deadlines.event)
    await store(state, CalcForm())
    await reply(target, t("dl-q-event"), event_markup(t))


async def ask_route(target: Message | CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(Deadlines.route)
    await reply(target, t("dl-q-route"), route_markup(t))


async def ask_term(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, route: str
) -> None:
    await state.set_state(Deadlines.term)
    await reply(target, t("dl-q-term"), term_markup(t, route))


async def ask_date(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, today: dt.date
) -> None:
    form = await load(state, CalcForm)
    if form is None or form.event is None:
        await start_over(target, t, state)
        return
    await state.set_state(Deadlines.date)
    await reply(target, *date_question(t, form.event, today))


async def finish(
    target: Message | CallbackQuery,
    t: Translator,
    state: FSMContext,
    day: dt.date,
    on: dt.date,
    may_write: bool,
) -> None:
    form = await load(state, CalcForm)
    if form is None or form.event is None:
        await start_over(target, t, state)
        return
    results = compute(form.event, day, form.route, form.term)
    await state.clear()
    date = day.strftime("%Y%m%d")
    payload = TrackThis(kind=form.event, date=date, route=form.route, term=form.term)
    await reply(target, result_text(t, results, on), result_markup(t, payload, may_write))


async def start(message: Message, t: Translator, state: FSMContext) -> None:
    await ask_event(message, t, state)


async def start_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await ask_event(query, t, state)


async def on_event(
    query: CallbackQuery,
    callback_data: DlCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    await choose_event(query, t, state, Event(callback_data.v), clock.today(user.timezone))


async def choose_event(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, event: Event, today: dt.date
) -> None:
    await store(state, CalcForm(event=event))
    if event == Event.PERMIT:
        await ask_route(target, t, state)
    else:
        await ask_date(target, t, state, today)


async def on_route(
    query: CallbackQuery, callback_data: DlCb, t: Translator, state: FSMContext
) -> None:
    await choose_route(query, t, state, callback_data.v)


async def choose_route(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, route: str
) -> None:
    form = await load(state, CalcForm)
    if form is None:
        await start_over(target, t, state)
        return
    if route not in {known.id for known in load_knowledge().routes}:
        await stale(target, t)
        return
    await store(state, form.model_copy(update={"route": route}))
    await ask_term(target, t, state, route)


async def on_term(
    query: CallbackQuery,
    callback_data: DlCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    await choose_term(query, t, state, callback_data.v, clock.today(user.timezone))


async def choose_term(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, term: str, today: dt.date
) -> None:
    form = await load(state, CalcForm)
    if form is None:
        await start_over(target, t, state)
        return
    if term_value(form.route, term) is None:
        await stale(target, t)
        return
    await store(state, form.model_copy(update={"term": term}))
    await ask_date(target, t, state, today)


async def stale(target: Message | CallbackQuery, t: Translator) -> None:
    """A value no longer offered: a toast on a button, a line in reply to a message."""
    await target.answer(t("stale-button"))


async def on_pick(
    query: CallbackQuery,
    callback_data: DateCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    day = picked(callback_data)
    if day is None:
        await query.answer(t("stale-button"))
        return
    await finish(query, t, state, day, clock.today(user.timezone), writes(access))


async def on_date_text(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock, access: Access
) -> None:
    """A typed date; an edited one (a correction of a date refused or asked about) is the same."""
    today = clock.today(user.timezone)
    form = await load(state, CalcForm)
    kind = form.event if form is not None and form.event is not None else ""
    parsed = event_date(parse_user_date(message.text or "", today), today, kind)
    if parsed.value is None:
        problem = t(f"datepick-problem-{parsed.problem or 'format'}")
        await send(message, problem, retype_markup(t, today, [nav_row(t, back=True)]))
    elif parsed.doubt is not None:
        markup = confirm_markup(t, parsed, today, [nav_row(t, back=True)])
        await send(message, confirm_text(t, parsed), markup)
    else:
        await finish(message, t, state, parsed.value, today, writes(access))


async def on_date_other(message: Message, t: Translator, user: User, clock: Clock) -> None:
    """A photo, sticker or file for the date: "I need text here" with the date step's buttons."""
    today = clock.today(user.timezone)
    await need_text(message, t, retype_markup(t, today, [nav_row(t, back=True)]).inline_keyboard)


async def on_text_for_buttons(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    """Text where a choice is asked: a button's label typed is that button; else the hint with
    the step's buttons again (the question above may have scrolled away on a phone)."""
    step, form = await state.get_state(), await load(state, CalcForm)
    if step == Deadlines.term.state and form is not None and form.route:
        markup = term_markup(t, form.route)
    else:
        markup = route_markup(t) if step == Deadlines.route.state else event_markup(t)
    typed = typed_answer(markup, message.text or "")
    if typed is None:
        await send(message, t("dl-use-buttons"), markup)
        return
    today = clock.today(user.timezone)
    if typed.step == DlStep.EVENT:
        await choose_event(message, t, state, Event(typed.v), today)
    elif typed.step == DlStep.ROUTE:
        await choose_route(message, t, state, typed.v)
    else:
        await choose_term(message, t, state, typed.v, today)


def typed_answer(markup: InlineKeyboardMarkup, text: str) -> DlCb | None:
    """The step's answer whose button label was typed instead of pressed."""
    answers = {
        b.callback_data: b.text
        for row in markup.inline_keyboard
        for b in row
        if b.callback_data and b.callback_data.startswith(DlCb.__prefix__ + ":")
    }
    picked_data = pick_label(text, answers)
    return None if picked_data is None else DlCb.unpack(picked_data)


async def back_from_date(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    form = await load(state, CalcForm)
    if form is not None and form.event == Event.PERMIT:
        await ask_term(query, t, state, form.route)
    else:
        await ask_event(query, t, state)


async def back_from_term(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await ask_route(query, t, state)


async def back_from_route(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await ask_event(query, t, state)


async def how_counted(query: CallbackQuery, callback_data: DlWhy, t: Translator) -> None:
    request = track_payload(callback_data)
    if request is None:
        await query.answer(t("stale-button"))
        return
    results = compute(request.kind, request.day, request.route or "", request.term or "")
    await query.answer()
    if isinstance(query.message, Message):  # below the dates, which stay on screen
        await send(query.message, traces_text(t, results), menu_button(t))


async def open_result(
    query: CallbackQuery,
    callback_data: DlOpen,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
    access: Access,
) -> None:
    """From a Q&A answer: the result for the event and date the question stated."""
    request = track_payload(callback_data)
    if request is None:
        await query.answer(t("stale-button"))
        return
    await state.clear()
    results = compute(request.kind, request.day, request.route or "", request.term or "")
    payload = TrackThis(**callback_data.model_dump())
    markup = result_markup(t, payload, writes(access))
    await reply(query, result_text(t, results, clock.today(user.timezone)), markup)


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


def register(r: Router) -> None:
    cb, typed = r.callback_query, ~F.text.startswith("/")
    r.message.register(start, Command("deadlines"))
    cb.register(start_button, MenuCb.filter(F.action == "deadlines"))
    events = DlCb.filter((F.step == DlStep.EVENT) & F.v.in_(EVENTS))
    cb.register(on_event, Deadlines.event, events)
    cb.register(on_route, Deadlines.route, DlCb.filter(F.step == DlStep.ROUTE))
    cb.register(on_term, Deadlines.term, DlCb.filter(F.step == DlStep.TERM))
    # READ: the result offers "Track this" by the role (bot.access gives ``access``).
    cb.register(on_pick, Deadlines.date, DateCb.filter(F.action == DateAction.PICK), flags=READ)
    for observer in (r.message, r.edited_message):  # an edited date corrects it
        observer.register(on_date_text, Deadlines.date, F.text, typed, flags=READ)
    r.message.register(on_date_other, Deadlines.date, ~F.text)
    buttons_only = StateFilter(Deadlines.event, Deadlines.route, Deadlines.term)
    r.message.register(on_text_for_buttons, buttons_only, typed)
    back = DlNav.filter(F.action == DlNavAction.BACK)
    cb.register(back_from_date, back, Deadlines.date)
    cb.register(back_from_term, back, Deadlines.term)
    cb.register(back_from_route, back, Deadlines.route)
    cb.register(how_counted, DlWhy.filter())
    cb.register(open_result, DlOpen.filter(), flags=READ)
    cb.register(
        cancel, DlNav.filter(F.action == DlNavAction.CANCEL), StateFilter(Deadlines), flags=READ
    )
