"""Fees: what is known (seasonal rates × the MCI of the payment year), what is not (categories
1–4 under Decree No. 819), and a fee notice tracked with the rate the user reads from it."""

from __future__ import annotations

import datetime as dt
import html
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import BaseModel, ValidationError

from bot.clock import Clock
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import fees as fees_repo
from bot.records.planning import replan_record
from handlers.access import READ, WRITE, writes
from handlers.callbacks import MenuCb
from handlers.datepick import DateAction, DateCb, confirm_markup, confirm_text, picked
from handlers.keyboards import button, main_menu
from handlers.replies import reply, show
from knowledge import deadlines as dl
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import link
from knowledge.userdates import happened, parse_user_date


class FeeAction(StrEnum):
    NOTICE = "notice"
    BACK = "back"
    CANCEL = "cancel"


class FeeCb(CallbackData, prefix="fee"):
    action: FeeAction


class FeeNotice(StatesGroup):
    date = State()  # the notice's date, typed
    rate = State()  # the rate in MCI printed on it, typed


class Form(BaseModel):
    notice: dt.date | None = None


async def load(state: FSMContext) -> Form:
    try:
        return Form.model_validate(await state.get_data())
    except ValidationError:
        return Form()


def money(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", " ") + " ₸"


# --- views --------------------------------------------------------------------------------------


def overview(t: Translator, year: int, may_write: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The fee overview; "Enter my fee notice" (it saves a record) only for one who may write."""
    kb = load_knowledge()
    lines = [t("fee-title", year=year), t("fee-seasonal-heading")]
    for days in kb.route("seasonal").term_days:
        try:
            fee = kb.seasonal_fee(days, year)
        except ValueError:
            lines.append(t("fee-seasonal-unknown-year", year=year))
            break
        if fee.amount_kzt is None:
            lines.append(t("fee-seasonal-line-nomci", days=days, mci=fee.mci_count))
        else:
            amount = money(fee.amount_kzt, t.lang)
            lines.append(t("fee-seasonal-line", days=days, mci=fee.mci_count, amount=amount))
    if kb.mci(year) is not None:
        lines.append(t("fee-mci", year=year, mci=money(kb.mci(year) or 0, t.lang)))
    general = kb.fact("fee.general")
    lines.append(t("fee-general-unknown"))
    if general.uncertain is not None:
        lines.append(f"<i>{html.escape(general.uncertain.get(t.lang))}</i>")
    # named for its publisher, as on every card: a bare address was all this line showed
    lines.append(t("fee-sources", source=link(kb.fact("fee.decree_819").sources[0], lang=t.lang)))
    notice = [[button(t("fee-btn-notice"), FeeCb(action=FeeAction.NOTICE))]] if may_write else []
    markup = InlineKeyboardMarkup(
        inline_keyboard=[*notice, [button(t("menu-main"), MenuCb(action="main"))]]
    )
    return "\n".join(lines), markup


def prompt_markup(t: Translator, back: bool) -> InlineKeyboardMarkup:
    row: list[InlineKeyboardButton] = []
    if back:
        row.append(button("‹ " + t("elig-back"), FeeCb(action=FeeAction.BACK)))
    row.append(button("✕ " + t("elig-cancel"), FeeCb(action=FeeAction.CANCEL)))
    return InlineKeyboardMarkup(inline_keyboard=[row])


def saved_text(t: Translator, notice: dt.date, mci_count: int) -> str:
    due = dl.fee_payment(notice).dates["due"]
    found = fees_repo.amount(mci_count, due)
    lines = [t("fee-saved-due", date=format_date(due, t.lang))]
    if found.kzt is None:
        lines.append(t("fee-saved-nomci", mci=mci_count, year=found.year))
    else:
        rate = money(found.mci_kzt or 0, t.lang)
        lines.append(
            t("fee-saved-amount", mci=mci_count, rate=rate, amount=money(found.kzt, t.lang))
        )
    lines.append(t("fee-saved-reminders"))
    return "\n".join(lines)


async def card_line(
    t: Translator, db: Database, user_id: int, record_id: int, notice: dt.date
) -> str:
    """The record card's line for a fee notice whose rate the user entered ('' if none)."""
    mci_count = await fees_repo.rate(db, user_id, record_id)
    if mci_count is None:
        return ""
    found = fees_repo.amount(mci_count, dl.fee_payment(notice).dates["due"])
    if found.kzt is None:
        return t("fee-saved-nomci", mci=mci_count, year=found.year)
    rate, total = money(found.mci_kzt or 0, t.lang), money(found.kzt, t.lang)
    return t("fee-saved-amount", mci=mci_count, rate=rate, amount=total)


# --- handlers -----------------------------------------------------------------------------------


async def fees(message: Message, t: Translator, user: User, clock: Clock, access: Access) -> None:
    await reply(message, *overview(t, clock.today(user.timezone).year, writes(access)))


async def fees_button(
    query: CallbackQuery, t: Translator, user: User, clock: Clock, access: Access
) -> None:
    await reply(query, *overview(t, clock.today(user.timezone).year, writes(access)))


async def ask_date(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.set_state(FeeNotice.date)
    await state.set_data(Form().model_dump(mode="json"))
    await reply(query, t("fee-ask-date"), prompt_markup(t, back=False))


async def got_date(
    message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
) -> None:
    today = clock.today(user.timezone)
    parsed = happened(parse_user_date(message.text or "", today), today)
    if parsed.value is None or parsed.value > today:
        await reply(message, t("fee-date-bad"), prompt_markup(t, back=False))
        return
    if parsed.doubt is not None:  # "20.11", "Friday", "20.11.26": confirmed with one press
        rows = prompt_markup(t, back=False).inline_keyboard
        await reply(message, confirm_text(t, parsed), confirm_markup(t, parsed, today, rows))
        return
    await ask_rate(message, t, state, parsed.value)


async def date_picked(
    query: CallbackQuery,
    callback_data: DateCb,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
) -> None:
    """A confirmed guess or a day of the calendar: a notice received on or before today."""
    day = picked(callback_data)
    if day is None or day > clock.today(user.timezone):
        await query.answer(t("fee-date-bad"))
        return
    await ask_rate(query, t, state, day)


async def ask_rate(
    target: Message | CallbackQuery, t: Translator, state: FSMContext, notice: dt.date
) -> None:
    await state.set_state(FeeNotice.rate)
    await state.set_data(Form(notice=notice).model_dump(mode="json"))
    await reply(target, t("fee-ask-rate"), prompt_markup(t, back=True))


async def got_rate(
    message: Message,
    t: Translator,
    state: FSMContext,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    form = await load(state)
    text = (message.text or "").strip().replace(" ", "")
    if form.notice is None:
        await state.clear()
        await reply(message, t("stale-button"), main_menu(t, writes(access)))
        return
    if not text.isdigit() or not 1 <= int(text) <= fees_repo.MAX_MCI:
        await reply(message, t("fee-rate-bad", max=fees_repo.MAX_MCI), prompt_markup(t, True))
        return
    mci_count = int(text)
    await state.clear()
    now = clock.now()
    async with db.transaction():
        record_id = await records_repo.add(
            db, user.id, "fee", form.notice, now, workspace_id=access.workspace.id
        )
        await fees_repo.set_rate(db, user.id, record_id, mci_count)
        await audit.log(db, record_id, user.id, audit.Action.CREATED, now)
    record = await records_repo.get(db, user.id, record_id)
    if record is not None:
        await replan_record(db, user, record, now)
    await reply(message, saved_text(t, form.notice, mci_count), main_menu(t, writes(access)))


async def not_text(message: Message, t: Translator, state: FSMContext) -> None:
    back = await state.get_state() == FeeNotice.rate
    await reply(message, t("fee-need-text"), prompt_markup(t, back))


async def back(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    if await state.get_state() != FeeNotice.rate:
        await query.answer(t("stale-button"))
        return
    await ask_date(query, t, state)


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


def router() -> Router:
    r = Router(name="fees")
    # READ: the overview offers "Enter my fee notice" by the role (not to a viewer)
    r.message.register(fees, Command("fees"), flags=READ)
    r.callback_query.register(fees_button, MenuCb.filter(F.action == "fees"), flags=READ)
    r.callback_query.register(ask_date, FeeCb.filter(F.action == FeeAction.NOTICE), flags=WRITE)
    r.callback_query.register(back, FeeCb.filter(F.action == FeeAction.BACK))
    r.callback_query.register(cancel, FeeCb.filter(F.action == FeeAction.CANCEL), flags=READ)
    typed = F.text & ~F.text.startswith("/")
    r.message.register(got_date, FeeNotice.date, typed)
    r.callback_query.register(
        date_picked, FeeNotice.date, DateCb.filter(F.action == DateAction.PICK)
    )
    r.message.register(got_rate, FeeNotice.rate, typed, flags=WRITE)  # role: bot.access
    r.message.register(not_text, FeeNotice.date)
    r.message.register(not_text, FeeNotice.rate)
    return r
