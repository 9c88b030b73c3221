"""A real ``redis-server`` for the tests (Debian's redis-server package; ``.ci/run`` installs it).

``redis_url`` starts one server per test on a free port in the test's temporary folder (no disk
persistence) and stops it after. Where the ``redis-server`` program is missing, a test that needs
it is skipped, saying why (in CI, where ``.ci/run`` installs it, it fails instead). The server
runs on the machine's real clock (libfaketime is kept away from it): the bot only uses Redis's
clock for intervals, never for dates.

Register with ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

START_SECONDS = 15.0  # a loaded machine can take a while to open the port
FAKED = ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_FAKE_MONOTONIC", "DYLD_INSERT_LIBRARIES")


def redis_server_program() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """One ``redis-server`` process: ``url``, ``stop()``, ``kill()``."""

    def __init__(self, program: str, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        env = {key: value for key, value in os.environ.items() if key not in FAKED}
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "redis.log"
        self.process = subprocess.Popen(
            [
                program,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(folder),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
                "--logfile",
                str(self.log),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        log = self.log.read_text(errors="replace") if self.log.exists() else ""
        raise RuntimeError(f"redis-server did not start on port {self.port}: {log[-500:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    program = redis_server_program()
    if program is None:
        reason = "redis-server is not installed (apt-get install redis-server; .ci/run does)"
        if os.environ.get("CI"):  # CI installs it: a skip there would hide the replica tests
            pytest.fail(reason)
        pytest.skip(reason)
    server = RedisServer(program, tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The URL of a fresh, empty Redis for this test."""
    return redis_server.url
