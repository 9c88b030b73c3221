"""Planning reminders for records with the user's settings (kinds off, lead times, hour)."""

from __future__ import annotations

import datetime as dt

from bot.db import Database
from bot.db import records as records_repo
from bot.db.records import Record
from bot.db.users import User
from bot.reminders import repo
from knowledge.timeline import Leads, Planned, plan


def planned(record: Record, user: User) -> list[Planned]:
    leads = Leads(recommended=user.lead_recommended, expiry=user.lead_expiry)
    return plan(record.kind, record.event_date, record.route, record.term, leads, user.muted)


async def replan_record(db: Database, user: User, record: Record, today: dt.date) -> int:
    return await repo.plan_for_record(db, user, record.id, planned(record, user), today)


async def replan_user(db: Database, user: User, today: dt.date) -> None:
    """After a settings change: every open record's future reminders planned anew."""
    for record in await records_repo.for_user(db, user.id):
        if record.status == "open":
            await replan_record(db, user, record, today)
