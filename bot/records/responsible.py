"""Who is responsible for a record: its creator by default (``records.user_id``). The rows beside
a record and its reminders are scoped by that user, so handing a record over moves them all in
one transaction; the caller re-plans its reminders with the new user's settings."""

from __future__ import annotations

import datetime as dt

from bot.db import audit, users, workspaces
from bot.db.connection import Database
from bot.db.fsm import delete_user_rows
from knowledge.teams import Role

# Tables whose rows follow a record's responsible user (each has record_id and user_id).
_BESIDE = ("reminders", "checklist_ticks", "fee_rates", "plan_versions")


async def hand_over(
    db: Database, workspace_id: int, record_id: int, to_user: int, by: int, now: dt.datetime
) -> bool:
    """Make a member of the record's workspace responsible for it; False if either is not so.
    ``by``: who did it, for the record's history (written in the same transaction)."""
    async with db.transaction():
        changed = await db.execute(
            "UPDATE records SET user_id = ? WHERE id = ? AND workspace_id = ? AND EXISTS "
            "(SELECT 1 FROM members WHERE workspace_id = ? AND user_id = ?)",
            (to_user, record_id, workspace_id, workspace_id, to_user),
        )
        if changed != 1:
            return False
        for table in _BESIDE:
            await db.execute(
                f"UPDATE {table} SET user_id = ? WHERE record_id = ?",  # noqa: S608
                (to_user, record_id),
            )
        await audit.log(db, record_id, by, audit.Action.REASSIGNED, now, target=to_user)
    return True


async def hand_over_all(
    db: Database, workspace_id: int, from_user: int, to_user: int, by: int, now: dt.datetime
) -> list[int]:
    """Every record ``from_user`` is responsible for in the workspace (a member removed)."""
    rows = await db.fetchall(
        "SELECT id FROM records WHERE workspace_id = ? AND user_id = ? ORDER BY id",
        (workspace_id, from_user),
    )
    moved = []
    for row in rows:
        if await hand_over(db, workspace_id, row["id"], to_user, by, now):
            moved.append(int(row["id"]))
    return moved


async def leave_companies(db: Database, user_id: int, now: dt.datetime) -> list[tuple[int, int]]:
    """Before a user's data is erased: their company records stay with the company.

    In each company workspace, ownership passes to the next member by rank (admins first) if they
    own it, and their records to its owner; a company with nobody else goes with them. Returns
    (record id, new responsible user) pairs for the caller to re-plan.
    """
    moved: list[tuple[int, int]] = []
    for access in await workspaces.mine(db, user_id):
        if access.workspace.kind != "company":
            continue
        ws = access.workspace.id
        others = [m for m in await workspaces.members(db, ws) if m.user_id != user_id]
        if not others:
            await workspaces.delete(db, ws)
            continue
        heir = others[0]  # members() lists the owner first, then admins, members, viewers
        if access.role == Role.OWNER:
            await workspaces.transfer(db, ws, user_id, heir.user_id)
        elif heir.role != Role.OWNER:
            continue  # cannot happen: a company always has its owner
        for record_id in await hand_over_all(db, ws, user_id, heir.user_id, user_id, now):
            moved.append((record_id, heir.user_id))
    return moved


async def erase_user(db: Database, user_id: int, now: dt.datetime) -> list[tuple[int, int]]:
    """/deletemydata in one transaction: company records stay with the company
    (``leave_companies``), then every row about the user goes — the user row and by cascade
    their personal workspace, records, reminders, memberships (with the name they joined
    with), settings; their conversation state; and the ids kept without a foreign key: who
    pressed Done or Snooze in a group (``reminders.closed_by``) and the escalations addressed to
    them. The history keeps what they did as "a former member" (``record_events.actor`` is set
    NULL by its foreign key). Returns the (record, new responsible) pairs to re-plan."""
    async with db.transaction():
        moved = await leave_companies(db, user_id, now)
        await db.execute("UPDATE reminders SET closed_by = NULL WHERE closed_by = ?", (user_id,))
        await db.execute(
            "DELETE FROM escalations WHERE target = ? AND stage = 'admins'", (user_id,)
        )
        await users.delete(db, user_id)
        await delete_user_rows(db, user_id)
    return moved
