"""PostgreSQL (``DATABASE_URL=postgresql://…``): the same methods as the SQLite ``Database``.

Several replicas share one database, so: a pool of connections; ``transaction()`` binds one
connection to the task (a context variable), and every repository call inside it runs on that
connection; no write-through caches (``caching`` is False: another replica may write). Rows are
asyncpg ``Record``s, read by position and by name like ``sqlite3.Row``.

The repositories write portable SQL (``ON CONFLICT``, ``RETURNING``, no SQLite date functions);
``to_postgres`` only renumbers the ``?`` placeholders and renames ``instr``. The migrations are per
engine: ``migrations/postgres/NNNN_name.sql`` mirror ``migrations/NNNN_name.sql`` number for
number (a test keeps the two folders in step), with the version in a ``schema_version`` table.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg

from bot.db.connection import MIGRATIONS_DIR, Database, Params, Row, migration_files

log = logging.getLogger(__name__)

PG_MIGRATIONS_DIR = MIGRATIONS_DIR / "postgres"
# Any replica may start first: the migrations of all of them run under this advisory lock.
_MIGRATION_LOCK = 7_150_015
_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|\binstr\(", re.IGNORECASE)
_current: contextvars.ContextVar[Any] = contextvars.ContextVar("pg_connection", default=None)


@functools.lru_cache(maxsize=1024)  # the repositories' statements are a fixed few hundred
def to_postgres(sql: str) -> str:
    """``?`` placeholders → ``$1, $2, …`` and ``instr(`` → ``strpos(``, string literals kept."""
    number = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal number
        token = match.group(0)
        if token == "?":
            number += 1
            return f"${number}"
        if token.lower() == "instr(":
            return "strpos("
        return token

    return _TOKENS.sub(swap, sql)


def _args(params: Params) -> list[Any]:
    if isinstance(params, dict):
        raise TypeError("named parameters are not used with PostgreSQL; pass a sequence")
    return list(params)


def _count(status: str) -> int:
    """asyncpg's command tag (``UPDATE 3``, ``INSERT 0 1``) → the rows changed."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresDatabase(Database):
    engine = "postgres"
    caching = False

    def __init__(self, pool: Any) -> None:  # (no SQLite connection: every method is overridden)
        self.pool = pool
        self.cache: dict[str, Any] = {}

    @classmethod
    async def connect(
        cls,
        url: str,
        migrations: Path = PG_MIGRATIONS_DIR,
        *,
        min_size: int = 1,
        max_size: int = 10,
    ) -> PostgresDatabase:
        pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size)
        db = cls(pool)
        try:
            await db.migrate(migrations)
        except BaseException:
            await pool.close()
            raise
        return db

    async def close(self) -> None:
        if not self.pool.is_closing():
            await self.pool.close()

    async def schema_version(self) -> int:
        async with self._connection() as conn:
            if await conn.fetchval("SELECT to_regclass('schema_version')") is None:
                return 0
            return int(await conn.fetchval("SELECT max(version) FROM schema_version") or 0)

    async def migrate(self, folder: Path = PG_MIGRATIONS_DIR) -> list[int]:
        """Apply the migrations above ``schema_version``, each in its own transaction."""
        applied = []
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK)
            try:
                await conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
                )
                current = await conn.fetchval("SELECT max(version) FROM schema_version") or 0
                for number, path in migration_files(folder):
                    if number <= current:
                        continue
                    async with conn.transaction():
                        await conn.execute(path.read_text(encoding="utf-8"))
                        await conn.execute("DELETE FROM schema_version")
                        await conn.execute("INSERT INTO schema_version VALUES ($1)", number)
                    log.info("applied migration %s", path.name)
                    applied.append(number)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK)
        return applied

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Any]:
        bound = _current.get()
        if bound is not None:
            yield bound
            return
        async with self.pool.acquire() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """One connection for the task until COMMIT (ROLLBACK on error); nested: joins it."""
        if _current.get() is not None:
            yield self
            return
        async with self.pool.acquire() as conn, conn.transaction():
            token = _current.set(conn)
            try:
                yield self
            finally:
                _current.reset(token)

    @asynccontextmanager
    async def exclusive(self, name: str, *, wait: bool = False) -> AsyncIterator[bool]:
        """A session advisory lock named ``name`` on a connection held meanwhile: False (without
        waiting) if another replica holds it; ``wait=True`` waits for it. A replica that dies
        loses its connection, and the lock with it."""
        async with self.pool.acquire() as conn:
            if wait:
                await conn.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", name)
                mine = True
            else:
                mine = await conn.fetchval(
                    "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", name
                )
            try:
                yield bool(mine)
            finally:
                if mine:
                    await conn.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", name)

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._connection() as conn:
            return _count(await conn.execute(to_postgres(sql), *_args(params)))

    async def insert(self, sql: str, params: Params = ()) -> int:
        statement = to_postgres(sql)
        if "returning" not in statement.lower():
            statement += " RETURNING id"
        async with self._connection() as conn:
            rowid = await conn.fetchval(statement, *_args(params))
        if rowid is None:
            raise RuntimeError("INSERT produced no row id")
        return int(rowid)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        batch = [_args(row) for row in rows]
        if batch:
            async with self._connection() as conn:
                await conn.executemany(to_postgres(sql), batch)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._connection() as conn:
            row: Row | None = await conn.fetchrow(to_postgres(sql), *_args(params))
            return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._connection() as conn:
            return list(await conn.fetch(to_postgres(sql), *_args(params)))
