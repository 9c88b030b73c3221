"""The clock seam: CLOCK_START (test-only) starts the process's clock at a chosen instant."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey
from pydantic import ValidationError

from bot.app import create_app
from bot.clock import Clock, FrozenClock, StartedClock, clock_for
from bot.config import Settings
from bot.db.fsm import SQLiteStorage
from bot.db.users import User
from bot.i18n import Translator
from bot.local_session import LocalSession
from handlers.exports import calendar_file
from tests.support.postgres_plugin import OpenDb
from tests.support.today import ALMATY

LEAP_DAY = dt.datetime(2028, 2, 29, 23, 59, 59, tzinfo=ALMATY)


def test_a_started_clock_starts_at_its_instant_and_runs_on() -> None:
    clock = StartedClock(LEAP_DAY)
    first = clock.now()
    assert dt.timedelta(0) <= first - LEAP_DAY < dt.timedelta(seconds=1)
    assert first.tzinfo == dt.UTC
    assert clock.today("Asia/Almaty") == dt.date(2028, 2, 29)
    time.sleep(0.05)
    assert clock.now() - first >= dt.timedelta(seconds=0.05), "it runs forward"


def test_a_started_clock_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError, match="aware"):
        StartedClock(dt.datetime(2028, 2, 29))  # noqa: DTZ001 - the naive value under test


def test_clock_for_is_the_real_clock_without_a_start() -> None:
    assert type(clock_for(None)) is Clock
    assert isinstance(clock_for(LEAP_DAY), StartedClock)


def test_clock_start_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOCK_START", "2028-02-29T18:59:59+00:00")
    assert Settings(_env_file=None).clock_start == dt.datetime(
        2028, 2, 29, 18, 59, 59, tzinfo=dt.UTC
    )
    monkeypatch.setenv("CLOCK_START", "")
    assert Settings(_env_file=None).clock_start is None


def test_clock_start_without_an_offset_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOCK_START", "2028-02-29T12:00:00")
    with pytest.raises(ValidationError, match="offset"):
        Settings(_env_file=None)


async def test_the_composition_root_builds_the_clock_from_clock_start(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, clock_start=LEAP_DAY)
    app = await create_app(settings, session=LocalSession())  # real clock: chosen by CLOCK_START
    try:
        assert app.clock.today("Asia/Almaty") == dt.date(2028, 2, 29)
        assert app.dp["clock"] is app.clock
    finally:
        await app.db.close()


async def test_conversation_state_is_stamped_by_the_injected_clock(open_db: OpenDb) -> None:
    db = await open_db()
    try:
        storage = SQLiteStorage(db, FrozenClock(LEAP_DAY))
        await storage.set_state(StorageKey(bot_id=1, chat_id=2, user_id=3), "Flow:asking")
        row = await db.fetchone("SELECT updated_at FROM fsm_state")
        assert row is not None and row["updated_at"] == "2028-02-29T18:59:59+00:00"
    finally:
        await db.close()


def test_the_calendar_file_is_stamped_by_the_injected_clock() -> None:
    user = User(id=1, chat_id=1, lang="en", timezone="Asia/Almaty", is_active=True)
    data = calendar_file(
        Translator("en"), user, [("renewal_opens", dt.date(2028, 3, 1), 7, "w")], LEAP_DAY
    )
    assert "DTSTAMP:20280229T185959Z" in data.decode()
