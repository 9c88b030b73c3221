"""aiogram FSM storage in SQLite, so a conversation survives a restart.

Data must be JSON: a value that could not survive the round trip fails at once, in tests too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey

from bot.clock import to_iso
from bot.db.connection import Database


def _state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database) -> None:
        self.db = db
        self.key_builder = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await self.db.execute(
            "INSERT INTO fsm_state (key, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            (self._key(key), _state_name(state), to_iso(dt.datetime.now(dt.UTC))),
        )

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self.db.fetchone("SELECT state FROM fsm_state WHERE key = ?", (self._key(key),))
        return None if row is None else row["state"]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        payload = json.dumps(dict(data), ensure_ascii=False, allow_nan=False)
        await self.db.execute(
            "INSERT INTO fsm_state (key, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (self._key(key), payload, to_iso(dt.datetime.now(dt.UTC))),
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self.db.fetchone("SELECT data FROM fsm_state WHERE key = ?", (self._key(key),))
        return {} if row is None else dict(json.loads(row["data"]))

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""
