"""Pytest fixtures around the local Bot API server: the server itself and the bot as a process.

Register with ``pytest_plugins = ["tests.support.server_plugin"]`` in tests/conftest.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from tests.support import budget
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def telegram_server() -> AsyncIterator[TelegramServer]:
    """A fresh local Bot API server with Telegram's default limits, stopped after the test."""
    server = TelegramServer()
    await server.start()
    yield server
    await server.stop()


class BotProcess:
    """``python -m bot`` running against the local server; output goes to files, so a chatty
    process can never block on a full pipe."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        stdout: Path,
        stderr: Path,
        start: dt.datetime,
        data_dir: Path,
    ) -> None:
        self.process = process
        self.stdout_path, self.stderr_path = stdout, stderr
        self._start, self._origin = start, time.monotonic()
        self.data_dir = data_dir

    def now(self) -> dt.datetime:
        """The bot's clock (``CLOCK_START`` and the time since), to move its data in time."""
        return self._start + dt.timedelta(seconds=time.monotonic() - self._origin)

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    async def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 10) -> int | None:
        """Send ``sig`` and wait up to ``timeout`` s; the exit code, or None if it did not exit
        (it is then killed)."""
        if self.process.returncode is None:
            self.process.send_signal(sig)
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return None


SpawnBot = Callable[..., Awaitable[BotProcess]]
START_TIMEOUT = 90.0  # seconds for a new process to reach its first getUpdates


async def launch(
    server: TelegramServer,
    data_dir: Path,
    logs: Path,
    number: int,
    now: dt.datetime,
    extra_env: dict[str, str],
) -> BotProcess:
    """``python -m bot`` against ``server`` with DATA_DIR ``data_dir``, its output in
    ``logs/bot{number}.out`` and ``.err``, its clock started at ``now`` (``CLOCK_START``)."""
    env = {
        **os.environ,
        "BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.url,
        "DATA_DIR": str(data_dir),
        # Quick ticks and a short request timeout, so tests wait seconds, not minutes.
        "REMINDER_TICK_SECONDS": "0.5",
        "REQUEST_TIMEOUT": "3",
        "LOG_LEVEL": "INFO",
        "CLOCK_START": now.isoformat(),
        **extra_env,
    }
    stdout, stderr = logs / f"bot{number}.out", logs / f"bot{number}.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    return BotProcess(process, stdout, stderr, now, data_dir)


@pytest.fixture
async def spawn_bot(telegram_server: TelegramServer, tmp_path: Path) -> AsyncIterator[SpawnBot]:
    """``await spawn_bot(now=..., **extra_env)`` starts the bot on ``telegram_server`` with
    DATA_DIR in tmp_path and its clock started at ``now`` (``CLOCK_START``; by default
    ``E2E_NOW``, never the real date); processes still running at the end of the test are killed,
    and the test errors if the server recorded a violation."""
    processes: list[BotProcess] = []

    data_dir = tmp_path / "data"

    async def spawn(
        now: dt.datetime = E2E_NOW, *, ready: bool = True, **extra_env: str
    ) -> BotProcess:
        budget.watch_server(telegram_server)  # what the process sends is on the phone budget
        polls = len(telegram_server.calls("getUpdates"))
        process = await launch(telegram_server, data_dir, tmp_path, len(processes), now, extra_env)
        processes.append(process)
        if ready:  # a cold start on a loaded machine can take 15 s: the tests time replies
            await telegram_server.wait_for(
                lambda: (
                    len(telegram_server.calls("getUpdates")) > polls
                    or process.process.returncode is not None
                ),
                timeout=START_TIMEOUT,
            )
        return process

    yield spawn
    for bot in processes:
        if bot.process.returncode is None:
            await bot.stop(signal.SIGKILL, timeout=5)
    if processes:  # whatever the test checked, the bot never sent what Telegram would refuse
        telegram_server.assert_no_violations()
