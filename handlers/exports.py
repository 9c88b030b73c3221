"""/calendar: the upcoming deadlines as an .ics file with alarms; /export: the records as CSV."""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message
from icalendar import Alarm, Calendar, Event

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import details as details_repo
from bot.reminders import repo as reminders_repo
from handlers.access import READ
from handlers.csv_export import records_csv
from handlers.dashboard import entries


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
        details = await details_repo.for_workspace(db, access.workspace.id)
        board = await entries(db, user, clock.today(user.timezone), access.workspace.id)
        data = records_csv(t, records, details, {entry.record.id: entry for entry in board})
        await message.answer_document(
            BufferedInputFile(data, filename="permitbot-records.csv"),
            caption=t("export-csv", count=len(records)),
        )

    return r
