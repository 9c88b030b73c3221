from __future__ import annotations

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot.db.fsm import SQLiteStorage
from tests.support.postgres_plugin import OpenDb


class Flow(StatesGroup):
    asking = State()


KEY = StorageKey(bot_id=1, chat_id=2, user_id=3)


async def test_state_and_data_survive_reopening(open_db: OpenDb) -> None:
    db = await open_db()
    storage = SQLiteStorage(db)
    await storage.set_state(KEY, Flow.asking)
    await storage.set_data(KEY, {"date": "2026-01-31", "step": 2, "items": ["a", "б"]})
    await db.close()

    reopened = SQLiteStorage(await open_db())
    assert await reopened.get_state(KEY) == "Flow:asking"
    assert await reopened.get_data(KEY) == {"date": "2026-01-31", "step": 2, "items": ["a", "б"]}
    assert await reopened.get_state(StorageKey(bot_id=1, chat_id=2, user_id=4)) is None
    await reopened.set_state(KEY, None)
    assert await reopened.get_state(KEY) is None
    assert await reopened.get_data(KEY) != {}, "clearing the state keeps the data"
    await reopened.db.close()


async def test_non_json_data_is_refused(open_db: OpenDb) -> None:
    db = await open_db()
    storage = SQLiteStorage(db)
    with pytest.raises(TypeError):
        await storage.set_data(KEY, {"when": object()})
    with pytest.raises(ValueError):
        await storage.set_data(KEY, {"x": float("nan")})
    assert await storage.get_data(KEY) == {}
    await db.close()
