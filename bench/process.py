"""Throughput as real processes: ``python -m bot`` beside bench/echo_bot.py, in one run.

Each bot long-polls its own local Bot API server on 127.0.0.1 (tests/support/telegram_server.py,
flood limits off; PermitBot's own pacing is turned off the same way). USERS simulated users in a
closed loop: each sends an update, waits for the bot's reply (the messages and edits the bot makes
for that step, measured once beforehand, and the callback answer for a button), then sends the
next. Windows alternate echo, PermitBot, echo, PermitBot, ... (PAIRS pairs) per mix.

Figures per bot: updates/s, p50/p99 reply latency, CPU per update (the process's user + system
time over the window / updates) and Bot API calls per update (getUpdates included).
Targets: read ≥ 0.5× the echo bot's updates/s, write ≥ 0.3×, p99 ≤ 3× the echo bot's.
Knobs: BENCH_PROCESS_USERS (100), BENCH_PROCESS_UPDATES (timed updates a window, 2,000),
BENCH_PROCESS_PAIRS (2).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.report import Figure, median, percentile, record
from tests.support.telegram_server import Json, TelegramServer, _Call
from tests.support.today import E2E_NOW

ROOT = Path(__file__).resolve().parents[1]
USERS = int(os.environ.get("BENCH_PROCESS_USERS", "100"))
UPDATES = int(os.environ.get("BENCH_PROCESS_UPDATES", "2000"))
PAIRS = int(os.environ.get("BENCH_PROCESS_PAIRS", "2"))
REPLY_TIMEOUT = 30.0  # seconds; a step that takes longer counts as a timeout
QUIET = 0.5  # seconds without a new reply that end a step while measuring what it makes
CALIBRATION_USER = 999
FIRST_USER = 1000

Step = tuple[str, str]  # ("text", what the user writes) or ("data", the button's callback data)
# The same mixes as bench/throughput.py.
READ: list[Step] = [
    ("text", "/start"),
    ("text", "/help"),
    ("data", "m:help"),
    ("text", "сколько действует разрешение на работу 2 категории"),
    ("text", "/status"),
]
WRITE: list[Step] = [
    ("text", "/deadlines"),
    ("data", "dl:event:vacancy"),
    ("text", "01.09.2026"),
    ("data", "tr:vacancy:20260901::"),
    ("text", "Инженер"),
    ("data", "trk:save"),
]
VISIBLE = ("sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup")


class BenchServer(TelegramServer):
    """The local server, telling waiting users at once when their chat gets a reply."""

    def __init__(self) -> None:
        super().__init__(limits=None, query_timeout=REPLY_TIMEOUT * 2)
        self.replies: defaultdict[int, int] = defaultdict(int)  # chat -> messages and edits
        self.answered: set[str] = set()
        self.events: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

    def _signal(self, chat_id: int) -> None:
        self.events.pop(chat_id, asyncio.Event()).set()

    async def _visible(self, name: str, call: _Call) -> Any:
        result = await getattr(super(), name)(call)
        chat_id = call.request.chat_id or 0
        self.replies[chat_id] += 1
        self._signal(chat_id)
        return result

    async def on_sendMessage(self, call: _Call) -> Json:
        result: Json = await self._visible("on_sendMessage", call)
        return result

    async def on_sendDocument(self, call: _Call) -> Json:
        result: Json = await self._visible("on_sendDocument", call)
        return result

    async def on_editMessageText(self, call: _Call) -> Json:
        result: Json = await self._visible("on_editMessageText", call)
        return result

    async def on_editMessageReplyMarkup(self, call: _Call) -> Json:
        result: Json = await self._visible("on_editMessageReplyMarkup", call)
        return result

    async def on_answerCallbackQuery(self, call: _Call) -> bool:
        result = await super().on_answerCallbackQuery(call)
        query_id = str(call.params.get("callback_query_id", ""))
        self.answered.add(query_id)
        self._signal(self._queries[query_id].user_id)
        return result

    async def changed(self, chat_id: int, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self.events[chat_id].wait(), timeout)
        except TimeoutError:
            return False
        return True

    def act(self, user_id: int, step: Step) -> str | None:
        """The user's step; the callback query's id for a button."""
        kind, payload = step
        if kind == "text":
            self.send_message(user_id, payload)
            return None
        return self.press_data(user_id, self.last(user_id).message_id, payload)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Contestant:
    name: str
    server: BenchServer
    process: asyncio.subprocess.Process | None = None
    expect: list[int] = field(default_factory=list)  # messages and edits each step makes
    position: dict[int, int] = field(default_factory=dict)  # user -> next step of the mix
    rates: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # ms per update, per window
    calls: list[float] = field(default_factory=list)
    polls: list[int] = field(default_factory=list)
    timeouts: int = 0

    async def step(self, user_id: int, step: Step, expect: int, timeout: float) -> float | None:
        """Do the step and wait for its reply; the latency in ms, None on a timeout."""
        server = self.server
        target = server.replies[user_id] + expect
        started = time.perf_counter()
        query = server.act(user_id, step)
        deadline = started + timeout
        while server.replies[user_id] < target or (query and query not in server.answered):
            left = deadline - time.perf_counter()
            if left <= 0 or not await server.changed(user_id, left):
                return None
        return (time.perf_counter() - started) * 1000

    async def calibrate(self, mix: list[Step]) -> None:
        """Count what each step makes: a second pass of one user, each step left to go quiet."""
        server, user = self.server, CALIBRATION_USER
        for round_ in range(2):
            self.expect = []
            for step in mix:
                before = server.replies[user]
                query = server.act(user, step)
                deadline = time.perf_counter() + REPLY_TIMEOUT
                while time.perf_counter() < deadline and (
                    await server.changed(user, QUIET) or (query and query not in server.answered)
                ):
                    pass
                self.expect.append(server.replies[user] - before)
            del round_

    async def run_user(self, user_id: int, mix: list[Step], steps: int, timeout: float) -> None:
        for _ in range(steps):
            index = self.position.get(user_id, 0)
            self.position[user_id] = (index + 1) % len(mix)
            latency = await self.step(user_id, mix[index], self.expect[index], timeout)
            if latency is None:
                self.timeouts += 1
            else:
                self.latencies.append(latency)

    async def window(self, mix: list[Step], per_user: int, *, timed: bool = True) -> None:
        assert self.process is not None
        users = range(FIRST_USER, FIRST_USER + USERS)
        requests, cpu = len(self.server.requests), cpu_seconds(self.process.pid)
        latencies, self.latencies = self.latencies, []
        started = time.perf_counter()
        await asyncio.gather(*(self.run_user(u, mix, per_user, REPLY_TIMEOUT) for u in users))
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(self.process.pid) - cpu
        if not timed:
            self.latencies = latencies
            return
        count = per_user * USERS
        made = self.server.requests[requests:]
        self.rates.append(count / elapsed)
        self.cpu.append(cpu * 1000 / count)
        self.calls.append(len(made) / count)
        self.polls.append(sum(1 for r in made if r.method == "getUpdates"))
        self.latencies = latencies + self.latencies

    def figures(self, mix: str) -> list[Figure]:
        label = f"{mix} mix: {self.name}"
        return [
            Figure(f"{label} updates/s (median)", statistics.median(self.rates), "upd/s", "", None),
            Figure(f"{label} p50 reply", median(self.latencies), "ms", "reported", None),
            Figure(f"{label} p99 reply", percentile(self.latencies, 99), "ms", "reported", None),
            Figure(f"{label} CPU per update", statistics.median(self.cpu), "ms", "reported", None),
            Figure(f"{label} Bot API calls/update", statistics.median(self.calls), "", "", None),
            Figure(f"{label} getUpdates a window", statistics.median(self.polls), "", "", None),
            Figure(f"{label} timeouts", self.timeouts, "", "= 0", self.timeouts == 0),
        ]


async def spawn(contestant: Contestant, argv: list[str], env: dict[str, str], log: Path) -> None:
    server = contestant.server
    polls = len(server.calls("getUpdates"))
    with log.open("wb") as out:
        contestant.process = await asyncio.create_subprocess_exec(
            sys.executable,
            *argv,
            cwd=ROOT,
            env={**os.environ, "BOT_TOKEN": server.token, "TELEGRAM_API_URL": server.url, **env},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    await server.wait_for(lambda: len(server.calls("getUpdates")) > polls, timeout=90)


async def stop(contestant: Contestant) -> None:
    process = contestant.process
    if process is not None and process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()
    await contestant.server.stop()


def permitbot_env(data_dir: Path) -> dict[str, str]:
    return {
        "DATA_DIR": str(data_dir),
        "CLOCK_START": E2E_NOW.isoformat(),
        "LOG_LEVEL": "WARNING",
        # Flood limits are off on the server, so the bot's own pacing is off too.
        "SEND_RATE_PER_SECOND": "1000000",
        "SEND_CHAT_INTERVAL": "0",
        "SEND_CHAT_BURST": "1000000",
    }


async def measure(name: str, mix: list[Step], tmp: Path) -> tuple[list[Figure], dict[str, Any]]:
    echo, permit = Contestant("echo", BenchServer()), Contestant("PermitBot", BenchServer())
    for contestant in (echo, permit):
        await contestant.server.start()
    try:
        await spawn(echo, ["-m", "bench.echo_bot"], {}, tmp / f"echo-{name}.log")
        data = tmp / f"data-{name}"
        await spawn(permit, ["-m", "bot"], permitbot_env(data), tmp / f"permitbot-{name}.log")
        per_user = max(1, UPDATES // USERS)
        for contestant in (echo, permit):
            await contestant.calibrate(mix)
            await contestant.window(mix, len(mix), timed=False)  # warm-up: every user registered
            contestant.timeouts = 0
        for _ in range(PAIRS):
            await echo.window(mix, per_user)
            await permit.window(mix, per_user)
    finally:
        for contestant in (echo, permit):
            await stop(contestant)
    for contestant in (echo, permit):
        violations = contestant.server.violations
        assert not violations, f"{contestant.name}: {violations[:3]}"
    return report(name, echo, permit), {
        "pairs": [p / e for p, e in zip(permit.rates, echo.rates, strict=True)],
        "expect": {"echo": echo.expect, "PermitBot": permit.expect},
    }


def report(name: str, echo: Contestant, permit: Contestant) -> list[Figure]:
    ratios = [p / e for p, e in zip(permit.rates, echo.rates, strict=True)]
    ratio = statistics.median(ratios)
    target = 0.5 if name == "read" else 0.3
    p99 = percentile(permit.latencies, 99) / percentile(echo.latencies, 99)
    return [
        *echo.figures(name),
        *permit.figures(name),
        Figure(f"{name} mix: PermitBot / echo (median pair)", ratio, "x", f">= {target}", None),
        Figure(f"{name} mix: worst pair", min(ratios), "x", "reported", None),
        Figure(f"{name} mix: best pair", max(ratios), "x", "reported", None),
        Figure(f"{name} mix: p99 PermitBot / echo", p99, "x", "<= 3", p99 <= 3),
    ]


async def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()[0]
    figures: list[Figure] = []
    extra: dict[str, Any] = {"users": USERS, "updates_per_window": UPDATES, "pairs": PAIRS}
    with tempfile.TemporaryDirectory() as tmp:
        for name, mix in (("read", READ), ("write", WRITE)):
            found, details = await measure(name, mix, Path(tmp))
            figures += found
            extra[name] = details
    for figure in figures:  # the ratio's verdict against its target
        if figure.name.endswith("(median pair)"):
            figure.met = figure.value >= float(figure.target.removeprefix(">= "))
    extra["load_average"] = {"start": load, "end": os.getloadavg()[0]}
    extra["seconds"] = time.perf_counter() - started
    record("process", figures, extra)


if __name__ == "__main__":
    asyncio.run(main())
