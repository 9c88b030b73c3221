"""Workspaces, their members and invitations.

A user's access (membership, role, the workspace) and their current workspace are read on most
updates, so they are kept in two caches behind the database (``Database.cached``). Every write
here of members, workspaces or a current workspace drops both whole, so a removed member or a
changed role takes effect on the very next update in this process (old buttons too); with
``db.caching`` off (a database that other processes write as well) every read is a query.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from enum import StrEnum

from bot.clock import to_iso
from bot.db.connection import Database, Row
from knowledge.teams import ESCALATE_DEFAULT, Role

MAX_NAME = 64
INVITE_TTL = dt.timedelta(days=7)
INVITE_PREFIX = "inv_"  # /start payload: inv_ + 22 characters of [A-Za-z0-9_-] (≤ 64)
ACCESS, CURRENT = "ws_access", "ws_current"  # (user, workspace) -> Access | None; user -> id
CACHES = (ACCESS, CURRENT)


def _changed(db: Database) -> None:
    """Members, roles, workspaces or a current choice were written: forget every cached one."""
    db.forget(*CACHES)


@dataclass(frozen=True, slots=True)
class Workspace:
    id: int
    kind: str  # personal, company
    name: str
    bin: str
    escalate_days: int = (
        ESCALATE_DEFAULT  # days before a deadline its admins are told (0: off); issue 14
    )


@dataclass(frozen=True, slots=True)
class Access:
    """A user's membership in one workspace: what every workspace handler acts through."""

    user_id: int
    workspace: Workspace
    role: Role


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    role: Role
    name: str


class Refused(StrEnum):
    UNKNOWN = "unknown"  # no such token (forged, or the workspace is gone)
    USED = "used"
    EXPIRED = "expired"
    MEMBER = "member"  # already in the workspace


def _workspace(row: Row) -> Workspace:
    return Workspace(
        id=row["id"],
        kind=row["kind"],
        name=row["name"],
        bin=row["bin"],
        escalate_days=row["escalate_days"],
    )


async def get(db: Database, workspace_id: int) -> Workspace | None:
    row = await db.fetchone("SELECT * FROM workspaces WHERE id = ?", (workspace_id,))
    return None if row is None else _workspace(row)


async def personal(db: Database, user_id: int, now: dt.datetime) -> int:
    """The user's personal workspace, created on first need (users registered after 0007)."""
    row = await db.fetchone("SELECT id FROM workspaces WHERE personal_of = ?", (user_id,))
    if row is not None:
        return int(row["id"])
    async with db.transaction():
        workspace_id = await db.insert(
            "INSERT INTO workspaces (kind, personal_of, created_at) VALUES ('personal', ?, ?)",
            (user_id, to_iso(now)),
        )
        await _join(db, workspace_id, user_id, Role.OWNER, "", now)
    return workspace_id


async def _join(
    db: Database, workspace_id: int, user_id: int, role: Role, name: str, now: dt.datetime
) -> None:
    await db.execute(
        "INSERT INTO members (workspace_id, user_id, role, name, joined_at) VALUES (?, ?, ?, ?, ?)",
        (workspace_id, user_id, role.value, name[:MAX_NAME], to_iso(now)),
    )
    _changed(db)


async def access(db: Database, user_id: int, workspace_id: int) -> Access | None:
    cache = db.cached(ACCESS)
    key = (user_id, workspace_id)
    if key in cache:
        found: Access | None = cache[key]
        return found
    row = await db.fetchone(
        "SELECT w.*, m.role FROM members AS m JOIN workspaces AS w ON w.id = m.workspace_id "
        "WHERE m.user_id = ? AND m.workspace_id = ?",
        (user_id, workspace_id),
    )
    found = None if row is None else Access(user_id, _workspace(row), Role(row["role"]))
    cache[key] = found
    return found


async def current(db: Database, user_id: int, now: dt.datetime) -> Access:
    """The workspace the user works in now; their personal one if none is chosen or they were
    removed from the chosen one."""
    chosen = db.cached(CURRENT).get(user_id)
    if chosen is not None and (found := await access(db, user_id, chosen)) is not None:
        return found
    row = await db.fetchone(  # one query on every workspace update: the chosen, if still theirs
        "SELECT w.*, m.role FROM users AS u JOIN members AS m ON m.user_id = u.id "
        "AND m.workspace_id = u.workspace_id JOIN workspaces AS w ON w.id = m.workspace_id "
        "WHERE u.id = ?",
        (user_id,),
    )
    if row is not None:
        found = Access(user_id, _workspace(row), Role(row["role"]))
        db.cached(CURRENT)[user_id] = found.workspace.id
        db.cached(ACCESS)[user_id, found.workspace.id] = found
        return found
    own = await personal(db, user_id, now)
    await switch(db, user_id, own)  # chosen from now on: the next update takes one query
    found = await access(db, user_id, own)
    assert found is not None, "a personal workspace always has its owner"
    return found


async def mine(db: Database, user_id: int) -> list[Access]:
    """Every workspace the user belongs to, the personal one first."""
    rows = await db.fetchall(
        "SELECT w.*, m.role FROM members AS m JOIN workspaces AS w ON w.id = m.workspace_id "
        "WHERE m.user_id = ? ORDER BY w.kind = 'company', w.id",
        (user_id,),
    )
    return [Access(user_id, _workspace(row), Role(row["role"])) for row in rows]


async def switch(db: Database, user_id: int, workspace_id: int) -> bool:
    """Make a workspace the current one; only one the user belongs to."""
    changed = await db.execute(
        "UPDATE users SET workspace_id = ? WHERE id = ? AND EXISTS "
        "(SELECT 1 FROM members WHERE workspace_id = ? AND user_id = ?)",
        (workspace_id, user_id, workspace_id, user_id),
    )
    _changed(db)
    return changed == 1


async def create_company(
    db: Database, user_id: int, name: str, bin_: str, owner_name: str, now: dt.datetime
) -> int:
    """A company workspace with its creator as owner; it becomes their current one."""
    async with db.transaction():
        workspace_id = await db.insert(
            "INSERT INTO workspaces (kind, name, bin, created_at) VALUES ('company', ?, ?, ?)",
            (name[:MAX_NAME], bin_, to_iso(now)),
        )
        await _join(db, workspace_id, user_id, Role.OWNER, owner_name, now)
        await switch(db, user_id, workspace_id)
    return workspace_id


async def members(db: Database, workspace_id: int) -> list[Member]:
    rows = await db.fetchall(
        "SELECT user_id, role, name FROM members WHERE workspace_id = ? "
        "ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 "
        "ELSE 3 END, joined_at, user_id",
        (workspace_id,),
    )
    return [Member(row["user_id"], Role(row["role"]), row["name"]) for row in rows]


async def member(db: Database, workspace_id: int, user_id: int) -> Member | None:
    row = await db.fetchone(
        "SELECT user_id, role, name FROM members WHERE workspace_id = ? AND user_id = ?",
        (workspace_id, user_id),
    )
    return None if row is None else Member(row["user_id"], Role(row["role"]), row["name"])


async def set_role(db: Database, workspace_id: int, user_id: int, role: Role) -> bool:
    """Change a member's role (never the owner's: ownership is transferred, not edited)."""
    changed = await db.execute(
        "UPDATE members SET role = ? WHERE workspace_id = ? AND user_id = ? AND role != 'owner'",
        (role.value, workspace_id, user_id),
    )
    _changed(db)
    return changed == 1


async def remove(db: Database, workspace_id: int, user_id: int) -> bool:
    """Remove a member (never the owner); their next update finds no access."""
    changed = await db.execute(
        "DELETE FROM members WHERE workspace_id = ? AND user_id = ? AND role != 'owner'",
        (workspace_id, user_id),
    )
    _changed(db)
    return changed == 1


async def invite(db: Database, workspace_id: int, role: Role, by: int, now: dt.datetime) -> str:
    """A new single-use invitation; returns the /start payload that carries it."""
    token = secrets.token_urlsafe(16)  # 22 characters of [A-Za-z0-9_-], 128 random bits
    await db.execute(
        "INSERT INTO invites (token, workspace_id, role, created_by, expires_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (token, workspace_id, role.value, by, to_iso(now + INVITE_TTL)),
    )
    return INVITE_PREFIX + token


async def redeem(
    db: Database, payload: str, user_id: int, name: str, now: dt.datetime
) -> Access | Refused:
    """Join by an invitation: once, before it expires; the workspace becomes the current one."""
    token = payload.removeprefix(INVITE_PREFIX)
    await personal(db, user_id, now)  # theirs to come back to, whatever they join
    async with db.transaction():
        row = await db.fetchone("SELECT * FROM invites WHERE token = ?", (token,))
        if row is None:
            return Refused.UNKNOWN
        if row["used_by"] is not None or row["used_at"] is not None:
            return Refused.USED
        if row["expires_at"] <= to_iso(now):
            return Refused.EXPIRED
        workspace_id = int(row["workspace_id"])
        if await access(db, user_id, workspace_id) is not None:
            return Refused.MEMBER
        await db.execute(
            "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ?",
            (user_id, to_iso(now), token),
        )
        await _join(db, workspace_id, user_id, Role(row["role"]), name, now)
        await switch(db, user_id, workspace_id)
    found = await access(db, user_id, workspace_id)
    assert found is not None
    return found


async def transfer(db: Database, workspace_id: int, owner: int, to_user: int) -> bool:
    """Ownership passes to another member; the old owner stays as an admin."""
    async with db.transaction():
        changed = await db.execute(
            "UPDATE members SET role = 'owner' WHERE workspace_id = ? AND user_id = ? "
            "AND role != 'owner' AND EXISTS (SELECT 1 FROM members WHERE workspace_id = ? "
            "AND user_id = ? AND role = 'owner')",
            (workspace_id, to_user, workspace_id, owner),
        )
        if changed != 1:
            return False
        await db.execute(
            "UPDATE members SET role = 'admin' WHERE workspace_id = ? AND user_id = ?",
            (workspace_id, owner),
        )
    _changed(db)
    return True


async def record_count(db: Database, workspace_id: int) -> int:
    row = await db.fetchone(
        "SELECT COUNT(*) AS n FROM records WHERE workspace_id = ?", (workspace_id,)
    )
    return 0 if row is None else int(row["n"])


async def delete(db: Database, workspace_id: int) -> bool:
    """A company workspace and every row of it (records, reminders, members, invitations, the
    profile: by cascade); its members are back in their personal workspace."""
    changed = await db.execute(
        "DELETE FROM workspaces WHERE id = ? AND kind = 'company'", (workspace_id,)
    )
    _changed(db)
    return changed == 1


async def set_escalation(db: Database, workspace_id: int, days: int) -> None:
    """The workspace's escalation lead (0: off); the engine reads it at each planning."""
    await db.execute(
        "UPDATE workspaces SET escalate_days = ? WHERE id = ? AND kind = 'company'",
        (days, workspace_id),
    )
    _changed(db)
