"""Tracking: save a computed deadline as a record with reminders, /status, records, privacy."""

from __future__ import annotations

import datetime as dt
import html

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.records import MAX_LABEL, Record
from bot.db.users import User
from bot.i18n import Translator
from bot.reminders import repo as reminders_repo
from bot.reminders.engine import RemCb
from bot.reminders.planning import planned, replan_record
from bot.reminders.repo import Reminder
from bot.reminders.timing import send_time
from handlers.callbacks import MenuCb
from handlers.deadlines import TrackThis, ask_event, track_payload
from handlers.keyboards import main_menu, menu_button
from handlers.replies import send, show
from handlers.states import Editing, Tracking
from knowledge.l10n import format_date
from knowledge.timeline import Planned, upcoming
from knowledge.userdates import parse_user_date

DASHBOARD_ITEMS = 20


class RecCb(CallbackData, prefix="rec"):
    """open | delete | delete_yes | done, on a record id (always checked against the sender)."""

    action: str
    id: int


class TrackCb(CallbackData, prefix="trk"):
    action: str  # skip | save | cancel | erase | erase_yes


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _keyboard(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


def colour(due: dt.date, today: dt.date) -> str:
    """🔴 overdue or under 7 days, 🟠 under 30 days, 🟢 later."""
    days = (due - today).days
    return "🔴" if days < 7 else "🟠" if days < 30 else "🟢"


def planned_lines(t: Translator, items: list[Planned]) -> list[str]:
    return [f"• {format_date(i.due, t.lang)} — {t(f'rem-title-{i.kind}')}" for i in items]


def dashboard_items(reminders: list[Reminder], today: dt.date) -> list[tuple[dt.date, Reminder]]:
    """Per record, an overdue obligation (sent, repeating, not done) or its next reminder."""
    chosen: dict[int, tuple[dt.date, Reminder]] = {}
    for reminder in reminders:
        overdue = reminder.repeat and reminder.status == "sent" and reminder.due_date < today
        ahead = reminder.status in ("pending", "paused") and reminder.due_date >= today
        if not (overdue or ahead):
            continue
        current = chosen.get(reminder.record_id)
        if current is None or reminder.due_date < current[0]:
            chosen[reminder.record_id] = (reminder.due_date, reminder)
    return sorted(chosen.values(), key=lambda item: (item[0], item[1].id))


def record_title(t: Translator, record: Record) -> str:
    name = html.escape(record.label) if record.label else t(f"track-kind-{record.kind}")
    return f"{name} · {t(f'track-kind-{record.kind}')}"


async def record_view(t: Translator, db: Database, user: User, record: Record) -> str:
    lines = [f"<b>{record_title(t, record)}</b>"]
    lines.append(t("track-event-date", date=format_date(record.event_date, t.lang)))
    if record.route:
        lines.append(t("track-route", route=record.route.upper()))
    reminders = [r for r in await reminders_repo.upcoming(db, user.id) if r.record_id == record.id]
    lines.append("")
    marks = {"pending": "⏳", "paused": "⏸", "sent": "✉️", "done": "✓"}
    for reminder in reminders:
        day = format_date(reminder.due_date, t.lang)
        title = t(f"rem-title-{reminder.kind}")
        lines.append(f"{marks.get(reminder.status, '•')} {day} — {title}")
    if not reminders:
        lines.append(t("track-no-reminders"))
    return "\n".join(lines)


def record_keyboard(t: Translator, record_id: int) -> InlineKeyboardMarkup:
    return _keyboard(
        [
            _button(t("track-btn-rename"), RecCb(action="rename", id=record_id)),
            _button(t("track-btn-redate"), RecCb(action="redate", id=record_id)),
        ],
        [
            _button(t("track-btn-done"), RecCb(action="done", id=record_id)),
            _button(t("track-btn-delete"), RecCb(action="delete", id=record_id)),
        ],
        [
            _button(t("track-btn-status"), MenuCb(action="status")),
            _button(t("menu-main"), MenuCb(action="main")),
        ],
    )


async def status_text(
    t: Translator, db: Database, user: User, today: dt.date
) -> tuple[str, InlineKeyboardMarkup]:
    items = dashboard_items(await reminders_repo.upcoming(db, user.id), today)
    if not items:
        return t("status-empty"), _keyboard(
            [_button(t("menu-deadlines"), MenuCb(action="deadlines"))],
            [_button(t("menu-main"), MenuCb(action="main"))],
        )
    records = {record.id: record for record in await records_repo.for_user(db, user.id)}
    lines, rows = [t("status-title")], []
    for due, reminder in items[:DASHBOARD_ITEMS]:
        record = records.get(reminder.record_id)
        if record is None:
            continue
        overdue = t("status-overdue") if due < today else ""
        day = format_date(due, t.lang)
        what = t(f"rem-title-{reminder.kind}")
        lines.append(f"{colour(due, today)} {day}{overdue} — {what} · {record_title(t, record)}")
        label = f"{colour(due, today)} {record.label or t(f'track-kind-{record.kind}')}"[:60]
        rows.append([_button(label, RecCb(action="open", id=record.id))])
    if len(items) > DASHBOARD_ITEMS:
        lines.append(t("status-more", count=len(items) - DASHBOARD_ITEMS))
    rows.append([_button(t("menu-main"), MenuCb(action="main"))])
    return "\n".join(lines), _keyboard(*rows)


def router() -> Router:
    r = Router(name="tracking")

    @r.callback_query(TrackThis.filter())
    async def track_this(
        query: CallbackQuery, callback_data: TrackThis, t: Translator, state: FSMContext
    ) -> None:
        request = track_payload(callback_data)
        if request is None:
            await query.answer(t("stale-button"))
            return
        await state.set_state(Tracking.label)
        await state.set_data(
            {
                "kind": request.kind,
                "date": request.day.isoformat(),
                "route": request.route or "",
                "term": request.term or "",
            }
        )
        markup = _keyboard(
            [_button(t("track-btn-skip"), TrackCb(action="skip"))],
            [_button(t("track-btn-cancel"), TrackCb(action="cancel"))],
        )
        if query.message is not None and query.bot is not None:
            await query.bot.send_message(
                query.from_user.id, t("track-ask-label"), reply_markup=markup
            )

    async def ask_confirm(
        target: Message, t: Translator, state: FSMContext, user: User, today: dt.date
    ) -> None:
        data = await state.get_data()
        day = dt.date.fromisoformat(data["date"])
        draft = Record(0, user.id, data["kind"], "", day, data["route"], data["term"], "open")
        items = upcoming(planned(draft, user), today)
        await state.set_state(Tracking.confirm)
        name = html.escape(data.get("label") or "") or t(f"track-kind-{data['kind']}")
        lines = [t("track-confirm", name=name), *planned_lines(t, items)]
        if not items:
            lines.append(t("track-no-reminders"))
        markup = _keyboard(
            [_button(t("track-btn-save"), TrackCb(action="save"))],
            [_button(t("track-btn-cancel"), TrackCb(action="cancel"))],
        )
        await send(target, "\n".join(lines), markup)

    @r.message(Tracking.label, F.text)
    async def got_label(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        label = (message.text or "").strip()
        if not label or len(label) > MAX_LABEL or label.startswith("/"):
            await message.answer(t("track-label-invalid", limit=MAX_LABEL))
            return
        await state.update_data(label=label)
        await ask_confirm(message, t, state, user, clock.today(user.timezone))

    @r.callback_query(Tracking.label, TrackCb.filter(F.action == "skip"))
    async def skip_label(
        query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        if isinstance(query.message, Message):
            await ask_confirm(query.message, t, state, user, clock.today(user.timezone))

    @r.callback_query(Tracking.confirm, TrackCb.filter(F.action == "save"))
    async def save(
        query: CallbackQuery,
        t: Translator,
        state: FSMContext,
        user: User,
        db: Database,
        clock: Clock,
    ) -> None:
        data = await state.get_data()
        await state.clear()
        event = dt.date.fromisoformat(data["date"])
        record_id = await records_repo.add(
            db,
            user.id,
            data["kind"],
            event,
            clock.now(),
            data.get("label", ""),
            data["route"],
            data["term"],
        )
        record = await records_repo.get(db, user.id, record_id)
        assert record is not None
        count = await replan_record(db, user, record, clock.today(user.timezone))
        await show(query, t("track-saved", count=count), record_keyboard(t, record_id))

    @r.callback_query(StateFilter(Tracking), TrackCb.filter(F.action == "cancel"))
    async def cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await state.clear()
        await show(query, t("cancelled"), main_menu(t))

    @r.message(StateFilter(Tracking))
    async def not_text(message: Message, t: Translator) -> None:
        await message.answer(t("track-label-invalid", limit=MAX_LABEL))

    async def edited(
        message: Message,
        t: Translator,
        user: User,
        db: Database,
        clock: Clock,
        state: FSMContext,
        label: str | None = None,
        event_date: dt.date | None = None,
    ) -> None:
        record_id = int((await state.get_data()).get("record", 0))
        await state.clear()
        if not await records_repo.update(db, user.id, record_id, label, event_date):
            await message.answer(t("track-not-found"))
            return
        record = await records_repo.get(db, user.id, record_id)
        assert record is not None
        await replan_record(db, user, record, clock.today(user.timezone))
        await message.answer(
            await record_view(t, db, user, record), reply_markup=record_keyboard(t, record.id)
        )

    @r.message(Editing.label, F.text)
    async def rename(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, state: FSMContext
    ) -> None:
        label = (message.text or "").strip()
        if not label or len(label) > MAX_LABEL or label.startswith("/"):
            await message.answer(t("track-label-invalid", limit=MAX_LABEL))
            return
        await edited(message, t, user, db, clock, state, label=label)

    @r.message(Editing.date, F.text)
    async def redate(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, state: FSMContext
    ) -> None:
        parsed = parse_user_date(message.text or "", clock.today(user.timezone))
        if parsed.value is None:
            await message.answer(t(f"datepick-problem-{parsed.problem}"))
            return
        await edited(message, t, user, db, clock, state, event_date=parsed.value)

    @r.message(StateFilter(Editing))
    async def edit_not_text(message: Message, t: Translator) -> None:
        await message.answer(t("unexpected-in-flow"))

    @r.message(Command("track"))
    async def track(message: Message, t: Translator, state: FSMContext) -> None:
        # Adding a record starts with its dates: the calculator's steps, then "Track this".
        await message.answer(t("track-how"))
        await ask_event(message, t, state)

    @r.callback_query(MenuCb.filter(F.action == "track"))
    async def track_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await ask_event(query, t, state)

    @r.message(Command("status"))
    async def status(
        message: Message, t: Translator, user: User, db: Database, clock: Clock
    ) -> None:
        text, markup = await status_text(t, db, user, clock.today(user.timezone))
        await send(message, text, markup)

    @r.callback_query(MenuCb.filter(F.action == "status"))
    async def status_button(
        query: CallbackQuery, t: Translator, user: User, db: Database, clock: Clock
    ) -> None:
        text, markup = await status_text(t, db, user, clock.today(user.timezone))
        await show(query, text, markup)

    @r.callback_query(RecCb.filter())
    async def record_action(
        query: CallbackQuery,
        callback_data: RecCb,
        t: Translator,
        user: User,
        db: Database,
        state: FSMContext,
    ) -> None:
        record = await records_repo.get(db, user.id, callback_data.id)
        if record is None:  # another user's id, a deleted record or forged data
            await query.answer(t("track-not-found"))
            return
        action = callback_data.action
        if action == "open":
            await show(query, await record_view(t, db, user, record), record_keyboard(t, record.id))
        elif action == "delete":
            markup = _keyboard(
                [
                    _button(t("track-btn-delete-yes"), RecCb(action="delete_yes", id=record.id)),
                    _button(t("track-btn-keep"), RecCb(action="open", id=record.id)),
                ]
            )
            await show(query, t("track-delete-confirm", name=record_title(t, record)), markup)
        elif action == "delete_yes":
            await records_repo.delete(db, user.id, record.id)
            await show(query, t("track-deleted"), menu_button(t))
        elif action in ("rename", "redate"):
            await state.set_state(Editing.label if action == "rename" else Editing.date)
            await state.set_data({"record": record.id})
            key = "track-ask-label" if action == "rename" else "track-ask-date"
            if query.bot is not None:
                await query.bot.send_message(user.chat_id, t(key))
        elif action == "done":
            await records_repo.set_status(db, user.id, record.id, "done")
            await db.execute(
                "UPDATE reminders SET status = 'done' WHERE record_id = ? AND user_id = ?",
                (record.id, user.id),
            )
            await show(query, t("track-closed", name=record_title(t, record)), menu_button(t))
        else:
            await query.answer(t("stale-button"))

    @r.callback_query(RemCb.filter())
    async def reminder_action(
        query: CallbackQuery,
        callback_data: RemCb,
        t: Translator,
        user: User,
        db: Database,
        clock: Clock,
    ) -> None:
        reminder = await reminders_repo.get(db, user.id, callback_data.id)
        if reminder is None:
            await query.answer(t("rem-not-found"))
            return
        message = query.message if isinstance(query.message, Message) else None
        if callback_data.action == "done":
            await reminders_repo.mark_done(db, user.id, reminder.id)
            await query.answer(t("rem-done"))
            if message is not None and message.text is not None:
                await message.edit_reply_markup(reply_markup=None)
        elif callback_data.action in ("s1", "s7"):
            day = clock.today(user.timezone) + dt.timedelta(
                days=1 if callback_data.action == "s1" else 7
            )
            until = send_time(
                day, user.timezone, user.reminder_hour, user.quiet_start, user.quiet_end
            )
            await reminders_repo.snooze(db, user.id, reminder.id, until)
            await query.answer(t("rem-snoozed", date=format_date(day, t.lang)))
        elif callback_data.action == "open":
            record = await records_repo.get(db, user.id, reminder.record_id)
            if record is None:
                await query.answer(t("rem-not-found"))
                return
            await query.answer()
            text = await record_view(t, db, user, record)
            if query.bot is not None:
                await query.bot.send_message(
                    user.chat_id, text, reply_markup=record_keyboard(t, record.id)
                )
        else:
            await query.answer(t("stale-button"))

    @r.message(Command("privacy"))
    async def privacy(message: Message, t: Translator) -> None:
        await message.answer(t("privacy-text"))

    @r.message(Command("deletemydata"))
    async def delete_my_data(message: Message, t: Translator) -> None:
        markup = _keyboard(
            [_button(t("privacy-btn-erase"), TrackCb(action="erase_yes"))],
            [_button(t("track-btn-keep"), MenuCb(action="main"))],
        )
        await message.answer(t("privacy-erase-confirm"), reply_markup=markup)

    @r.callback_query(TrackCb.filter(F.action == "erase_yes"))
    async def erase(
        query: CallbackQuery, t: Translator, user: User, db: Database, state: FSMContext
    ) -> None:
        await state.clear()
        await users_repo.delete(db, user.id)  # records and reminders go by cascade
        await db.execute("DELETE FROM fsm_state WHERE key LIKE ?", (f"%:{user.id}:{user.id}:%",))
        storage = state.storage
        if hasattr(storage, "forget"):
            storage.forget()
        await show(query, t("privacy-erased"))

    return r
