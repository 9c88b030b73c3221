"""Category finder: type a job title, answer a few yes/no questions, get the category with why.

Reached from the menu (/category) or from the eligibility interview's route question; the
suggestion continues into the interview with that category. The reading is ``knowledge.finder``.
"""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import BaseModel, ValidationError

from bot.clock import Clock
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers import eligibility
from handlers.access import READ, writes
from handlers.callbacks import MenuCb
from handlers.finder_cb import FindAction, FindCb
from handlers.keyboards import button, main_menu
from handlers.replies import reply, show
from knowledge import finder, interview
from knowledge.deadlines import TraceStep
from knowledge.interview import History
from knowledge.loader import load_knowledge
from knowledge.render import render_step
from knowledge.yesno import parse_yes_no

MAX_TITLE = 100


class Finder(StatesGroup):
    title = State()  # waiting for the job title, typed
    asking = State()  # yes/no questions, by buttons or a typed yes/no


class Form(BaseModel):
    title: str = ""
    answers: list[tuple[finder.Question, bool]] = []  # in the order given (Back undoes one)
    elig: History | None = None  # the interview to return to, when started from it


async def load(state: FSMContext) -> Form:
    try:
        return Form.model_validate(await state.get_data())
    except ValidationError:
        return Form()


async def save(state: FSMContext, form: Form, step: State) -> None:
    await state.set_state(step)
    await state.set_data(form.model_dump(mode="json"))


# --- views --------------------------------------------------------------------------------------


def nav(t: Translator, back: bool) -> list[InlineKeyboardButton]:
    row = [button("‹ " + t("elig-back"), FindCb(action=FindAction.BACK))] if back else []
    return [*row, button("✕ " + t("elig-cancel"), FindCb(action=FindAction.CANCEL))]


def title_view(t: Translator, form: Form) -> tuple[str, InlineKeyboardMarkup]:
    return t("find-ask-title"), InlineKeyboardMarkup(
        inline_keyboard=[nav(t, back=form.elig is not None)]
    )


def why(t: Translator, step: TraceStep) -> str:
    """The finder's reason, the typed title in it escaped."""
    args = {k: html.escape(v) if isinstance(v, str) else v for k, v in step.args.items()}
    return render_step(TraceStep(step.key, args), t.lang)


def question_view(
    t: Translator, found: finder.Suggestion, question: finder.Question
) -> tuple[str, InlineKeyboardMarkup]:
    yes = button(t("elig-opt-yes"), FindCb(action=FindAction.YES))
    no = button(t("elig-opt-no"), FindCb(action=FindAction.NO))
    text = f"{why(t, found.why)}\n\n<b>{t(f'finder-q-{question}')}</b>"
    return text, InlineKeyboardMarkup(inline_keyboard=[[yes, no], nav(t, True)])


def result_view(
    t: Translator, form: Form, found: finder.Suggestion
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [why(t, found.why)]
    kb = load_knowledge()
    for fact_id in found.fact_ids[:1] if found.category else ():
        lines.append(f"<i>{html.escape(kb.fact(fact_id).text.get(t.lang))}</i>")
    lines.append(t("finder-note"))
    rows = []
    if found.category is not None:
        label = t("find-btn-eligibility", category=found.category)
        rows.append([button(label, FindCb(action=FindAction.ELIGIBILITY, category=found.category))])
    rows.append(nav(t, True))
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def next_view(t: Translator, form: Form) -> tuple[str, InlineKeyboardMarkup]:
    found = finder.suggest(form.title, dict(form.answers))
    if found.category is None and found.ask is not None:
        return question_view(t, found, found.ask)
    return result_view(t, form, found)


def current_question(form: Form) -> finder.Question | None:
    found = finder.suggest(form.title, dict(form.answers))
    return found.ask if found.category is None else None


# --- handlers -----------------------------------------------------------------------------------


async def start(message: Message, t: Translator, state: FSMContext) -> None:
    form = Form()
    await save(state, form, Finder.title)
    await reply(message, *title_view(t, form))


async def start_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    form = Form()
    await save(state, form, Finder.title)
    await reply(query, *title_view(t, form))


async def from_eligibility(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    history = await eligibility.stored_history(state)
    question = interview.current_question(history, clock.today(user.timezone))
    if question is None or question.kind != "route":
        await query.answer(t("stale-button"))
        return
    form = Form(elig=history)
    await save(state, form, Finder.title)
    await reply(query, *title_view(t, form))


async def got_title(message: Message, t: Translator, state: FSMContext) -> None:
    form = await load(state)
    title = (message.text or "").strip()
    if not title or len(title) > MAX_TITLE:
        await reply(message, t("find-title-bad", max=MAX_TITLE), title_view(t, form)[1])
        return
    form = form.model_copy(update={"title": title, "answers": []})
    await save(state, form, Finder.asking)
    await reply(message, *next_view(t, form))


async def not_text(message: Message, t: Translator, state: FSMContext) -> None:
    form = await load(state)
    await reply(message, t("find-need-text"), title_view(t, form)[1])


async def not_button(message: Message, t: Translator, state: FSMContext) -> None:
    """A typed "да"/"жоқ"/"yes" answers the question like its button; anything else is asked
    again."""
    form = await load(state)
    said = parse_yes_no(message.text or "")
    question = current_question(form)
    if said is None or question is None:
        await reply(message, t("unexpected-in-flow"), next_view(t, form)[1])
        return
    await take_answer(message, t, state, form, (question, said))


async def yes_no(
    query: CallbackQuery, callback_data: FindCb, t: Translator, state: FSMContext
) -> None:
    form = await load(state)
    question = current_question(form)
    if question is None:  # a double press or an old message: the question was answered
        await query.answer(t("stale-button"))
        return
    await take_answer(query, t, state, form, (question, callback_data.action == FindAction.YES))


async def take_answer(
    target: CallbackQuery | Message,
    t: Translator,
    state: FSMContext,
    form: Form,
    answer: tuple[finder.Question, bool],
) -> None:
    form = form.model_copy(update={"answers": [*form.answers, answer]})
    await save(state, form, Finder.asking)
    await reply(target, *next_view(t, form))


async def back(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    form = await load(state)
    if await state.get_state() == Finder.asking and form.answers:
        form = form.model_copy(update={"answers": form.answers[:-1]})
        await save(state, form, Finder.asking)
        await reply(query, *next_view(t, form))
    elif await state.get_state() == Finder.asking:
        await save(state, form, Finder.title)
        await reply(query, *title_view(t, form))
    elif form.elig is not None:  # the title prompt, reached from the interview: back to it
        await eligibility.save_history(state, form.elig)
        await eligibility.present(query, t, form.elig, clock.today(user.timezone))
    else:
        await query.answer(t("stale-button"))


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


async def to_eligibility(
    query: CallbackQuery,
    callback_data: FindCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    form = await load(state)
    found = finder.suggest(form.title, dict(form.answers))
    if found.category is None or found.category != callback_data.category:
        await query.answer(t("stale-button"))
        return
    today = clock.today(user.timezone)
    route = f"cat{found.category}"
    history = interview.answer(form.elig or [], "route", route, today)
    if history is None:  # from the menu: the interview asks what comes first, then goes on
        history = [("route", route)]
    await eligibility.save_history(state, history)
    await eligibility.present(query, t, history, today)


def router() -> Router:
    r = Router(name="finder")
    r.message.register(start, Command("category"))
    r.callback_query.register(start_button, MenuCb.filter(F.action == "finder"))
    r.callback_query.register(start_button, FindCb.filter(F.action == FindAction.START))
    r.callback_query.register(from_eligibility, FindCb.filter(F.action == FindAction.FROM_ELIG))
    r.message.register(got_title, Finder.title, F.text, ~F.text.startswith("/"))
    r.message.register(not_text, Finder.title)
    r.message.register(not_button, Finder.asking)
    answers = F.action.in_({FindAction.YES, FindAction.NO})
    r.callback_query.register(yes_no, Finder.asking, FindCb.filter(answers))
    r.callback_query.register(back, FindCb.filter(F.action == FindAction.BACK))
    r.callback_query.register(cancel, FindCb.filter(F.action == FindAction.CANCEL), flags=READ)
    r.callback_query.register(
        to_eligibility, Finder.asking, FindCb.filter(F.action == FindAction.ELIGIBILITY)
    )
    return r
