"""Tracking: save a computed deadline as a record with reminders, /status, records, privacy."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.records import MAX_LABEL, Record
from bot.db.users import User
from bot.i18n import Translator
from bot.i18n.dates import dated
from bot.ids import RowId
from bot.records import checklist as checklist_repo
from bot.records import details as details_repo
from bot.records.details import MAX_TEXT, STAGES, Details
from bot.records.planning import planned, replan_record
from bot.reminders import repo as reminders_repo
from bot.reminders.engine import RemCb
from bot.reminders.timing import send_time
from handlers import fees
from handlers.callbacks import MenuCb
from handlers.checklist_cb import ChkAction, ChkCb
from handlers.deadlines import TrackThis, ask_event, compute, track_payload
from handlers.keyboards import button, main_menu, menu_button
from handlers.replies import send, show
from handlers.states import Editing, Tracking
from knowledge import deadlines as dl
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import render_result, source_links
from knowledge.timeline import Planned, permit_end, upcoming
from knowledge.userdates import parse_user_date

MAX_PERMIT_SPAN = dt.timedelta(days=3 * 366)  # a printed end further than this is a typo


class RecCb(CallbackData, prefix="rec"):
    """open | delete | delete_yes | done, on a record id (always checked against the sender)."""

    action: str
    id: RowId


class DetCb(CallbackData, prefix="recd"):
    """Change a record's detail: ``field`` region | ref | end | end_reset | renewals | stage."""

    field: str
    id: RowId
    value: str = ""


class DetailEdit(StatesGroup):
    text = State()  # region or reference number, typed
    end = State()  # the permit's last day as printed


class TrackCb(CallbackData, prefix="trk"):
    action: str  # skip | save | cancel | erase | erase_yes


def _keyboard(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


def short_text(text: str | None, limit: int) -> str | None:
    """A name or code as typed: trimmed, 1..limit characters, not a command; else None."""
    value = (text or "").strip()
    return value if value and len(value) <= limit and not value.startswith("/") else None


def computation_lines(
    t: Translator, data: dict[str, str], day: dt.date, today: dt.date
) -> list[str]:
    """How the record's dates were computed (the calculator's trace) and the sources."""
    results = compute(data["kind"], day, data["route"], data["term"])
    facts = dict.fromkeys(fact for result in results for fact in result.fact_ids)
    steps = [f"· {line}" for result in results for line in render_result(result, t.lang)]
    return [*steps, t("status-sources", links=source_links(facts, today))]


def planned_lines(t: Translator, items: list[Planned], today: dt.date) -> list[str]:
    return [f"• {dated(t, i.due, today)} — {t(f'rem-title-{i.kind}')}" for i in items]


def route_name(route: str, t: Translator) -> str:
    """The route as people call it ("Category 2"), never its code."""
    try:
        return load_knowledge().route(route).name.get(t.lang)
    except KeyError:
        return route


def record_title(t: Translator, record: Record) -> str:
    name = html.escape(record.label) if record.label else t(f"track-kind-{record.kind}")
    return f"{name} · {t(f'track-kind-{record.kind}')}"


def detail_lines(t: Translator, record: Record, details: Details) -> list[str]:
    lines = []
    if details.region:
        lines.append(t("track-detail-region", value=html.escape(details.region)))
    if details.ref:
        lines.append(t(f"track-detail-ref-{record.kind}", value=html.escape(details.ref)))
    if record.kind == "permit":
        lines.append(t("track-detail-renewals", count=details.renewals_used))
        if details.end_date is not None:
            end, key = details.end_date, "track-detail-end-printed"
        else:
            end, key = permit_end(record.event_date, record.route, record.term), "track-detail-end"
        lines.append(t(key, date=format_date(end, t.lang)))
    if record.kind == "vacancy":
        lines.append(t(f"track-stage-{details.stage or 'open'}"))
    return lines


async def record_view(t: Translator, db: Database, user: User, record: Record) -> str:
    lines = [f"<b>{record_title(t, record)}</b>"]
    lines.append(t("track-event-date", date=format_date(record.event_date, t.lang)))
    if record.route:
        lines.append(t("track-route", route=route_name(record.route, t)))
    details = await details_repo.get(db, user.id, record.id)
    lines += detail_lines(t, record, details or Details())
    if (docs := await checklist_repo.progress(db, user.id, record, details)) is not None:
        lines.append(t("chk-progress", collected=docs.collected, total=docs.total))
    if record.kind == "fee" and (
        fee := await fees.card_line(t, db, user.id, record.id, record.event_date)
    ):
        lines.append(fee)
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
            button(t("track-btn-rename"), RecCb(action="rename", id=record_id)),
            button(t("track-btn-redate"), RecCb(action="redate", id=record_id)),
        ],
        [button(t("track-btn-details"), RecCb(action="more", id=record_id))],
        [
            button(t("track-btn-done"), RecCb(action="done", id=record_id)),
            button(t("track-btn-delete"), RecCb(action="delete", id=record_id)),
        ],
        [
            button(t("track-btn-status"), MenuCb(action="status")),
            button(t("menu-main"), MenuCb(action="main")),
        ],
    )


def renewal_choices(route: str) -> range:
    """Buttons for "renewals already used": up to the route's limit (a few when unlimited)."""
    allowed = dl.renewals_left(route, 0).allowed
    return range(0, (3 if allowed is None else allowed) + 1) if route else range(0)


def details_keyboard(t: Translator, record: Record, details: Details) -> InlineKeyboardMarkup:
    def det(label: str, field: str, value: str = "") -> InlineKeyboardButton:
        return button(label, DetCb(field=field, id=record.id, value=value))

    rows = [[det(t("track-btn-region"), "region")]]
    if record.kind in ("vacancy", "permit"):
        rows.append([det(t(f"track-btn-ref-{record.kind}"), "ref")])
    if record.kind == "permit":
        choices = renewal_choices(record.route)
        if len(choices) > 1:
            mark = {details.renewals_used: "✓ "}
            rows.append([det(f"{mark.get(n, '')}{n}", "renewals", str(n)) for n in choices])
        rows.append([det(t("track-btn-end"), "end")])
        if details.end_date is not None:
            rows.append([det(t("track-btn-end-reset"), "end_reset")])
        if record.route:
            docs = ChkCb(action=ChkAction.OPEN, id=record.id)
            rows.append([button(t("chk-btn-open"), docs)])
    if record.kind == "vacancy":
        rows.append(
            [
                det(
                    ("✓ " if details.stage == stage else "") + t(f"track-stage-btn-{key}"),
                    "stage",
                    stage,
                )
                for stage, key in (("", "open"), ("filed", "filed"), ("closed", "closed"))
            ]
        )
    rows.append([button(t("track-btn-back"), RecCb(action="open", id=record.id))])
    return _keyboard(*rows)


async def _tracking_already(state: FSMContext, draft: dict[str, str]) -> bool:
    """True when this very computation is being tracked already (named or confirmed next)."""
    if await state.get_state() not in (Tracking.label.state, Tracking.confirm.state):
        return False
    data = await state.get_data()
    return all(data.get(key) == value for key, value in draft.items())


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
        draft = {
            "kind": request.kind,
            "date": request.day.isoformat(),
            "route": request.route or "",
            "term": request.term or "",
        }
        if await _tracking_already(state, draft):
            return  # a second tap: its prompt is open already (the tap is answered empty)
        await state.set_state(Tracking.label)
        await state.set_data(draft)
        markup = _keyboard(
            [button(t("track-btn-skip"), TrackCb(action="skip"))],
            [button(t("track-btn-cancel"), TrackCb(action="cancel"))],
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
        lines = [t("track-confirm", name=name), *planned_lines(t, items, today)]
        if not items:
            lines.append(t("track-no-reminders"))
        lines += ["", *computation_lines(t, data, day, today)]
        markup = _keyboard(
            [button(t("track-btn-save"), TrackCb(action="save"))],
            [button(t("track-btn-cancel"), TrackCb(action="cancel"))],
        )
        await send(target, "\n".join(lines), markup)

    @r.message(Tracking.label, F.text)
    async def got_label(
        message: Message, t: Translator, state: FSMContext, user: User, clock: Clock
    ) -> None:
        label = short_text(message.text, MAX_LABEL)
        if label is None:
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
        count = await replan_record(db, user, record, clock.now())
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
        await replan_record(db, user, record, clock.now())
        await message.answer(
            await record_view(t, db, user, record), reply_markup=record_keyboard(t, record.id)
        )

    @r.message(Editing.label, F.text)
    async def rename(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, state: FSMContext
    ) -> None:
        label = short_text(message.text, MAX_LABEL)
        if label is None:
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

    async def show_record(
        message: Message, t: Translator, db: Database, user: User, record_id: int
    ) -> None:
        record = await records_repo.get(db, user.id, record_id)
        if record is None:
            await message.answer(t("track-not-found"))
            return
        text = await record_view(t, db, user, record)
        await message.answer(text, reply_markup=record_keyboard(t, record.id))

    @r.callback_query(DetCb.filter())
    async def detail(
        query: CallbackQuery,
        callback_data: DetCb,
        t: Translator,
        user: User,
        db: Database,
        clock: Clock,
        state: FSMContext,
    ) -> None:
        record = await records_repo.get(db, user.id, callback_data.id)
        if record is None:  # another user's id, a deleted record or forged data
            await query.answer(t("track-not-found"))
            return
        field, value = callback_data.field, callback_data.value
        editable = {"vacancy": ("ref",), "permit": ("ref", "end")}.get(record.kind, ())
        if field == "region" or field in editable:
            await state.set_state(DetailEdit.end if field == "end" else DetailEdit.text)
            await state.set_data({"record": record.id, "field": field})
            key = {"region": "track-ask-region", "ref": f"track-ask-ref-{record.kind}"}
            markup = _keyboard([button(t("track-btn-back"), DetCb(field="back", id=record.id))])
            if query.bot is not None:
                await query.bot.send_message(
                    user.chat_id,
                    t(key.get(field, "track-ask-end"), limit=MAX_TEXT),
                    reply_markup=markup,
                )
            return
        if field == "renewals" and value.isdigit() and int(value) in renewal_choices(record.route):
            await details_repo.set_renewals_used(db, user.id, record.id, int(value))
        elif field == "end_reset":
            await details_repo.set_end_date(db, user.id, record.id, None)
        elif field == "stage" and value in STAGES and record.kind == "vacancy":
            await details_repo.set_stage(db, user.id, record.id, value)
        elif field == "back":
            await state.clear()
        else:
            await query.answer(t("stale-button"))
            return
        await replan_record(db, user, record, clock.now())
        await show(query, await record_view(t, db, user, record), record_keyboard(t, record.id))

    @r.message(DetailEdit.text, F.text)
    async def detail_text(
        message: Message, t: Translator, user: User, db: Database, state: FSMContext
    ) -> None:
        value = short_text(message.text, MAX_TEXT)
        if value is None:
            await message.answer(t("track-detail-invalid", limit=MAX_TEXT))
            return
        data = await state.get_data()
        await state.clear()
        field = "ref" if data.get("field") == "ref" else "region"
        await details_repo.set_text(db, user.id, int(data.get("record", 0)), field, value)
        await show_record(message, t, db, user, int(data.get("record", 0)))

    @r.message(DetailEdit.end, F.text)
    async def detail_end(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, state: FSMContext
    ) -> None:
        record_id = int((await state.get_data()).get("record", 0))
        record = await records_repo.get(db, user.id, record_id)
        parsed = parse_user_date(message.text or "", clock.today(user.timezone))
        if record is None:
            await state.clear()
            await message.answer(t("track-not-found"))
            return
        if parsed.value is None:
            await message.answer(t(f"datepick-problem-{parsed.problem}"))
            return
        if not record.event_date < parsed.value <= record.event_date + MAX_PERMIT_SPAN:
            await message.answer(t("track-end-invalid"))
            return
        await state.clear()
        await details_repo.set_end_date(db, user.id, record.id, parsed.value)
        await replan_record(db, user, record, clock.now())
        await show_record(message, t, db, user, record.id)

    @r.message(StateFilter(DetailEdit))
    async def detail_not_text(message: Message, t: Translator) -> None:
        await message.answer(t("unexpected-in-flow"))

    @r.message(Command("track"))
    async def track(message: Message, t: Translator, state: FSMContext) -> None:
        # Adding a record starts with its dates: the calculator's steps, then "Track this".
        await message.answer(t("track-how"))
        await ask_event(message, t, state)

    @r.callback_query(MenuCb.filter(F.action == "track"))
    async def track_button(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
        await ask_event(query, t, state)

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
                    button(t("track-btn-delete-yes"), RecCb(action="delete_yes", id=record.id)),
                    button(t("track-btn-keep"), RecCb(action="open", id=record.id)),
                ]
            )
            await show(query, t("track-delete-confirm", name=record_title(t, record)), markup)
        elif action == "delete_yes":
            await records_repo.delete(db, user.id, record.id)
            await show(query, t("track-deleted"), menu_button(t))
        elif action == "more":
            details = await details_repo.get(db, user.id, record.id) or Details()
            text = "\n".join(
                [
                    t("track-details-title", name=record_title(t, record)),
                    *detail_lines(t, record, details),
                ]
            )
            await show(query, text, details_keyboard(t, record, details))
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
            if reminder.status == "done":  # a second tap: it says ✓ already
                await query.answer(t("rem-done"))
                return
            await reminders_repo.mark_done(db, user.id, reminder.id)
            await query.answer(t("rem-done"))
            if message is not None and message.text is not None:
                at = clock.now().astimezone(ZoneInfo(user.timezone)).strftime("%H:%M")
                done = t("rem-done-mark", time=at)
                await message.edit_text(f"{message.html_text}\n\n{done}", reply_markup=None)
        elif callback_data.action in ("s1", "s7"):
            day = clock.today(user.timezone) + dt.timedelta(
                days=1 if callback_data.action == "s1" else 7
            )
            until = send_time(
                day, user.timezone, user.reminder_hour, user.quiet_start, user.quiet_end
            )
            if await reminders_repo.snooze(db, user.id, reminder.id, until):
                await query.answer(t("rem-snoozed", date=format_date(day, t.lang)))
            else:  # already done (or closed with its record): nothing to snooze
                await query.answer(t("rem-not-found"))
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
            [button(t("privacy-btn-erase"), TrackCb(action="erase_yes"))],
            [button(t("track-btn-keep"), MenuCb(action="main"))],
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
