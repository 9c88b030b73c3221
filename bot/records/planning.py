"""Planning a record's reminders with the user's settings and the record's details.

Settings: kinds turned off, lead times. Details: renewals used, the end date printed on the permit,
the vacancy's stage. The plan itself is the pure ``knowledge.timeline.plan``; it is stored through
the reminders repository.
"""

from __future__ import annotations

import datetime as dt

from bot.db import Database
from bot.db import records as records_repo
from bot.db.records import Record
from bot.db.users import User
from bot.records import details as details_repo
from bot.records import plans as plans_repo
from bot.records.details import Details
from bot.reminders import repo
from knowledge import versions as kv
from knowledge.loader import load_knowledge
from knowledge.timeline import Leads, PermitFacts, Planned, plan


def planned(record: Record, user: User, details: Details | None = None) -> list[Planned]:
    details = details or Details()
    leads = Leads(recommended=user.lead_recommended, expiry=user.lead_expiry)
    permit = PermitFacts(details.renewals_used, details.end_date)
    return plan(
        record.kind, record.event_date, record.route, record.term, leads, user.muted, permit
    )


def subjects(record: Record, user: User, details: Details | None = None) -> dict[str, dt.date]:
    """The date each of the record's reminders is about, by kind (see ``Planned.subject``).

    Reminder texts and the dashboard are written against these on the day they are read.
    """
    found = {item.kind: item.subject for item in planned(record, user, details)}
    if "permit_expired" in found:  # "renewal window closed" is about the permit's last day
        found["renewal_closed"] = found["permit_expired"]
    return found


async def replan_record(
    db: Database, user: User, record: Record, now: dt.datetime, *, new: bool = False
) -> int:
    """Plan the record anew; a record that is done, or a vacancy filed or closed, keeps none.

    The plan's fact versions and key dates are kept with it: a release that changes one of those
    facts re-plans the record at start-up and tells the user what moved (``bot.records.impact``).
    ``new``: the record was inserted in the caller's open transaction, so it has no details
    and no reminders yet (rows that name it cascade away with a deleted record whose id SQLite
    may reuse): nothing is read or replaced for it.
    """
    items = await _items(db, user, record, read_details=not new)
    async with db.transaction():
        await _remember(db, user, record, items, now)
        return await repo.plan_for_record(db, user, record.id, items, now, new=new)


async def remember_plan(db: Database, user: User, record: Record, now: dt.datetime) -> None:
    """Keep the versions and key dates of the record's plan without touching its reminders (a
    record planned before versions were kept: snoozes and sent reminders stay as they are)."""
    await _remember(db, user, record, await _items(db, user, record), now)


async def _items(
    db: Database, user: User, record: Record, *, read_details: bool = True
) -> list[Planned]:
    details = await details_repo.get(db, user.id, record.id) if read_details else None
    items = planned(record, user, details)
    if record.status == "done" or (details is not None and details.stage):
        return []
    return items


async def _remember(
    db: Database, user: User, record: Record, items: list[Planned], now: dt.datetime
) -> None:
    kb = load_knowledge()
    used = kv.versions(kb, kv.plan_facts(kb, items, record.route))
    await plans_repo.save(db, user.id, record.id, used, kv.key_dates(items), now)


async def replan_user(db: Database, user: User, now: dt.datetime) -> None:
    """After a settings change: every open record's future reminders planned anew."""
    for record in await records_repo.for_user(db, user.id):
        if record.status == "open":
            await replan_record(db, user, record, now)
