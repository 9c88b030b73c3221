"""aiogram FSM storage in SQLite, so a conversation survives a restart.

Data must be JSON: a value that could not survive the round trip fails at once, in tests too.
Reads come from a cache (this process is the database's only writer), so the common case — a
user with no conversation — costs no database round trip after the first. Writes during an update
are gathered and written once when the update is handled (``FlushState``): aiogram sets state and
data separately, and one statement for both halves the writes of every conversation step.
"""

from __future__ import annotations

import contextvars
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.types import TelegramObject

from bot.clock import Clock, to_iso
from bot.db.connection import Database

CACHE_SIZE = 20_000
# Keys changed while the current update is handled; flushed by ``FlushState`` when it is done.
_dirty: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("fsm_dirty", default=None)


class FlushState(BaseMiddleware):
    """Outer update middleware: one write per changed conversation state, after the handler."""

    def __init__(self, storage: SQLiteStorage) -> None:
        self.storage = storage

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        keys: set[str] = set()
        token = _dirty.set(keys)
        try:
            return await handler(event, data)
        finally:
            _dirty.reset(token)
            await self.storage.flush(keys)


def _state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()
        self.key_builder = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        # key -> (state, data as JSON text)
        self._cache: OrderedDict[str, tuple[str | None, str]] = OrderedDict()

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def _row(self, key: str) -> tuple[str | None, str]:
        # With ``db.caching`` off (other processes write too) only this update's own writes,
        # not yet flushed, are read from memory.
        if key in self._cache and (self.db.caching or key in (_dirty.get() or ())):
            self._cache.move_to_end(key)
            return self._cache[key]
        row = await self.db.fetchone("SELECT state, data FROM fsm_state WHERE key = ?", (key,))
        return self._remember(key, (None, "{}") if row is None else (row["state"], row["data"]))

    def _remember(self, key: str, value: tuple[str | None, str]) -> tuple[str | None, str]:
        self._cache[key] = value
        self._cache.move_to_end(key)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name, built = _state_name(state), self._key(key)
        old_state, data = await self._row(built)
        if old_state != name:
            self._remember(built, (name, data))
            await self._changed(built)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._row(self._key(key)))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        payload = json.dumps(dict(data), ensure_ascii=False, allow_nan=False)
        built = self._key(key)
        state, old_data = await self._row(built)
        if old_data != payload:
            self._remember(built, (state, payload))
            await self._changed(built)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict(json.loads((await self._row(self._key(key)))[1]))

    async def _changed(self, key: str) -> None:
        """Inside an update the write waits for ``flush`` (state and data in one statement)."""
        dirty = _dirty.get()
        if dirty is None:
            await self._write([key])
        else:
            dirty.add(key)

    async def flush(self, keys: set[str]) -> None:
        if keys:
            await self._write(sorted(keys))

    async def _write(self, keys: list[str]) -> None:
        stamp = to_iso(self.clock.now())
        rows = [(key, *self._cache[key], stamp) for key in keys if key in self._cache]
        await self.db.executemany(
            "INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET state = excluded.state, data = excluded.data, "
            "updated_at = excluded.updated_at",
            rows,
        )

    def forget(self) -> None:
        """Drop the cache (after rows were deleted with plain SQL, e.g. /deletemydata)."""
        self._cache.clear()

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""


async def delete_user_rows(db: Database, user_id: int) -> None:
    """Every conversation state of one user (keys are bot:chat:user:...; private chat = user)."""
    await db.execute("DELETE FROM fsm_state WHERE key LIKE ?", (f"%:{user_id}:{user_id}:%",))
