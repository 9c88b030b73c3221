"""The database a bot process of an end-to-end test uses, read and seeded from the test: the
SQLite file in its DATA_DIR, or (``TEST_DATABASE=postgres``) the test's PostgreSQL database that
``DATABASE_URL`` names (tests/support/postgres_plugin.py sets it for the test and its processes).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from bot.db import Database
from bot.db.postgres import PostgresDatabase, to_postgres
from tests.support.postgres import run_sync


def _url() -> str | None:
    return os.environ.get("DATABASE_URL") or None


async def open_for(data_dir: Path) -> Database:
    """The database of a bot whose DATA_DIR is ``data_dir``, migrated."""
    url = _url()
    if url is None:
        return await Database.open(data_dir / "permitbot.sqlite3")
    return await PostgresDatabase.connect(url, max_size=2)


def query(data_dir: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """One statement, committed; its rows as tuples (synchronous: usable in ``wait_for``)."""
    url = _url()
    if url is None:
        with sqlite3.connect(data_dir / "permitbot.sqlite3") as conn:
            return [tuple(row) for row in conn.execute(sql, params).fetchall()]

    async def run() -> list[tuple[Any, ...]]:
        import asyncpg

        conn = await asyncpg.connect(url)
        try:
            return [tuple(row) for row in await conn.fetch(to_postgres(sql), *params)]
        finally:
            await conn.close()

    return run_sync(run())
