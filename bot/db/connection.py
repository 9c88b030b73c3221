"""One SQLite connection shared by the whole process, used on the event loop's thread.

Statements run synchronously: an embedded SQLite statement in WAL mode takes microseconds, less
than a hop to a worker thread and back (aiosqlite's way, ~300 µs a statement under load, with the
lock held across the hops). The methods stay ``async`` so a server database (PostgreSQL) can take
the same shape later. SQLite allows one writer at a time; a transaction holds an asyncio lock so
that no statement of another task joins it should its body ever await something else.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_in_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "in_transaction", default=False
)

Params = Sequence[Any] | dict[str, Any]


class Row(Protocol):
    """A result row read by position or by column name: ``sqlite3.Row`` or asyncpg's ``Record``."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...  # the values, in column order

    def __len__(self) -> int: ...

    def keys(self) -> Any: ...


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
    """The embedded engine; ``bot.db.postgres.PostgresDatabase`` has the same methods."""

    engine = "sqlite"
    # Write-through caches of repositories (``db.cache``) are valid only while this process is
    # the database's only writer: true for SQLite, false for a server several replicas share.
    caching = True

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._lock = asyncio.Lock()
        self.cache: dict[str, Any] = {}

    def cached(self, name: str, limit: int = 50_000) -> dict[Any, Any]:
        """The named write-through cache (emptied when it holds ``limit`` entries)."""
        if not self.caching:
            return {}
        found: dict[Any, Any] = self.cache.setdefault(name, {})
        if len(found) >= limit:
            found.clear()
        return found

    def forget(self, *names: str) -> None:
        """Drop named caches (after a write they may not follow row by row)."""
        for name in names:
            self.cache.pop(name, None)

    @classmethod
    async def open(cls, path: Path | str, migrations: Path = MIGRATIONS_DIR) -> Database:
        # isolation_level=None: autocommit, transactions only where ``transaction`` opens one.
        # check_same_thread=False: every call comes from the loop's thread, one at a time; the
        # check would only refuse a database opened before the loop ran or closed after it.
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        db = cls(conn)
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA busy_timeout=5000",
            "PRAGMA foreign_keys=ON",
        ):
            conn.execute(pragma)
        await db.migrate(migrations)
        return db

    async def close(self) -> None:
        async with self._lock:
            self.conn.close()

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
                    self.conn.executescript(
                        f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                    )
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
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
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    self.cache.clear()  # a cache may have taken a row that is now undone
                    raise
                self.conn.execute("COMMIT")
            finally:
                _in_transaction.reset(token)

    @asynccontextmanager
    async def exclusive(self, name: str, *, wait: bool = False) -> AsyncIterator[bool]:
        """Work that one process at a time may do (``name``): True if it is this one's to do.
        One process owns a SQLite file, so always True here; PostgreSQL's replicas take turns."""
        yield True

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows changed."""
        async with self._locked():
            cursor = self.conn.execute(sql, params)
            count = cursor.rowcount
            cursor.close()
            return count

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; return the new row id."""
        async with self._locked():
            cursor = self.conn.execute(sql, params)
            rowid = cursor.lastrowid
            cursor.close()
            if rowid is None:
                raise RuntimeError("INSERT produced no row id")
            return rowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._locked():
            self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._locked():
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._locked():
            return list(self.conn.execute(sql, params).fetchall())
