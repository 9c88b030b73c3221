"""/settings: reminder hour, quiet hours, time zone, kinds on/off and lead times; in a company
workspace its admins also see the escalation ladder (how many days before a deadline they are
told when nobody acted), which is the workspace's, changed by admins only (the ADMIN flag).

Every change re-plans the user's future reminders, so the dashboard and deliveries follow at once.
"""

from __future__ import annotations

import re
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot.clock import Clock
from bot.db import Database, workspaces
from bot.db import users as users_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.ids import RowId
from bot.records.planning import replan_user
from bot.reminders.timing import in_quiet_hours
from handlers.access import ADMIN
from handlers.ask import flow as ask_flow
from handlers.callbacks import MenuCb
from handlers.keyboards import button, rows
from handlers.replies import show
from knowledge.teams import ESCALATE_DAYS, Role, allows
from knowledge.textnorm import pick_label
from knowledge.timeline import GROUPS
from knowledge.typed_settings import parse_hour, parse_quiet, parse_zone, zone_label

HOURS = (7, 8, 9, 10, 12, 14, 17, 19)
QUIET = ("21-9", "22-8", "20-9", "0-0")  # start-end local hours; 0-0: none
ZONES = ("Asia/Almaty", "Europe/Moscow", "Asia/Tashkent", "Asia/Bishkek", "Europe/Istanbul", "UTC")
LEADS_RECOMMENDED = (45, 50, 55, 40)
LEADS_EXPIRY = (7, 14, 3)


class TypedSetting(StatesGroup):
    """A sub-menu is open: its value may also be typed ("10:00", "22-8", "UTC+6")."""

    hour = State()
    quiet = State()
    zone = State()


class SetField(StrEnum):
    MENU = "menu"  # opens a sub-menu (value: hour | quiet | zone | overview)
    HOUR = "hour"
    QUIET = "quiet"
    ZONE = "zone"
    RECOMMENDED = "recommended"
    EXPIRY = "expiry"
    MUTE = "mute"


class SetCb(CallbackData, prefix="set"):
    """``field`` to change and its new ``value`` (checked against the allowed values)."""

    field: SetField
    value: str = Field(default="", max_length=32)


class EscCb(CallbackData, prefix="esc"):
    """The workspace's escalation lead, in days (0: off); the role check reads ``ws``."""

    ws: RowId
    days: int = Field(ge=0, le=31)


def _button(text: str, field: str, value: str = "") -> InlineKeyboardButton:
    return button(text, SetCb(field=field, value=value))


def _escalation(t: Translator, access: Access | None) -> list[list[InlineKeyboardButton]]:
    """The ladder's row, for a company workspace's admins only."""
    if access is None or access.workspace.kind != "company" or not allows(access.role, Role.ADMIN):
        return []
    days = access.workspace.escalate_days
    label = t("settings-btn-escalate", days=days) if days else t("settings-btn-escalate-off")
    data = EscCb(ws=access.workspace.id, days=int(_next(ESCALATE_DAYS, days)))
    return [[InlineKeyboardButton(text=label, callback_data=data.pack())]]


def overview(
    t: Translator, user: User, access: Access | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    quiet = (
        t("settings-quiet-off")
        if user.quiet_start == user.quiet_end
        else (f"{user.quiet_start:02d}:00–{user.quiet_end:02d}:00")
    )
    text = t(
        "settings-overview",
        hour=f"{user.reminder_hour:02d}:00",
        quiet=quiet,
        zone=zone_label(user.timezone),
        recommended=user.lead_recommended,
        expiry=user.lead_expiry,
    )
    toggles = [
        _button(
            ("🔕 " if group in user.muted else "🔔 ") + t(f"settings-group-{group}"), "mute", group
        )
        for group in GROUPS
    ]
    keyboard = [
        [
            _button(t("settings-btn-hour"), "menu", "hour"),
            _button(t("settings-btn-quiet"), "menu", "quiet"),
        ],
        [_button(t("settings-btn-zone"), "menu", "zone")],
        [
            _button(
                t("settings-btn-recommended", days=user.lead_recommended),
                "recommended",
                _next(LEADS_RECOMMENDED, user.lead_recommended),
            )
        ],
        [
            _button(
                t("settings-btn-expiry", days=user.lead_expiry),
                "expiry",
                _next(LEADS_EXPIRY, user.lead_expiry),
            )
        ],
        *rows(toggles, 2),
        *_escalation(t, access),
        [button(t("menu-main"), MenuCb(action="main"))],
    ]
    return text, InlineKeyboardMarkup(inline_keyboard=keyboard)


def _next(options: tuple[int, ...], current: int) -> str:
    index = options.index(current) if current in options else -1
    return str(options[(index + 1) % len(options)])


def submenu(t: Translator, name: str) -> InlineKeyboardMarkup | None:
    if name == "hour":
        buttons = [_button(f"{hour:02d}:00", "hour", str(hour)) for hour in HOURS]
    elif name == "quiet":
        buttons = [
            _button(
                t("settings-quiet-off")
                if q == "0-0"
                else "{:02d}:00–{:02d}:00".format(*map(int, q.split("-"))),
                "quiet",
                q,
            )
            for q in QUIET
        ]
    elif name == "zone":
        buttons = [_button(zone, "zone", str(index)) for index, zone in enumerate(ZONES)]
    else:
        return None
    back = [_button(t("settings-btn-back"), "menu", "overview")]
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 2), back])


def typed_change(name: str, text: str) -> dict[str, object] | None:
    """The columns to update for a value typed in the ``name`` sub-menu, or None."""
    if name == "hour":
        hour = parse_hour(text)
        return None if hour is None else {"reminder_hour": hour}
    if name == "quiet":
        quiet = parse_quiet(text)
        return None if quiet is None else {"quiet_start": quiet[0], "quiet_end": quiet[1]}
    zone = parse_zone(text) if name == "zone" else None
    return None if zone is None else {"timezone": zone}


def looks_like_a_question(text: str) -> bool:
    """A sentence ("how long is a permit valid?"), not a setting typed wrong ("10:30", "+15")."""
    return "?" in text or len(re.findall(r"[^\W\d_]{2,}", text)) >= 3


def quiet_clash(user: User, values: dict[str, object]) -> dict[str, str] | None:
    """The hour and quiet hours when the change puts the reminder hour inside the quiet hours
    (reminders would wait for their end, a day late from the evening): refused, not saved."""
    hour = int(str(values.get("reminder_hour", user.reminder_hour)))
    start = int(str(values.get("quiet_start", user.quiet_start)))
    end = int(str(values.get("quiet_end", user.quiet_end)))
    if not in_quiet_hours(hour, start, end):
        return None
    return {"hour": f"{hour:02d}:00", "quiet": f"{start:02d}:00–{end:02d}:00"}


async def save(
    db: Database, user: User, clock: Clock, values: dict[str, object]
) -> tuple[User, Access | None]:
    """Store the change, re-plan the user's reminders; the updated user and workspace."""
    await users_repo.update_settings(db, user.id, clock.now(), **values)
    updated = await users_repo.get(db, user.id)
    assert updated is not None
    await replan_user(db, updated, clock.now())
    return updated, await workspaces.current(db, user.id, clock.now())


async def typed_value(  # a value typed while a sub-menu is open
    message: Message, t: Translator, state: FSMContext, user: User, db: Database, clock: Clock
) -> None:
    name = (await state.get_state() or "").rpartition(":")[2]
    values = typed_change(name, message.text or "")
    markup = submenu(t, name)
    if values is None and pick_label(message.text or "", {"back": t("settings-btn-back")}):
        await state.clear()  # "Назад" typed: the overview, as the button
        text, overview_markup = overview(
            t, user, await workspaces.current(db, user.id, clock.now())
        )
        await message.answer(text, reply_markup=overview_markup)
        return
    if values is None and looks_like_a_question(message.text or ""):
        await state.clear()  # the menu was left behind: a question, answered as one
        await ask_flow.question(message, t, user, clock, db)
        return
    if values is None or markup is None:
        await message.answer(t(f"settings-typed-bad-{name}"), reply_markup=markup)
        return
    if (clash := quiet_clash(user, values)) is not None:
        await message.answer(t("settings-typed-in-quiet", **clash), reply_markup=markup)
        return
    await state.clear()
    updated, access = await save(db, user, clock, values)
    text, overview_markup = overview(t, updated, access)
    await message.answer(t("settings-saved") + "\n\n" + text, reply_markup=overview_markup)


def change(field: str, value: str, user: User) -> dict[str, object] | None:
    """The columns to update for a button, or None for forged data."""
    if field == "hour" and value.isdigit() and int(value) in HOURS:
        return {"reminder_hour": int(value)}
    if field == "quiet" and value in QUIET:
        start, end = map(int, value.split("-"))
        return {"quiet_start": start, "quiet_end": end}
    if field == "zone" and value.isdigit() and int(value) < len(ZONES):
        return {"timezone": ZONES[int(value)]}
    if field == "recommended" and value.isdigit() and int(value) in LEADS_RECOMMENDED:
        return {"lead_recommended": int(value)}
    if field == "expiry" and value.isdigit() and int(value) in LEADS_EXPIRY:
        return {"lead_expiry": int(value)}
    if field == "mute" and value in GROUPS:
        muted = set(user.muted) ^ {value}
        return {"muted": ",".join(sorted(muted))}
    return None


async def set_escalation(  # the workspace's ladder; the ADMIN flag checked the role
    query: CallbackQuery,
    callback_data: EscCb,
    t: Translator,
    user: User,
    db: Database,
    access: Access,
) -> None:
    if callback_data.days not in ESCALATE_DAYS or access.workspace.kind != "company":
        await query.answer(t("stale-button"))
        return
    await workspaces.set_escalation(db, access.workspace.id, callback_data.days)
    updated = await workspaces.access(db, user.id, access.workspace.id)
    await query.answer(t("settings-saved-escalation"))
    await show(query, *overview(t, user, updated))


def router() -> Router:
    r = Router(name="settings")
    r.callback_query.register(set_escalation, EscCb.filter(), flags=ADMIN)

    @r.message(Command("settings"))
    async def settings(
        message: Message, t: Translator, user: User, db: Database, clock: Clock
    ) -> None:
        text, markup = overview(t, user, await workspaces.current(db, user.id, clock.now()))
        await message.answer(text, reply_markup=markup)

    @r.callback_query(MenuCb.filter(F.action == "settings"))
    async def settings_button(
        query: CallbackQuery,
        t: Translator,
        user: User,
        db: Database,
        clock: Clock,
        state: FSMContext,
    ) -> None:
        await state.clear()
        await show(query, *overview(t, user, await workspaces.current(db, user.id, clock.now())))

    r.message.register(typed_value, StateFilter(TypedSetting), F.text)

    @r.callback_query(SetCb.filter(F.field == "menu"))
    async def open_menu(
        query: CallbackQuery, callback_data: SetCb, t: Translator, user: User, state: FSMContext
    ) -> None:
        markup = submenu(t, callback_data.value)
        if markup is None:
            await state.clear()
            await show(query, *overview(t, user))
            return
        await state.set_state(getattr(TypedSetting, callback_data.value))
        name = callback_data.value
        await show(query, t(f"settings-choose-{name}") + "\n" + t(f"settings-type-{name}"), markup)

    @r.callback_query(SetCb.filter())
    async def set_value(
        query: CallbackQuery,
        callback_data: SetCb,
        t: Translator,
        user: User,
        db: Database,
        clock: Clock,
        state: FSMContext,
    ) -> None:
        values = change(callback_data.field, callback_data.value, user)
        if values is None:
            await query.answer(t("stale-button"))
            return
        await state.clear()
        updated, access = await save(db, user, clock, values)
        await query.answer(t("settings-saved"))
        await show(query, *overview(t, updated, access))

    return r
