"""/eligibility: the data-driven interview (``knowledge.interview``) in one generic state.

Buttons carry the id of the question they answer: a button of an earlier question (or a forged
one) is answered and changes nothing. A typed answer (a number, a date) can be corrected by
editing its message: the answers after it are replayed while they still fit.
"""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import Command
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
from handlers.eligibility.callbacks import ElCb, ElMore, ElNav, ElNavAction, ElStart
from handlers.eligibility.forms import InterviewForm, OutcomeForm
from handlers.eligibility.views import (
    View,
    nav_row,
    outcome_details,
    question_markup,
    question_text,
    step_view,
)
from handlers.forms import load, store
from handlers.keyboards import main_menu, menu_button
from handlers.replies import reply, send, show
from handlers.states import Eligibility
from knowledge import interview
from knowledge.interview import History, Outcome, Question, Value
from knowledge.loader import load_knowledge
from knowledge.textnorm import pick_label
from knowledge.userdates import happened, parse_user_date

TYPED = ("number", "date")  # the questions answered by typing


async def stored_history(state: FSMContext) -> History:
    """The interview's answers; data that does not fit (an old or foreign format) is none."""
    form = await load(state, InterviewForm)
    return form.history if form is not None else []


async def save_history(state: FSMContext, history: History) -> None:
    await state.set_state(Eligibility.answering)
    await store(state, InterviewForm(history=history))


async def present(
    target: Message | CallbackQuery, t: Translator, history: History, today: dt.date
) -> None:
    """Show the current question, or the outcome; a button press edits its message."""
    await reply(target, *step_view(t, history, today))


async def advance(
    target: Message | CallbackQuery,
    t: Translator,
    state: FSMContext,
    form: InterviewForm,
    today: dt.date,
) -> None:
    """Give the answers already known, store them (or end the conversation at the outcome) and
    show what is next."""
    form = form.model_copy(update={"history": interview.fill(form.history, form.known, today)})
    if isinstance(interview.next_step(form.history, today), Outcome):
        # The conversation ends; its answers stay for the outcome's buttons (steps, why).
        await state.set_state(None)
        await store(state, OutcomeForm(outcome=form.history))
    else:
        await state.set_state(Eligibility.answering)
        await store(state, form)
    await present(target, t, form.history, today)


async def begin(
    target: Message | CallbackQuery, t: Translator, state: FSMContext
) -> Message | CallbackQuery:
    """Start afresh with the intro; returns where the first question goes: below the intro (the
    pressed menu or answer card stays as it was)."""
    await save_history(state, [])
    message = target if isinstance(target, Message) else target.message
    if not isinstance(message, Message):  # an inaccessible message: edit what can be edited
        return target
    await send(message, t("elig-intro"))
    return message


async def start(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    await begin(message, t, state)
    await present(message, t, [], clock.today(user.timezone))


async def start_button(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    below = await begin(query, t, state)
    await present(below, t, [], clock.today(user.timezone))


async def start_known(
    query: CallbackQuery,
    callback_data: ElStart,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    """From a Q&A answer: the interview with what the question stated already answered."""
    below = await begin(query, t, state)
    form = InterviewForm(history=[], known=callback_data.known())
    await advance(below, t, state, form, clock.today(user.timezone))


async def on_button(
    query: CallbackQuery,
    callback_data: ElCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    form = await load(state, InterviewForm) or InterviewForm(history=[])
    today = clock.today(user.timezone)
    new = interview.answer(form.history, callback_data.q, callback_data.v, today)
    if new is None:
        await query.answer(t("stale-button"))
        return
    await advance(query, t, state, form.model_copy(update={"history": new}), today)


async def on_date(
    query: CallbackQuery,
    callback_data: DateCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    form = await load(state, InterviewForm) or InterviewForm(history=[])
    today = clock.today(user.timezone)
    question = interview.current_question(form.history, today)
    day = picked(callback_data)
    new = None
    if question is not None and day is not None:
        new = interview.answer(form.history, question.id, day.isoformat(), today)
    if new is None:
        await query.answer(t("stale-button"))
        return
    await advance(query, t, state, form.model_copy(update={"history": new}), today)


async def on_back(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    form = (await load(state, InterviewForm) or InterviewForm(history=[])).back()
    await state.set_state(Eligibility.answering)
    await store(state, form)
    await present(query, t, form.history, clock.today(user.timezone))


async def on_more(
    query: CallbackQuery,
    callback_data: ElMore,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    form = await load(state, OutcomeForm)
    today = clock.today(user.timezone)
    if form is None or not isinstance(interview.next_step(form.outcome, today), Outcome):
        await query.answer(t("stale-button"))
        return
    await query.answer()
    if isinstance(query.message, Message):  # below the result, which stays on screen
        text = outcome_details(t, form.outcome, callback_data.part, today)
        await send(query.message, text, menu_button(t))


async def on_cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


def typed_option(t: Translator, question: Question, text: str) -> Value | None:
    """A typed yes or no, or an option's label typed instead of pressed."""
    if (choice := interview.typed_choice(question, text)) is not None:
        return choice
    labels: dict[str, str]
    if question.kind == "route":
        labels = {str(r.id): r.name.get(t.lang) for r in load_knowledge().routes}
    else:
        labels = {o.value: t(o.label) for o in question.options}
    return pick_label(text, labels)


def read_typed(
    t: Translator, question: Question, history: History, text: str | None, today: dt.date
) -> Value | View:
    """The typed answer's value, or the one reply saying what was wrong, with the way on."""
    nav = [nav_row(t, history)]
    if text is not None and (choice := typed_option(t, question, text)) is not None:
        return choice
    if text is None or question.kind not in TYPED:
        return t("elig-use-buttons"), question_markup(t, question, history, today)
    if question.kind == "number":
        parsed = interview.parse_number(question, text)
        if parsed.problem or parsed.value is None:
            bounds = {"min": question.min, "max": question.max or 0}
            problem = t(f"elig-number-{parsed.problem or 'number'}", **bounds)
        elif staff := interview.over_headcount(history, question.id, parsed.value):
            total = dict(history)["headcount"]
            problem = t("elig-number-over-headcount", staff=staff, total=total)
        else:
            return parsed.value
        again = question_text(t, question, history)
        return f"{problem}\n\n{again}", InlineKeyboardMarkup(inline_keyboard=nav)
    typed = parse_user_date(text, today)
    if question.happened:
        typed = happened(typed, today)
    if typed.value is None:
        return t(f"datepick-problem-{typed.problem or 'format'}"), retype_markup(t, today, nav)
    if typed.doubt is not None:
        return confirm_text(t, typed), confirm_markup(t, typed, today, nav)
    return typed.value.isoformat()


async def take_typed(
    message: Message,
    t: Translator,
    state: FSMContext,
    form: InterviewForm,
    question: Question,
    today: dt.date,
) -> None:
    """The typed answer to the current question, or one message saying what was wrong."""
    read = read_typed(t, question, form.history, message.text, today)
    if isinstance(read, tuple):
        await send(message, *read)
        return
    new = interview.answer(form.history, question.id, read, today)
    if new is None:  # a date before 2000 etc. would already be refused; keep it safe
        markup = question_markup(t, question, form.history, today)
        await send(message, t("elig-use-buttons"), markup)
        return
    await advance(message, t, state, form.answered(new, question.id, message.message_id), today)


async def on_text(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    form = await load(state, InterviewForm) or InterviewForm(history=[])
    today = clock.today(user.timezone)
    question = interview.current_question(form.history, today)
    if question is None:  # cannot happen with a stored history, but never get stuck
        await state.clear()
        await message.answer(t("cancelled"), reply_markup=menu_button(t))
        return
    await take_typed(message, t, state, form, question, today)


async def correct(
    message: Message,
    t: Translator,
    state: FSMContext,
    form: InterviewForm,
    question_id: str,
    today: dt.date,
) -> None:
    """An edited answer replaces the one it typed; the later answers are kept while they fit."""
    at = next(i for i, (qid, _) in enumerate(form.history) if qid == question_id)
    question = interview.current_question(form.history[:at], today)
    assert question is not None and question.id == question_id  # it was asked there
    read = read_typed(t, question, form.history, message.text, today)
    if isinstance(read, tuple):  # the correction itself is wrong: say so, keep the answers
        await send(message, *read)
        return
    new = interview.answer(form.history[:at], question_id, read, today)
    if new is None:
        return
    for qid, value in form.history[at + 1 :]:
        replayed = interview.answer(new, qid, value, today)
        if replayed is None:  # the correction took another path: ask from here
            break
        new = replayed
    await advance(message, t, state, form.answered(new, question_id, message.message_id), today)


async def on_edit(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    """An edited message: a correction of a typed answer, or the answer the current typed
    question waits for; an edit while a button question is asked is ignored."""
    form = await load(state, InterviewForm)
    if form is None:
        return
    today = clock.today(user.timezone)
    corrected = form.question_typed_in(message.message_id)
    if corrected is not None:
        await correct(message, t, state, form, corrected, today)
        return
    question = interview.current_question(form.history, today)
    if question is not None and question.kind in TYPED:
        await take_typed(message, t, state, form, question, today)


def register(r: Router) -> None:
    answering, cb = Eligibility.answering, r.callback_query
    r.message.register(start, Command("eligibility"))
    cb.register(start_button, MenuCb.filter(F.action == "eligibility"))
    cb.register(start_known, ElStart.filter())
    cb.register(on_button, answering, ElCb.filter())
    cb.register(on_date, answering, DateCb.filter(F.action == DateAction.PICK))
    cb.register(on_back, answering, ElNav.filter(F.action == ElNavAction.BACK))
    cb.register(on_more, ElMore.filter())
    cb.register(on_cancel, answering, ElNav.filter(F.action == ElNavAction.CANCEL), flags=READ)
    r.message.register(on_text, answering, ~F.text.startswith("/"))
    r.edited_message.register(on_edit, answering, F.text, ~F.text.startswith("/"))
