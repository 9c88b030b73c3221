"""/calendar: the upcoming deadlines as an .ics file with alarms; /export: the records as CSV,
with buttons for the whole workspace (records, workers, members) as XLSX or CSV (issue 14)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from icalendar import Alarm, Calendar, Event

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import workers as workers_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import details as details_repo
from bot.reminders import repo as reminders_repo
from handlers.access import READ
from handlers.csv_export import (
    as_csv,
    member_rows,
    record_rows,
    records_csv,
    workbook,
    worker_rows,
)
from handlers.dashboard import entries
from handlers.keyboards import button


class ExpFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


class ExpCb(CallbackData, prefix="exp"):
    """The whole workspace, in this format."""

    fmt: ExpFormat


def workspace_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("export-btn-xlsx"), ExpCb(fmt=ExpFormat.XLSX)),
                button(t("export-btn-csv"), ExpCb(fmt=ExpFormat.CSV)),
            ]
        ]
    )


async def workspace_tables(
    t: Translator, db: Database, user: User, today: dt.date, ws: int
) -> list[tuple[str, str, list[list[str]]]]:
    """(sheet title, file name, table) for the records, the workers and the members."""
    records = await records_repo.for_workspace(db, ws)
    details = await details_repo.for_workspace(db, ws)
    board = {entry.record.id: entry for entry in await entries(db, user, today, ws)}
    workers = await workers_repo.for_workspace(db, ws)
    names = {w.id: w.name for w in workers}
    owner = {rid: names[wid] for rid, wid in (await workers_repo.of_records(db, ws)).items()}
    counts = await workers_repo.record_counts(db, ws)
    return [
        (t("export-sheet-records"), "records", record_rows(t, records, details, board, owner)),
        (t("export-sheet-workers"), "workers", worker_rows(t, workers, counts)),
        (t("export-sheet-members"), "members", member_rows(t, await ws_repo.members(db, ws))),
    ]


async def export_workspace(
    query: CallbackQuery,
    callback_data: ExpCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    today = clock.today(user.timezone)
    tables = await workspace_tables(t, db, user, today, access.workspace.id)
    await query.answer()
    if query.bot is None:
        return
    if callback_data.fmt == ExpFormat.XLSX:
        data = workbook([(title, table) for title, _, table in tables])
        files = [("permitbot-workspace.xlsx", data)]
    else:
        files = [(f"permitbot-{name}.csv", as_csv(t, table)) for _, name, table in tables]
    for filename, data in files:
        await query.bot.send_document(
            query.from_user.id, BufferedInputFile(data, filename=filename)
        )


def calendar_file(
    t: Translator, user: User, items: list[tuple[str, dt.date, int, str]], stamp: dt.datetime
) -> bytes:
    """``items``: (reminder kind, due date, reminder id, record name); ``stamp``: now."""
    cal = Calendar()
    cal.add("prodid", "-//PermitBot//permitbot//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", user.timezone)
    for kind, due, reminder_id, name in items:
        event = Event()
        event.add("uid", f"permitbot-{user.id}-{reminder_id}@permitbot")
        event.add("summary", f"{t(f'rem-title-{kind}')} · {name}")
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", t(f"rem-title-{kind}"))
        alarm.add("trigger", dt.timedelta(hours=user.reminder_hour))  # at the reminder hour
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())


def router() -> Router:
    r = Router(name="exports")

    @r.message(Command("calendar"), flags=READ)  # the current workspace's (role: bot.access)
    async def calendar(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, access: Access
    ) -> None:
        today = clock.today(user.timezone)
        records = {rec.id: rec for rec in await records_repo.for_workspace(db, access.workspace.id)}
        items = [
            (
                rem.kind,
                rem.due_date,
                rem.id,
                records[rem.record_id].label or t(f"track-kind-{records[rem.record_id].kind}"),
            )
            for rem in await reminders_repo.upcoming_in(db, access.workspace.id)
            if rem.due_date >= today and rem.record_id in records
        ]
        if not items:
            await message.answer(t("status-empty"))
            return
        data = calendar_file(t, user, items, clock.now())
        await message.answer_document(
            BufferedInputFile(data, filename="permitbot.ics"),
            caption=t("export-calendar", count=len(items)),
        )

    @r.message(Command("export"), flags=READ)
    async def export(
        message: Message, t: Translator, user: User, db: Database, clock: Clock, access: Access
    ) -> None:
        records = await records_repo.for_workspace(db, access.workspace.id)
        if not records:
            await message.answer(t("status-empty"))
            return
        ws = access.workspace.id
        details = await details_repo.for_workspace(db, ws)
        board = await entries(db, user, clock.today(user.timezone), ws)
        names = {w.id: w.name for w in await workers_repo.for_workspace(db, ws)}
        owner = {rid: names[wid] for rid, wid in (await workers_repo.of_records(db, ws)).items()}
        data = records_csv(t, records, details, {e.record.id: e for e in board}, owner)
        await message.answer_document(
            BufferedInputFile(data, filename="permitbot-records.csv"),
            caption=t("export-csv", count=len(records)) + "\n" + t("export-workspace"),
            reply_markup=workspace_markup(t),
        )

    r.callback_query.register(export_workspace, ExpCb.filter(), flags=READ)
    return r
