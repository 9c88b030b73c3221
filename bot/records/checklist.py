"""A tracked permit's document checklist: which list it carries and the items ticked off.

A permit that can be renewed carries the renewal list (what to gather for the next filing); one
that cannot carries its route's list for the permit that follows (category 4: the replacement).
"""

from __future__ import annotations

from bot.db import Database
from bot.db.records import Record
from bot.records.details import Details
from knowledge import checklists as kc
from knowledge.timeline import renewal_possible


def checklist_of(record: Record, details: Details | None) -> kc.ChecklistId | None:
    """The checklist a record carries; None for records that are not permits."""
    if record.kind != "permit" or not record.route:
        return None
    used = details.renewals_used if details is not None else 0
    try:
        renewable = renewal_possible(record.route, used)
    except KeyError:
        return None
    return kc.for_permit(record.route, renewal=renewable)


async def ticked(db: Database, user_id: int, record_id: int) -> set[str]:
    rows = await db.fetchall(
        "SELECT item FROM checklist_ticks WHERE user_id = ? AND record_id = ?",
        (user_id, record_id),
    )
    return {row["item"] for row in rows}


async def set_tick(db: Database, user_id: int, record_id: int, item: str, on: bool) -> None:
    """Tick or untick; setting (not toggling) makes a double press harmless."""
    if on:
        await db.execute(
            "INSERT INTO checklist_ticks (record_id, user_id, item) "
            "SELECT id, user_id, ? FROM records WHERE id = ? AND user_id = ? "
            "ON CONFLICT DO NOTHING",
            (item, record_id, user_id),
        )
    else:
        await db.execute(
            "DELETE FROM checklist_ticks WHERE record_id = ? AND user_id = ? AND item = ?",
            (record_id, user_id, item),
        )


async def progress(
    db: Database, user_id: int, record: Record, details: Details | None
) -> kc.Progress | None:
    """'5 of 7 collected' for a permit; None for other records."""
    which = checklist_of(record, details)
    if which is None:
        return None
    return kc.progress(which, await ticked(db, user_id, record.id))
