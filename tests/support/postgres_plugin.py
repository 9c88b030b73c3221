"""Pytest fixtures for the database engine under test: SQLite by default, PostgreSQL with
``TEST_DATABASE=postgres`` (``make test-postgres``, a CI step).

- ``postgres_server``: one throwaway server per session (skips when PostgreSQL is not installed);
- ``database_url``: None on SQLite, else a fresh migrated database for this test;
- ``open_db``: ``await open_db()`` opens the engine under test (a SQLite file in ``tmp_path``, or
  the test's PostgreSQL database), so repository tests run on both;
- ``sqlite_only`` marker: the test pokes SQLite itself; skipped on PostgreSQL with its reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.postgres import PostgresDatabase
from tests.support import postgres
from tests.support.postgres import PostgresServer

OpenDb = Callable[[], Awaitable[Database]]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): the test pokes SQLite itself")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not postgres.wanted():
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "SQLite-specific"
            item.add_marker(pytest.mark.skip(reason=f"sqlite only: {reason}"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = postgres.missing()
    if reason is not None:
        pytest.skip(reason)
    with postgres.running() as server:
        server.create_template()
        yield server


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    if not postgres.wanted():
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
async def open_db(tmp_path: Path, database_url: str | None) -> AsyncIterator[OpenDb]:
    opened: list[Database] = []

    async def open_one() -> Database:
        db = (
            await Database.open(tmp_path / "db.sqlite3")
            if database_url is None
            else await PostgresDatabase.connect(database_url, max_size=4)
        )
        opened.append(db)
        return db

    yield open_one
    for db in opened:
        await db.close()
