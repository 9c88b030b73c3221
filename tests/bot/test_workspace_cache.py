"""Access and the current workspace are cached behind the database (issue 16): every write of the
repository is seen at once; with ``db.caching`` off, so is a write by another process."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.db import users, workspaces
from knowledge.teams import Role
from tests.support.today import E2E_NOW

OWNER, MEMBER = 7101, 7102


async def _company(app: App) -> int:
    for uid in (OWNER, MEMBER):
        await users.seen(app.db, uid, uid, "en", "Asia/Almaty", E2E_NOW)
    ws = await workspaces.create_company(app.db, OWNER, "Co", "", "Own", E2E_NOW)
    payload = await workspaces.invite(app.db, ws, Role.MEMBER, OWNER, E2E_NOW)
    joined = await workspaces.redeem(app.db, payload, MEMBER, "Dana", E2E_NOW)
    assert isinstance(joined, workspaces.Access) and joined.role == Role.MEMBER
    return ws


async def test_every_repository_write_is_seen_at_once(app: App) -> None:
    ws = await _company(app)
    current = await workspaces.current(app.db, MEMBER, E2E_NOW)
    assert current.workspace.id == ws and current.role == Role.MEMBER
    assert await workspaces.set_role(app.db, ws, MEMBER, Role.VIEWER)
    found = await workspaces.access(app.db, MEMBER, ws)
    assert found is not None and found.role == Role.VIEWER
    assert await workspaces.remove(app.db, ws, MEMBER)
    assert await workspaces.access(app.db, MEMBER, ws) is None, "removed: no access at once"
    current = await workspaces.current(app.db, MEMBER, E2E_NOW)
    assert current.workspace.kind == "personal", "back in their own workspace"


@pytest.mark.sqlite_only("the caches are SQLite's (one writer); PostgreSQL reads every time")
async def test_a_cache_answers_without_a_query(app: App) -> None:
    ws = await _company(app)
    await workspaces.current(app.db, MEMBER, E2E_NOW)
    queries: list[str] = []
    app.db.conn.set_trace_callback(queries.append)
    try:
        await workspaces.current(app.db, MEMBER, E2E_NOW)
        await workspaces.access(app.db, MEMBER, ws)
        await users.get(app.db, MEMBER)
    finally:
        app.db.conn.set_trace_callback(None)
    assert queries == [], "the per-update reads come from memory"


async def test_with_caching_off_another_writer_is_seen(app: App) -> None:
    ws = await _company(app)
    app.db.caching = False  # as for a database that other replicas write too
    assert (await workspaces.current(app.db, MEMBER, E2E_NOW)).workspace.id == ws
    # Another process changes the role, then removes the member, with plain SQL.
    await app.db.execute(
        "UPDATE members SET role = 'viewer' WHERE workspace_id = ? AND user_id = ?", (ws, MEMBER)
    )
    found = await workspaces.access(app.db, MEMBER, ws)
    assert found is not None and found.role == Role.VIEWER
    await app.db.execute("DELETE FROM members WHERE workspace_id = ? AND user_id = ?", (ws, MEMBER))
    assert await workspaces.access(app.db, MEMBER, ws) is None
    assert (await workspaces.current(app.db, MEMBER, E2E_NOW)).workspace.kind == "personal"
    await app.db.execute("UPDATE users SET lang = 'kk' WHERE id = ?", (MEMBER,))
    user = await users.get(app.db, MEMBER)
    assert user is not None and user.lang == "kk"
