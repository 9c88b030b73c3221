"""The bot as a real process against the local Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from tests.support.botapi import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def botapi() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


class BotProcess:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.stderr = ""

    async def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 15) -> int:
        if self.process.returncode is None:
            self.process.send_signal(sig)
        try:
            _out, err = await asyncio.wait_for(self.process.communicate(), timeout)
        except TimeoutError:
            self.process.kill()
            _out, err = await self.process.communicate()
        self.stderr = err.decode(errors="replace")
        return self.process.returncode if self.process.returncode is not None else -1


StartBot = Callable[[], Awaitable[BotProcess]]


@pytest.fixture
async def start_bot(botapi: FakeBotApi, tmp_path: Path) -> AsyncIterator[StartBot]:
    processes: list[BotProcess] = []

    async def start() -> BotProcess:
        env = {
            **os.environ,
            "BOT_TOKEN": botapi.token,
            "TELEGRAM_API_URL": botapi.url,
            "DATA_DIR": str(tmp_path / "data"),
            "REMINDER_TICK_SECONDS": "0.5",
            "LOG_LEVEL": "INFO",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        processes.append(BotProcess(process))
        return processes[-1]

    yield start
    for bot in processes:
        if bot.process.returncode is None:
            await bot.stop(signal.SIGKILL, timeout=5)
