"""/eligibility: the data-driven interview (knowledge/interview.py) in one generic state.

FSM data is ``{"history": [[question id, value], ...]}``; the engine derives the current question
from it, so Back is a pop and a restart loses nothing. Buttons carry the id of the question they
answer: a button of an earlier question (or a forged one) is answered and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db.users import User
from bot.i18n import Translator
from handlers.callbacks import MenuCb
from handlers.datepick import (
    DateCb,
    confirm_markup,
    confirm_text,
    date_picker,
    picked,
    retype_markup,
)
from handlers.finder_cb import FindAction, FindCb
from handlers.keyboards import button, main_menu, menu_button
from handlers.replies import reply, send, show
from handlers.states import Eligibility
from knowledge import interview, render
from knowledge.deadlines import TraceStep
from knowledge.interview import History, Outcome, Question
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import render_trace
from knowledge.userdates import parse_user_date

GROUP_LABELS = {"12": "1–2", "34": "3–4"}


class ElCb(CallbackData, prefix="el"):
    """An answer button: ``q`` is the question it answers, ``v`` the value."""

    q: str
    v: str


class ElNav(CallbackData, prefix="eln"):
    action: str  # back | cancel


class ElMore(CallbackData, prefix="elm"):
    """A finished check's details: its steps, or how it was counted."""

    part: Literal["steps", "why"]


# --- FSM data -----------------------------------------------------------------------------------


def load_history(data: dict[str, Any]) -> History:
    """The stored history; anything malformed (an old or foreign format) counts as empty."""
    raw = data.get("history")
    if not isinstance(raw, list):
        return []
    history: History = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            return []
        if not isinstance(item[1], str | int):
            return []
        history.append((item[0], item[1]))
    return history


async def save_history(state: FSMContext, history: History) -> None:
    await state.set_state(Eligibility.answering)
    await state.set_data({"history": [[qid, value] for qid, value in history]})


# --- rendering a question -----------------------------------------------------------------------


def nav_row(t: Translator, history: History) -> list[InlineKeyboardButton]:
    row = [button("‹ " + t("elig-back"), ElNav(action="back"))] if history else []
    return [*row, button("✕ " + t("elig-cancel"), ElNav(action="cancel"))]


def question_text(t: Translator, question: Question, history: History) -> str:
    answers = dict(history)
    route = answers.get("route")
    group = interview.ratio_group(route) if isinstance(route, str) else None
    text = t(question.text, group=GROUP_LABELS.get(group or "", ""))
    if question.kind == "route":
        lines = [
            f"• <b>{r.name.get(t.lang)}</b> — {r.explain.get(t.lang)}"
            for r in load_knowledge().routes
        ]
        text += "\n\n" + "\n".join(lines)
    if question.kind == "number" and question.max is not None:
        text += "\n" + t("elig-number-hint", min=question.min, max=question.max)
    return text


def question_markup(
    t: Translator, question: Question, history: History, today: dt.date
) -> InlineKeyboardMarkup:
    nav = nav_row(t, history)
    if question.kind == "date":
        return date_picker(t, today, extra_rows=[nav])
    if question.kind == "route":
        buttons = [
            [button(r.name.get(t.lang), ElCb(q=question.id, v=r.id))]
            for r in load_knowledge().routes
        ]
        buttons.append([button(t("find-btn-open"), FindCb(action=FindAction.FROM_ELIG))])
    else:
        buttons = [[button(t(o.label), ElCb(q=question.id, v=o.value))] for o in question.options]
    return InlineKeyboardMarkup(inline_keyboard=[*buttons, nav])


async def present(
    target: Message | CallbackQuery, t: Translator, history: History, today: dt.date
) -> None:
    """Show the current question, or the outcome; a button press edits its message."""
    step = interview.next_step(history, today)
    if isinstance(step, Outcome):
        text, markup = outcome_text(t, history, step, today), outcome_markup(t, step)
    else:
        text = question_text(t, step, history)
        markup = question_markup(t, step, history, today)
    await reply(target, text, markup)


async def advance(
    target: Message | CallbackQuery,
    t: Translator,
    state: FSMContext,
    history: History,
    today: dt.date,
) -> None:
    """Store the new history (or end the conversation at the outcome) and show what is next."""
    if isinstance(interview.next_step(history, today), Outcome):
        # The conversation ends; its answers stay for the outcome's buttons (steps, why).
        await state.set_state(None)
        await state.set_data({"outcome": [[qid, value] for qid, value in history]})
    else:
        await save_history(state, history)
    await present(target, t, history, today)


# --- rendering the outcome ----------------------------------------------------------------------


def _fact_value(fact_id: str, on: dt.date) -> int:
    value = load_knowledge().fact(fact_id, on).value
    return value if isinstance(value, int) else 0


def _fact_text(fact_id: str, t: Translator, on: dt.date) -> str:
    return html.escape(load_knowledge().fact(fact_id, on).text.get(t.lang))


def _lines(steps: Iterable[TraceStep], t: Translator) -> list[str]:
    return [html.escape(line) for line in render_trace(steps, t.lang)]


def ratio_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    route, ratio = verdict.route, verdict.ratio
    if ratio is None:
        return [_fact_text("ratio.ict", t, on) if route.id == "ict" else t("elig-ratio-none")]
    label = GROUP_LABELS[route.ratio_group or ""]
    # Only the route's own category pair was asked about: leave out the other pair's line.
    steps = [s for s in ratio.trace if s.args.get("group", label) == label]
    lines = _lines(steps, t)
    if ratio.exempt is None:
        group = next(g for g in ratio.groups if g.group == route.ratio_group)
        key = "elig-ratio-more" if group.ok else "elig-ratio-fail"
        lines.append(t(key, group=label, count=group.more_allowed))
    return lines


def step_lines(t: Translator, route_id: str, on: dt.date) -> list[str]:
    keys = ["elig-step-post", "elig-step-wait", "elig-step-file"]
    keys += [] if route_id == "ict" else ["elig-step-fee"]
    keys += ["elig-step-esutd-ict" if route_id == "ict" else "elig-step-esutd"]
    keys += ["elig-step-arrival", "elig-step-iin", "elig-step-report"]
    keys += ["elig-step-cat4"] if route_id == "cat4" else []
    args = {
        "days": _fact_value("vacancy.posting_period", on),
        "fee_days": _fact_value("obligation.fee_payment", on),
        "esutd_days": _fact_value("obligation.esutd.register", on),
        "arrival_days": _fact_value("obligation.arrival_notice", on),
    }
    pair = load_knowledge().fact("cat4.replacement", on).value
    low, high = pair if isinstance(pair, list) and len(pair) == 2 else ("?", "?")
    return [f"{n}. {t(key, **args, low=low, high=high)}" for n, key in enumerate(keys, 1)]


def date_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    lines = []
    if verdict.filing is None:
        lines.append(t("elig-filing-unknown", days=_fact_value("vacancy.posting_period", on)))
    else:
        earliest = format_date(verdict.filing.dates["earliest"], t.lang)
        lines.append(t("elig-filing", date=earliest))
        lines += ["  " + line for line in _lines(verdict.filing.trace + verdict.filing.notes, t)]
    if verdict.route.id == "ict":
        lines.append(_fact_text("vacancy.scope", t, on))
    return lines


def fee_lines(t: Translator, verdict: interview.Verdict, on: dt.date) -> list[str]:
    if verdict.route.id == "ict":
        return [_fact_text("route.ict.quota_free", t, on)]
    if not verdict.fees:
        return [t("elig-fee-general"), _fact_text("fee.basis", t, on)]
    lines = []
    for fee in verdict.fees:
        if fee.amount_kzt is None:
            lines.append(
                t("elig-fee-seasonal-nomci", days=fee.days, mci=fee.mci_count, year=str(fee.year))
            )
        else:
            lines.append(
                t(
                    "elig-fee-seasonal",
                    days=fee.days,
                    mci=fee.mci_count,
                    amount=fee.amount_kzt,
                    rate=fee.mci_kzt,
                    year=str(fee.year),
                )
            )
    return lines


def source_lines(t: Translator, fact_ids: Sequence[str], on: dt.date) -> list[str]:
    status = render.result_status(fact_ids, on)
    return [
        html.escape(render.render_status(status, t.lang)),
        render.source_links(fact_ids, on, t.lang),
    ]


def outcome_text(t: Translator, history: History, outcome: Outcome, on: dt.date) -> str:
    """The answer on one phone screen: the route, the ratio verdict, the filing date, the fee and
    at most three sources; the steps and how it was counted sit behind buttons."""
    if outcome.kind == "eaeu":
        lines = [t("elig-eaeu-stop"), _fact_text("eaeu.exempt", t, on), ""]
        return "\n".join([*lines, *source_lines(t, ["eaeu.exempt"], on)])
    verdict = interview.evaluate(history, on)
    route = verdict.route
    filing = date_lines(t, verdict, on)[0]
    lines = [
        t("elig-result-title"),
        t("elig-result-route", name=route.name.get(t.lang), explain=route.explain.get(t.lang)),
        "",
        f"• {ratio_lines(t, verdict, on)[-1]}",
        f"• {filing}",
        f"• {fee_lines(t, verdict, on)[0]}",
        "",
        *source_lines(t, verdict.fact_ids, on),
    ]
    return "\n".join(lines)


def outcome_details(t: Translator, history: History, part: str, on: dt.date) -> str:
    """Behind the outcome's buttons: the steps in order, or how every figure was found."""
    verdict = interview.evaluate(history, on)
    route = verdict.route
    if part == "steps":
        return "\n".join([t("elig-steps-title"), *step_lines(t, route.id, on)])
    sections = [
        [t("elig-validity-title")] + [f"• {_fact_text(f, t, on)}" for f in route.fact_ids[1:]],
        [t("elig-ratio-title"), *ratio_lines(t, verdict, on)],
        [t("elig-dates-title"), *date_lines(t, verdict, on)],
        [t("elig-fee-title"), *fee_lines(t, verdict, on)],
    ]
    return "\n\n".join("\n".join(section) for section in sections)


def outcome_markup(t: Translator, outcome: Outcome) -> InlineKeyboardMarkup:
    rows = []
    if outcome.kind != "eaeu":
        rows.append(
            [
                button(t("elig-btn-steps"), ElMore(part="steps")),
                button(t("elig-btn-why"), ElMore(part="why")),
            ]
        )
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# --- the router ---------------------------------------------------------------------------------


def router() -> Router:
    r = Router(name="eligibility")
    answering = Eligibility.answering

    @r.message(Command("eligibility"))
    async def start(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        await save_history(state, [])
        await send(message, t("elig-intro"))
        await present(message, t, [], clock.today(user.timezone))

    @r.callback_query(MenuCb.filter(F.action == "eligibility"))
    async def start_button(
        query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        await save_history(state, [])
        if isinstance(query.message, Message):
            await send(query.message, t("elig-intro"))
        await present(query, t, [], clock.today(user.timezone))

    @r.callback_query(answering, ElCb.filter())
    async def on_button(
        query: CallbackQuery,
        callback_data: ElCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        history = load_history(await state.get_data())
        new = interview.answer(
            history, callback_data.q, callback_data.v, clock.today(user.timezone)
        )
        if new is None:
            await query.answer(t("stale-button"))
            return
        await advance(query, t, state, new, clock.today(user.timezone))

    @r.callback_query(answering, DateCb.filter(F.action == "pick"))
    async def on_date(
        query: CallbackQuery,
        callback_data: DateCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        history = load_history(await state.get_data())
        today = clock.today(user.timezone)
        question = interview.current_question(history, today)
        day = picked(callback_data)
        new = None
        if question is not None and day is not None:
            new = interview.answer(history, question.id, day.isoformat(), today)
        if new is None:
            await query.answer(t("stale-button"))
            return
        await advance(query, t, state, new, today)

    @r.callback_query(answering, ElNav.filter(F.action == "back"))
    async def on_back(
        query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        history = interview.back(load_history(await state.get_data()))
        await save_history(state, history)
        await present(query, t, history, clock.today(user.timezone))

    @r.callback_query(ElMore.filter())
    async def on_more(
        query: CallbackQuery,
        callback_data: ElMore,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        history = load_history({"history": (await state.get_data()).get("outcome")})
        today = clock.today(user.timezone)
        if not history or not isinstance(interview.next_step(history, today), Outcome):
            await query.answer(t("stale-button"))
            return
        await query.answer()
        if isinstance(query.message, Message):  # below the result, which stays on screen
            text = outcome_details(t, history, callback_data.part, today)
            await send(query.message, text, menu_button(t))

    @r.callback_query(answering, ElNav.filter(F.action == "cancel"))
    async def on_cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await state.clear()
        await show(query, t("cancelled"), main_menu(t))

    @r.message(answering, ~F.text.startswith("/"))
    async def on_text(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        history = load_history(await state.get_data())
        today = clock.today(user.timezone)
        question = interview.current_question(history, today)
        if question is None:  # cannot happen with a stored history, but never get stuck
            await state.clear()
            await message.answer(t("cancelled"), reply_markup=main_menu(t))
            return
        reply_to = await _typed_answer(message, t, state, history, question, today)
        if reply_to is not None:  # one message: what was wrong, with the way on
            await send(message, *reply_to)

    async def _typed_answer(
        message: Message,
        t: Translator,
        state: FSMContext,
        history: History,
        question: Question,
        today: dt.date,
    ) -> tuple[str, InlineKeyboardMarkup] | None:
        """Take a typed answer and advance; or return the reply explaining the problem."""
        text = message.text
        nav = [nav_row(t, history)]
        if text is None or question.kind in ("choice", "route"):
            return t("elig-use-buttons"), question_markup(t, question, history, today)
        if question.kind == "number":
            parsed = interview.parse_number(question, text)
            if parsed.problem:
                bounds = {"min": question.min, "max": question.max or 0}
                problem = t(f"elig-number-{parsed.problem}", **bounds)
                again = question_text(t, question, history)
                return f"{problem}\n\n{again}", InlineKeyboardMarkup(inline_keyboard=nav)
            value = parsed.value
        else:
            typed = parse_user_date(text, today)
            if typed.value is None:
                problem = t(f"datepick-problem-{typed.problem or 'format'}")
                return problem, retype_markup(t, today, nav)
            if typed.doubt is not None:
                return confirm_text(t, typed), confirm_markup(t, typed, today, nav)
            value = typed.value.isoformat()
        assert value is not None
        new = interview.answer(history, question.id, value, today)
        if new is None:  # a date before 2000 etc. would already be refused; keep it safe
            return t("elig-use-buttons"), question_markup(t, question, history, today)
        await advance(message, t, state, new, today)
        return None

    return r
