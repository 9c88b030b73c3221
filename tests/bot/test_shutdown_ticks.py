"""A stop right after the start: no tick runs on the closed database."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.app import on_shutdown, on_startup
from tests.bot.test_engine import FlakySession, make_app


async def test_stop_right_after_start_runs_no_tick_on_a_closed_database(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app(tmp_path, FlakySession())
    await on_startup(app)  # queues the catch-up ticks for "now"
    await on_shutdown(app)  # before the loop ran them
    with caplog.at_level(logging.WARNING):
        for _ in range(20):
            await asyncio.sleep(0.01)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
