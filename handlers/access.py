"""The role flags handlers are registered with; ``bot.access`` checks them in one place.

``flags=READ``: any member (a viewer reads); ``WRITE``: creates and edits records (member and
above); ``ADMIN``: manages members and the company profile; ``OWNER``: transfers
ownership, deletes the workspace. The check gives the handler
``access`` (the workspace and the presser's role there).
"""

from __future__ import annotations

from typing import Any

from bot.clock import Clock
from bot.db import Database, workspaces
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.records import Record
from bot.db.users import User
from bot.db.workspaces import Access
from knowledge.teams import Role, allows

READ: dict[str, Any] = {"role": Role.VIEWER}
WRITE: dict[str, Any] = {"role": Role.MEMBER}
ADMIN: dict[str, Any] = {"role": Role.ADMIN}
OWNER: dict[str, Any] = {"role": Role.OWNER}  # transfer, delete the workspace


async def writes_now(db: Database, user_id: int, clock: Clock) -> bool:
    """``writes`` of the user's current workspace, for a rare branch of a handler that is not
    registered with a role flag (one query, only when that branch runs)."""
    return writes(await workspaces.current(db, user_id, clock.now()))


def writes(access: Access) -> bool:
    """May create and edit records here: a screen offers those buttons only then (a viewer
    reads, and is not shown what would only be refused)."""
    return allows(access.role, Role.MEMBER)


async def in_workspace(
    db: Database, access: Access, record_id: int, presser: User
) -> tuple[Record, User] | None:
    """A record of the current workspace and its creator, who is responsible for it: the rows
    beside it and its reminders are theirs. None for another workspace's record (a forged or old
    button, a removed member's), or one deleted meanwhile."""
    record = await records_repo.get_in(db, access.workspace.id, record_id)
    if record is None:
        return None
    if record.user_id == presser.id:
        return record, presser
    owner = await users_repo.get(db, record.user_id)
    return None if owner is None else (record, owner)
