"""Texts and keyboards of the calculator: pure functions of what is shown (no I/O)."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.i18n.dates import dated, when
from handlers.callbacks import MenuCb
from handlers.datepick import date_picker
from handlers.deadlines.callbacks import DlCb, DlNav, DlNavAction, DlStep, DlWhy, TrackThis
from handlers.keyboards import button
from knowledge import render
from knowledge.calculator import EVENTS, route_terms
from knowledge.deadlines import DateResult
from knowledge.l10n import Lang, format_date
from knowledge.loader import load_knowledge

Rows = list[list[InlineKeyboardButton]]


def nav_row(t: Translator, back: bool) -> list[InlineKeyboardButton]:
    row = [button("‹ " + t("dl-back"), DlNav(action=DlNavAction.BACK))] if back else []
    return [*row, button("✕ " + t("dl-cancel"), DlNav(action=DlNavAction.CANCEL))]


def event_markup(t: Translator) -> InlineKeyboardMarkup:
    return _event_markup(t.lang)


@lru_cache(maxsize=8)  # the same for every user of a language
def _event_markup(lang: Lang) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows = [[button(t(f"dl-event-{e}"), DlCb(step=DlStep.EVENT, v=e))] for e in EVENTS]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=False)])


def route_markup(t: Translator) -> InlineKeyboardMarkup:
    return _route_markup(t.lang)


@lru_cache(maxsize=8)
def _route_markup(lang: Lang) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows = [
        [button(r.name.get(t.lang), DlCb(step=DlStep.ROUTE, v=r.id))]
        for r in load_knowledge().routes
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=True)])


def term_label(t: Translator, term: str) -> str:
    count = int(term[1:])
    return t("dl-term-days" if term[0] == "d" else "dl-term-months", count=count)


def term_markup(t: Translator, route: str) -> InlineKeyboardMarkup:
    buttons = [
        button(term_label(t, term), DlCb(step=DlStep.TERM, v=term)) for term in route_terms(route)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=True)])


def date_question(t: Translator, event: str, today: dt.date) -> tuple[str, InlineKeyboardMarkup]:
    picker = date_picker(t, today, extra_rows=[nav_row(t, back=True)])
    return t(f"dl-q-date-{event}"), picker


def dates_args(result: DateResult, t: Translator, today: dt.date) -> dict[str, str]:
    """The result's dates for its headline; a date before today says "(passed)"."""
    return {name: dated(t, day, today) for name, day in result.dates.items()}


def _renewal_now(t: Translator, dates: dict[str, dt.date], today: dt.date) -> str | None:
    end, last = dates["end"], dates["last_day"]
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


def now_line(t: Translator, result: DateResult, today: dt.date) -> str | None:
    """What the dates mean today, when the user is already past some of them."""
    dates = result.dates
    if result.kind not in ("renewal", "no_renewal"):
        return None
    end = dates["end"]
    if end < today:
        return t("dl-now-expired", end=format_date(end, t.lang), when=when(t, end, today))
    if result.kind == "renewal":
        return _renewal_now(t, dates, today)
    if dates["prepare"] < today:
        return t("dl-now-prepare", end=format_date(end, t.lang), when=when(t, end, today))
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
    sections.append("\n".join([html.escape(status), t("status-sources", links=links)]))
    return "\n\n".join(sections)


def traces_text(t: Translator, results: list[DateResult]) -> str:
    """Behind "How counted": every day counted and skipped, and the convention used."""
    sections = [t("dl-how-title")]
    for result in results:
        lines = [html.escape(line) for line in render.render_result(result, t.lang)]
        sections.append("\n".join(f"• {line}" for line in lines))
    return "\n\n".join(sections)


def result_markup(t: Translator, payload: TrackThis, may_write: bool) -> InlineKeyboardMarkup:
    """ "Track this" only for one who may save (a viewer reads the result and how it counted)."""
    why = DlWhy(kind=payload.kind, date=payload.date, route=payload.route, term=payload.term)
    track = [button("🔔 " + t("dl-track"), payload)] if may_write else []
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [*track, button(t("dl-how"), why)],
            [button(t("menu-main"), MenuCb(action="main"))],
        ]
    )
