"""A date picker: quick "today"/"yesterday" buttons and a month grid, in the user's language.

Flows put ``date_picker(...)`` under their question and handle
``DateCb.filter(F.action == DateAction.PICK)`` in their own state; month navigation is handled
here once for every flow and keeps the flow's own rows (Back, Cancel) under the grid.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from functools import lru_cache

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from babel.dates import get_day_names, get_month_names

from bot.clock import Clock
from bot.db.users import User
from bot.i18n import Translator
from handlers.keyboards import button
from handlers.replies import show_markup
from knowledge.l10n import Lang, format_date
from knowledge.userdates import DateInput

_BABEL = {"ru": "ru", "kk": "kk", "en": "en_GB"}


class DateAction(StrEnum):
    PICK = "pick"  # a day, value YYYYMMDD
    NAV = "nav"  # to a month, value YYYYMM
    NOOP = "noop"  # a title or blank cell


class DateCb(CallbackData, prefix="dp"):
    action: DateAction  # "dp:steal:1" fails to unpack → the fallback's "out of date"
    value: str = ""


def picked(callback_data: DateCb) -> dt.date | None:
    """The chosen day, or None for forged data."""
    try:
        return dt.datetime.strptime(callback_data.value, "%Y%m%d").date()  # noqa: DTZ007
    except ValueError:
        return None


def _button(text: str, action: DateAction, value: str = "") -> InlineKeyboardButton:
    return button(text, DateCb(action=action, value=value))


def _month_title(month: dt.date, lang: str) -> str:
    name = get_month_names("wide", "stand-alone", _BABEL[lang])[month.month]
    return f"{name[:1].upper()}{name[1:]} {month.year}"


def picker_rows(t: Translator, month: dt.date, today: dt.date) -> list[list[InlineKeyboardButton]]:
    yesterday = today - dt.timedelta(days=1)
    rows = [
        [
            _button(t("datepick-today"), DateAction.PICK, today.strftime("%Y%m%d")),
            _button(t("datepick-yesterday"), DateAction.PICK, yesterday.strftime("%Y%m%d")),
        ]
    ]
    previous = (month.replace(day=1) - dt.timedelta(days=1)).strftime("%Y%m")
    following = (month.replace(day=28) + dt.timedelta(days=4)).strftime("%Y%m")
    rows.append(
        [
            _button("‹", DateAction.NAV, previous),
            _button(_month_title(month, t.lang), DateAction.NOOP),
            _button("›", DateAction.NAV, following),
        ]
    )
    days = get_day_names("short", "format", _BABEL[t.lang])
    rows.append([_button(days[index], DateAction.NOOP) for index in range(7)])
    for week in calendar.Calendar().monthdatescalendar(month.year, month.month):
        rows.append(
            [
                _button(str(day.day), DateAction.PICK, day.strftime("%Y%m%d"))
                if day.month == month.month
                else _button(" ", DateAction.NOOP)
                for day in week
            ]
        )
    return rows


def date_picker(
    t: Translator,
    today: dt.date,
    month: dt.date | None = None,
    extra_rows: list[list[InlineKeyboardButton]] | None = None,
) -> InlineKeyboardMarkup:
    rows = _grid(t.lang, (month or today).replace(day=1), today)
    return InlineKeyboardMarkup(inline_keyboard=[*rows, *(extra_rows or [])])


@lru_cache(maxsize=256)  # ~45 buttons, the same for everyone that day (never mutated)
def _grid(lang: Lang, month: dt.date, today: dt.date) -> tuple[list[InlineKeyboardButton], ...]:
    return tuple(picker_rows(Translator(lang), month, today))


def calendar_row(t: Translator, today: dt.date) -> list[InlineKeyboardButton]:
    """One "📅 Calendar" button: opens the month grid in place (the calendar only when asked)."""
    return [_button(t("datepick-calendar"), DateAction.NAV, today.strftime("%Y%m"))]


def retype_markup(
    t: Translator, today: dt.date, extra_rows: list[list[InlineKeyboardButton]] | None = None
) -> InlineKeyboardMarkup:
    """Under a "could not read that date" message: the calendar on request, the flow's rows."""
    return InlineKeyboardMarkup(inline_keyboard=[calendar_row(t, today), *(extra_rows or [])])


def confirm_text(t: Translator, parsed: DateInput) -> str:
    """Asks to confirm a date read with a guess ("20 ноября" → which year?)."""
    assert parsed.value is not None and parsed.doubt is not None
    return t(f"datepick-confirm-{parsed.doubt}", date=format_date(parsed.value, t.lang))


def confirm_markup(
    t: Translator,
    parsed: DateInput,
    today: dt.date,
    extra_rows: list[list[InlineKeyboardButton]] | None = None,
) -> InlineKeyboardMarkup:
    """ "✓ 20 November 2026" picks the date (the flow's own pick handler takes it)."""
    assert parsed.value is not None
    yes = _button(
        "✓ " + format_date(parsed.value, t.lang), DateAction.PICK, parsed.value.strftime("%Y%m%d")
    )
    rows = [[yes], calendar_row(t, today), *(extra_rows or [])]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _own_rows(markup: InlineKeyboardMarkup | None) -> list[list[InlineKeyboardButton]]:
    """The flow's rows under the grid (those that are not the picker's)."""
    if markup is None:
        return []
    prefix = DateCb.__prefix__ + ":"
    return [
        row
        for row in markup.inline_keyboard
        if not all((button.callback_data or "").startswith(prefix) for button in row)
    ]


def router() -> Router:
    r = Router(name="datepick")

    @r.callback_query(DateCb.filter(F.action == DateAction.NAV))
    async def navigate(
        query: CallbackQuery, callback_data: DateCb, t: Translator, user: User, clock: Clock
    ) -> None:
        try:
            month = dt.datetime.strptime(callback_data.value, "%Y%m").date()  # noqa: DTZ007
        except ValueError:
            await query.answer(t("stale-button"))
            return
        if not isinstance(query.message, Message) or not 2000 <= month.year <= 2100:
            await query.answer(t("stale-button"))
            return
        # The user's calendar day, not the UTC date of the message (wrong near midnight).
        today = clock.today(user.timezone)
        extra = _own_rows(query.message.reply_markup)
        await show_markup(query, date_picker(t, today, month, extra))

    @r.callback_query(DateCb.filter(F.action == DateAction.NOOP))
    async def ignore(query: CallbackQuery) -> None:
        await query.answer()

    return r
