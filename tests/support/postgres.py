"""A throwaway PostgreSQL server from the system's packages, for tests and benchmarks.

``initdb`` into a temporary folder, then ``postgres`` on a free port of 127.0.0.1 with durability
off (a test database needs none). PostgreSQL refuses to run as root; as root (CI, containers) the
server runs as the ``postgres`` system user the Debian package creates (``setpriv``).

``TEST_DATABASE=postgres`` makes the suite's database fixtures use it: each test gets its own
database, copied from a migrated template (``CREATE DATABASE … TEMPLATE``, a file copy).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar


def _installed_bin() -> Path:
    """The newest Debian PostgreSQL's programs (15 on bookworm, whatever apt brought)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name or 0))
    return found[-1] if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = Path(os.environ["PG_BIN"]) if os.environ.get("PG_BIN") else _installed_bin()
TEMPLATE = "permitbot_template"
T = TypeVar("T")


def wanted() -> bool:
    """The suite runs on PostgreSQL (``TEST_DATABASE=postgres``, ``make test-postgres``)."""
    return os.environ.get("TEST_DATABASE", "sqlite") == "postgres"


def missing() -> str | None:
    """Why no server can be started here, or None."""
    for tool in ("initdb", "postgres", "pg_isready"):
        if not (PG_BIN / tool).exists():
            return f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
    return None


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in a thread (usable from sync fixtures under a loop)."""
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PostgresServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="permitbot-pg-"))
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._counter = 0

    def _as_server_user(self, args: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return args
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *args]

    def start(self) -> PostgresServer:
        data = self.root / "data"
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        initdb = [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        subprocess.run(
            self._as_server_user([*initdb, "-E", "UTF8", "--locale=C", "--no-sync"]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        options = [
            "-c", "listen_addresses=127.0.0.1", "-p", str(self.port), "-k", str(self.root),
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB",
        ]  # fmt: skip
        with open(self.root / "server.log", "wb") as log:  # the server keeps its own copy
            self.process = subprocess.Popen(
                self._as_server_user([str(PG_BIN / "postgres"), "-D", str(data), *options]),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        for _ in range(300):
            if self.process is not None and self.process.poll() is not None:
                log = (self.root / "server.log").read_text(errors="replace")
                raise RuntimeError(f"PostgreSQL did not start:\n{log[-2000:]}")
            ready = subprocess.run(
                [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                stdout=subprocess.DEVNULL,
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not become ready")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    async def _admin(self, *statements: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.url())
        try:
            for statement in statements:
                await conn.execute(statement)
        finally:
            await conn.close()

    def create_template(self) -> None:
        """A database with every migration applied, copied for each test."""
        from bot.db.postgres import PostgresDatabase

        async def build() -> None:
            await self._admin(f"CREATE DATABASE {TEMPLATE}")
            db = await PostgresDatabase.connect(self.url(TEMPLATE))
            await db.close()

        run_sync(build())

    def new_database(self, migrated: bool = True) -> str:
        """A fresh database (a copy of the migrated template, or empty); its URL."""
        self._counter += 1
        name = f"t{os.getpid()}_{self._counter}"
        template = f" TEMPLATE {TEMPLATE}" if migrated else ""
        run_sync(self._admin(f"CREATE DATABASE {name}{template}"))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        run_sync(self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()
