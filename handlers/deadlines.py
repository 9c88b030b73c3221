"""/deadlines: what happened (and, for a permit, its route and term), then when; the dates follow.

FSM data is ``{"event": str, "route": str, "term": str}`` (JSON, survives a restart). The answer
carries a "Track this" button whose callback data holds the whole computation (``TrackThis``):
``handlers.tracking`` decodes it with ``track_payload`` (its router is placed before this one).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import lru_cache

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db.users import User
from bot.i18n import Translator
from bot.i18n.dates import dated, when
from handlers.callbacks import MenuCb
from handlers.datepick import (
    DateCb,
    confirm_markup,
    confirm_text,
    date_picker,
    picked,
    retype_markup,
)
from handlers.keyboards import button, main_menu, menu_button
from handlers.replies import reply, send, show
from handlers.states import Deadlines
from knowledge import deadlines as rules
from knowledge import render
from knowledge.deadlines import DateResult
from knowledge.l10n import Lang, format_date
from knowledge.loader import load_knowledge
from knowledge.userdates import parse_user_date

EVENTS = ("vacancy", "permit", "contract", "arrival", "ended", "fee", "violation")
ICT_TERMS = (12, 24, 36)  # ICT is "up to 36 months": offer whole years


class DlCb(CallbackData, prefix="dl"):
    """An answer: ``step`` is the question it answers (event / route / term)."""

    step: str
    v: str


class DlNav(CallbackData, prefix="dln"):
    action: str  # back | cancel


class TrackThis(CallbackData, prefix="tr"):
    """Everything needed to recompute the answer: event, date YYYYMMDD, route, term (m12/d90)."""

    kind: str
    date: str
    route: str = ""
    term: str = ""


@dataclass(frozen=True)
class TrackRequest:
    """What the user asked to track, as plain values (for the tracking feature)."""

    kind: str
    day: dt.date
    route: str | None
    term: str | None


def track_payload(data: TrackThis) -> TrackRequest | None:
    """Decode a "Track this" button; None for forged or stale data."""
    day = picked(DateCb(action="pick", value=data.date))
    if day is None or data.kind not in EVENTS:
        return None
    if data.kind == "permit" and term_value(data.route, data.term) is None:
        return None
    return TrackRequest(data.kind, day, data.route or None, data.term or None)


# --- computing ----------------------------------------------------------------------------------


def route_terms(route_id: str) -> list[str]:
    """The terms a permit of the route can have, as "m12" (months) or "d90" (days)."""
    route = load_knowledge().route(route_id)
    if route.term_days:
        return [f"d{days}" for days in route.term_days]
    months = route.term_months or [m for m in ICT_TERMS if m <= (route.max_term_months or 0)]
    return [f"m{m}" for m in months]


def term_value(route_id: str, term: str) -> tuple[str, int] | None:
    """("months"|"days", n) for a term the route allows; None for anything else."""
    try:
        allowed = route_terms(route_id)
    except KeyError:
        return None
    if term not in allowed:
        return None
    return ("days" if term[0] == "d" else "months", int(term[1:]))


def compute(kind: str, day: dt.date, route: str = "", term: str = "") -> list[DateResult]:
    """The dates that follow from the event on ``day``."""
    simple = {
        "vacancy": rules.earliest_filing,
        "contract": rules.esutd_registration,
        "arrival": rules.arrival_notification,
        "ended": rules.esutd_termination,
        "fee": rules.fee_payment,
        "violation": rules.ban_end,
    }
    if kind in simple:
        return [simple[kind](day)]
    unit, count = term_value(route, term) or ("", 0)
    if unit == "days":
        end = rules.permit_end(day, route, days=count)
    else:
        end = rules.permit_end(day, route, months=count)
    results = [end, rules.renewal_window(end.dates["end"], route)]
    if route == "cat4":
        results.append(rules.cat4_replacement(day))
    return results


# --- rendering ----------------------------------------------------------------------------------


def nav_row(t: Translator, back: bool) -> list[InlineKeyboardButton]:
    row = [button("‹ " + t("dl-back"), DlNav(action="back"))] if back else []
    return [*row, button("✕ " + t("dl-cancel"), DlNav(action="cancel"))]


def event_markup(t: Translator) -> InlineKeyboardMarkup:
    return _event_markup(t.lang)


@lru_cache(maxsize=8)  # the same for every user of a language
def _event_markup(lang: Lang) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows = [[button(t(f"dl-event-{e}"), DlCb(step="event", v=e))] for e in EVENTS]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=False)])


def route_markup(t: Translator) -> InlineKeyboardMarkup:
    return _route_markup(t.lang)


@lru_cache(maxsize=8)
def _route_markup(lang: Lang) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows = [
        [button(r.name.get(t.lang), DlCb(step="route", v=r.id))] for r in load_knowledge().routes
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=True)])


def term_label(t: Translator, term: str) -> str:
    count = int(term[1:])
    return t("dl-term-days" if term[0] == "d" else "dl-term-months", count=count)


def term_markup(t: Translator, route: str) -> InlineKeyboardMarkup:
    buttons = [
        button(term_label(t, term), DlCb(step="term", v=term)) for term in route_terms(route)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=True)])


def dates_args(result: DateResult, t: Translator, today: dt.date) -> dict[str, str]:
    """The result's dates for its headline; a date before today says "(passed)"."""
    return {name: dated(t, day, today) for name, day in result.dates.items()}


def now_line(t: Translator, result: DateResult, today: dt.date) -> str | None:
    """What the dates mean today, when the user is already past some of them."""
    dates = result.dates
    if result.kind not in ("renewal", "no_renewal"):
        return None
    end = dates["end"]
    if end < today:
        return t("dl-now-expired", end=format_date(end, t.lang), when=when(t, end, today))
    if result.kind == "no_renewal":
        if dates["prepare"] < today:
            return t("dl-now-prepare", end=format_date(end, t.lang), when=when(t, end, today))
        return None
    last = dates["last_day"]
    if last < today:
        return t(
            "dl-now-renewal-closed",
            last_day=format_date(last, t.lang),
            end=format_date(end, t.lang),
            when=when(t, end, today),
        )
    if dates["opens"] <= today:
        return t(
            "dl-now-renewal-open", last_day=format_date(last, t.lang), when=when(t, last, today)
        )
    return None


def result_text(t: Translator, results: list[DateResult], on: dt.date) -> str:
    """The dates on one screen: each headline, what it means today, status and three sources.
    How each was counted (the traces) sits behind the "How counted" button."""
    sections = [t("dl-result-title")]
    for result in results:
        lines = [t(f"dl-result-{result.kind}", **dates_args(result, t, on))]
        if (now := now_line(t, result, on)) is not None:
            lines.append(now)
        sections.append("\n".join(lines))
    fact_ids = list(dict.fromkeys(f for result in results for f in result.fact_ids))
    status = render.render_status(render.result_status(fact_ids, on), t.lang)
    links = render.source_links(fact_ids, on, t.lang)
    sections.append("\n".join([html.escape(status), links]))
    return "\n\n".join(sections)


def traces_text(t: Translator, results: list[DateResult]) -> str:
    """Behind "How counted": every day counted and skipped, and the convention used."""
    sections = [t("dl-how-title")]
    for result in results:
        lines = [html.escape(line) for line in render.render_result(result, t.lang)]
        sections.append("\n".join(f"• {line}" for line in lines))
    return "\n\n".join(sections)


class DlWhy(CallbackData, prefix="dlw"):
    """ "How counted" for a result: the same values as ``TrackThis``, to compute it again."""

    kind: str
    date: str
    route: str = ""
    term: str = ""


def result_markup(t: Translator, payload: TrackThis) -> InlineKeyboardMarkup:
    why = DlWhy(kind=payload.kind, date=payload.date, route=payload.route, term=payload.term)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button("🔔 " + t("dl-track"), payload), button(t("dl-how"), why)],
            [button(t("menu-main"), MenuCb(action="main"))],
        ]
    )


# --- the conversation ---------------------------------------------------------------------------


async def ask_event(target: Message | CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(Deadlines.event)
    await state.set_data({})
    await reply(target, t("dl-q-event"), event_markup(t))


async def ask_date(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, today: dt.date
) -> None:
    await state.set_state(Deadlines.date)
    data = await state.get_data()
    question = t(f"dl-q-date-{data.get('event', 'vacancy')}")
    await reply(target, question, date_picker(t, today, extra_rows=[nav_row(t, back=True)]))


async def finish(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, day: dt.date, on: dt.date
) -> None:
    data = await state.get_data()
    kind, route, term = (
        str(data.get("event")),
        str(data.get("route", "")),
        str(data.get("term", "")),
    )
    results = compute(kind, day, route, term)
    await state.clear()
    payload = TrackThis(kind=kind, date=day.strftime("%Y%m%d"), route=route, term=term)
    await reply(target, result_text(t, results, on), result_markup(t, payload))


def router() -> Router:
    r = Router(name="deadlines")

    @r.message(Command("deadlines"))
    async def start(message: Message, t: Translator, state: FSMContext) -> None:
        await ask_event(message, t, state)

    @r.callback_query(MenuCb.filter(F.action == "deadlines"))
    async def start_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await ask_event(query, t, state)

    @r.callback_query(Deadlines.event, DlCb.filter((F.step == "event") & F.v.in_(EVENTS)))
    async def on_event(
        query: CallbackQuery,
        callback_data: DlCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        await state.set_data({"event": callback_data.v})
        if callback_data.v == "permit":
            await state.set_state(Deadlines.route)
            await show(query, t("dl-q-route"), route_markup(t))
        else:
            await ask_date(query, t, state, clock.today(user.timezone))

    @r.callback_query(Deadlines.route, DlCb.filter(F.step == "route"))
    async def on_route(
        query: CallbackQuery, callback_data: DlCb, t: Translator, state: FSMContext
    ) -> None:
        if callback_data.v not in {route.id for route in load_knowledge().routes}:
            await query.answer(t("stale-button"))
            return
        await state.update_data(route=callback_data.v)
        await state.set_state(Deadlines.term)
        await show(query, t("dl-q-term"), term_markup(t, callback_data.v))

    @r.callback_query(Deadlines.term, DlCb.filter(F.step == "term"))
    async def on_term(
        query: CallbackQuery,
        callback_data: DlCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        route = str((await state.get_data()).get("route", ""))
        if term_value(route, callback_data.v) is None:
            await query.answer(t("stale-button"))
            return
        await state.update_data(term=callback_data.v)
        await ask_date(query, t, state, clock.today(user.timezone))

    @r.callback_query(Deadlines.date, DateCb.filter(F.action == "pick"))
    async def on_pick(
        query: CallbackQuery,
        callback_data: DateCb,
        t: Translator,
        state: FSMContext,
        user: User,
        clock: Clock,
    ) -> None:
        day = picked(callback_data)
        if day is None:
            await query.answer(t("stale-button"))
            return
        await finish(query, t, state, day, clock.today(user.timezone))

    @r.message(Deadlines.date, F.text, ~F.text.startswith("/"))
    async def on_date_text(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        today = clock.today(user.timezone)
        parsed = parse_user_date(message.text or "", today)
        if parsed.value is None:
            problem = t(f"datepick-problem-{parsed.problem or 'format'}")
            await send(message, problem, retype_markup(t, today, [nav_row(t, back=True)]))
        elif parsed.doubt is not None:
            markup = confirm_markup(t, parsed, today, [nav_row(t, back=True)])
            await send(message, confirm_text(t, parsed), markup)
        else:
            await finish(message, t, state, parsed.value, today)

    @r.message(Deadlines.date, ~F.text)
    async def on_date_other(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        today = clock.today(user.timezone)
        markup = retype_markup(t, today, [nav_row(t, back=True)])
        await send(message, t("datepick-problem-format"), markup)

    @r.message(Deadlines.event, ~F.text.startswith("/"))
    @r.message(Deadlines.route, ~F.text.startswith("/"))
    @r.message(Deadlines.term, ~F.text.startswith("/"))
    async def on_text_for_buttons(message: Message, t: Translator) -> None:
        await send(message, t("dl-use-buttons"))

    @r.callback_query(DlNav.filter(F.action == "back"), Deadlines.date)
    async def back_from_date(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        data = await state.get_data()
        if data.get("event") == "permit":
            await state.set_state(Deadlines.term)
            await show(query, t("dl-q-term"), term_markup(t, str(data.get("route", ""))))
        else:
            await ask_event(query, t, state)

    @r.callback_query(DlNav.filter(F.action == "back"), Deadlines.term)
    async def back_from_term(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await state.set_state(Deadlines.route)
        await show(query, t("dl-q-route"), route_markup(t))

    @r.callback_query(DlNav.filter(F.action == "back"), Deadlines.route)
    async def back_from_route(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await ask_event(query, t, state)

    @r.callback_query(DlWhy.filter())
    async def how_counted(query: CallbackQuery, callback_data: DlWhy, t: Translator) -> None:
        request = track_payload(TrackThis(**callback_data.model_dump()))
        if request is None:
            await query.answer(t("stale-button"))
            return
        results = compute(request.kind, request.day, request.route or "", request.term or "")
        await query.answer()
        if isinstance(query.message, Message):  # below the dates, which stay on screen
            await send(query.message, traces_text(t, results), menu_button(t))

    @r.callback_query(DlNav.filter(F.action == "cancel"), StateFilter(Deadlines))
    async def cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await state.clear()
        await show(query, t("cancelled"), main_menu(t))

    return r
