"""One aiosqlite connection shared by the whole process.

SQLite allows one writer at a time; a single connection with an asyncio lock keeps transactions of
concurrent handlers from interleaving (a statement of another task inside an open transaction
would otherwise join it and share its rollback).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_in_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "in_transaction", default=False
)

Params = Sequence[Any] | dict[str, Any]


def migration_files(folder: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    found = []
    for path in folder.glob("*.sql"):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise RuntimeError(f"badly named migration {path.name}")
        found.append((int(match.group(1)), path))
    found.sort()
    numbers = [number for number, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps, got {numbers}")
    return found


class Database:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self._lock = asyncio.Lock()
        # Write-through caches of repositories (this process is the database's only writer).
        self.cache: dict[str, Any] = {}

    @classmethod
    async def open(cls, path: Path | str, migrations: Path = MIGRATIONS_DIR) -> Database:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = aiosqlite.Row
        db = cls(conn)
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA busy_timeout=5000",
            "PRAGMA foreign_keys=ON",
        ):
            await conn.execute(pragma)
        await db.migrate(migrations)
        return db

    async def close(self) -> None:
        async with self._lock:
            await self.conn.close()

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self, folder: Path = MIGRATIONS_DIR) -> list[int]:
        """Apply the migrations above ``user_version``, each atomically; return those applied."""
        current = await self.schema_version()
        applied = []
        for number, path in migration_files(folder):
            if number <= current:
                continue
            script = path.read_text(encoding="utf-8")
            async with self._lock:
                try:
                    await self.conn.executescript(
                        f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                    )
                except BaseException:
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                    raise
            log.info("applied migration %s", path.name)
            applied.append(number)
        return applied

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[None]:
        if _in_transaction.get():
            yield
            return
        async with self._lock:
            yield

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error), exclusive for this task."""
        if _in_transaction.get():
            yield self
            return
        async with self._lock:
            token = _in_transaction.set(True)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    await self.conn.execute("ROLLBACK")
                    raise
                await self.conn.execute("COMMIT")
            finally:
                _in_transaction.reset(token)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows changed."""
        async with self._locked():
            cursor = await self.conn.execute(sql, params)
            count = cursor.rowcount
            await cursor.close()
            return count

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; return the new row id."""
        async with self._locked():
            cursor = await self.conn.execute(sql, params)
            rowid = cursor.lastrowid
            await cursor.close()
            if rowid is None:
                raise RuntimeError("INSERT produced no row id")
            return rowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._locked():
            await self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self._locked(), self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self._locked(), self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())
