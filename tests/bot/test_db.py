from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.connection import MIGRATIONS_DIR, migration_files

# The SQLite connection itself (PRAGMAs, sqlite_master, the loop's thread); PostgreSQL's own in
# tests/bot/test_postgres.py.
pytestmark = pytest.mark.sqlite_only("tests the SQLite connection itself")

INSERT = "INSERT INTO fsm_state (key, state, updated_at) VALUES (?, 's', 'now')"


async def test_migrates_empty_database_to_head_and_second_start_is_noop(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    head = len(migration_files())
    db = await Database.open(path)
    assert await db.schema_version() == head
    tables = {row[0] for row in await db.fetchall("SELECT name FROM sqlite_master")}
    assert {"users", "fsm_state"} <= tables
    await db.close()

    again = await Database.open(path)
    assert await again.migrate() == []
    assert await again.schema_version() == head
    await again.close()


async def test_connection_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    assert (await db.fetchone("PRAGMA busy_timeout"))[0] == 5000  # type: ignore[index]
    await db.close()


async def test_failed_migration_leaves_version_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "0002_broken.sql").write_text("CREATE TABLE b (x INTEGER); NOT SQL;")
    empty = tmp_path / "empty"
    empty.mkdir()
    db = await Database.open(tmp_path / "db.sqlite3", migrations=empty)
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        await db.migrate(folder)
    assert await db.schema_version() == 1
    tables = {row[0] for row in await db.fetchall("SELECT name FROM sqlite_master")}
    assert "a" in tables and "b" not in tables
    await db.close()


def test_migration_numbering_has_no_gaps(tmp_path: Path) -> None:
    assert [n for n, _ in migration_files(MIGRATIONS_DIR)] == list(
        range(1, len(migration_files()) + 1)
    )
    (tmp_path / "0001_a.sql").write_text("")
    (tmp_path / "0003_c.sql").write_text("")
    with pytest.raises(RuntimeError, match="without gaps"):
        migration_files(tmp_path)


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    with pytest.raises(ValueError):
        async with db.transaction():
            await db.execute(
                "INSERT INTO fsm_state (key, state, updated_at) VALUES ('k', 's', 'now')"
            )
            raise ValueError("boom")
    assert await db.fetchone("SELECT * FROM fsm_state WHERE key = 'k'") is None
    async with db.transaction():
        await db.execute("INSERT INTO fsm_state (key, state, updated_at) VALUES ('k', 's', 'now')")
    assert await db.fetchone("SELECT * FROM fsm_state WHERE key = 'k'") is not None
    await db.close()


async def test_statements_run_on_the_event_loops_thread(tmp_path: Path) -> None:
    """No hop to a worker thread per statement (aiosqlite's way cost ~300 µs each under load)."""
    db = await Database.open(tmp_path / "db.sqlite3")
    threads: list[int] = []
    db.conn.set_trace_callback(lambda _sql: threads.append(threading.get_ident()))
    async with db.transaction():
        await db.execute(INSERT, ("k",))
    await db.fetchall("SELECT * FROM fsm_state")
    assert threads and set(threads) == {threading.get_ident()}
    await db.close()


async def test_a_statement_waits_for_another_tasks_open_transaction(tmp_path: Path) -> None:
    """A transaction that awaits in its body keeps other tasks' statements out of it: the other
    task's row survives this one's rollback."""
    db = await Database.open(tmp_path / "db.sqlite3")
    inside = asyncio.Event()

    async def failing() -> None:
        async with db.transaction():
            await db.execute(INSERT, ("mine",))
            inside.set()
            await asyncio.sleep(0.01)  # the other task runs meanwhile
            raise ValueError("boom")

    async def other() -> None:
        await inside.wait()
        await db.execute(INSERT, ("theirs",))

    results = await asyncio.gather(failing(), other(), return_exceptions=True)
    assert isinstance(results[0], ValueError)
    keys = [row[0] for row in await db.fetchall("SELECT key FROM fsm_state")]
    assert keys == ["theirs"]
    await db.close()
