"""Pytest fixtures for the database engine under test: SQLite by default, PostgreSQL with
``TEST_DATABASE=postgres`` (``make test-postgres``, a CI step).

- ``postgres_server``: one throwaway server per session (skips when PostgreSQL is not installed);
- ``database_url``: None on SQLite, else a fresh migrated database for this test;
- ``open_db``: ``await open_db()`` opens the engine under test (a SQLite file in ``tmp_path``, or
  the test's PostgreSQL database), so repository tests run on both;
- ``DATABASE_URL`` set to that database for the test (autouse), so every ``Settings()`` a test
  builds and every bot process it starts use it;
- ``sqlite_only`` marker: the test pokes SQLite itself; skipped on PostgreSQL with its reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.connection import MIGRATIONS_DIR
from bot.db.postgres import PG_MIGRATIONS_DIR, PostgresDatabase
from tests.support import postgres
from tests.support.postgres import PostgresServer

OpenDb = Callable[..., Awaitable[Database]]


def engine_migrations() -> Path:
    """The migration folder of the engine under test."""
    return PG_MIGRATIONS_DIR if postgres.wanted() else MIGRATIONS_DIR


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
    if reason is not None and postgres.wanted():  # the suite was asked to run on it: say so
        pytest.fail(f"TEST_DATABASE=postgres: {reason}", pytrace=False)
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


@pytest.fixture(autouse=True)
def _database_url_in_env(database_url: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL, every ``Settings()`` a test builds (and every bot process it starts)
    opens this test's database: ``DATABASE_URL`` is read from the environment."""
    if database_url is not None:
        monkeypatch.setenv("DATABASE_URL", database_url)


@pytest.fixture
async def open_db(
    tmp_path: Path, database_url: str | None, request: pytest.FixtureRequest
) -> AsyncIterator[OpenDb]:
    """``await open_db()``: the test's database, migrated (again: the same one reopened);
    ``await open_db(migrations=folder)``: a new empty one migrated by ``folder`` only."""
    opened: list[Database] = []
    made: list[str] = []

    async def open_one(migrations: Path | None = None) -> Database:
        db: Database
        if database_url is None:
            path = tmp_path / ("db.sqlite3" if migrations is None else f"db{len(opened)}.sqlite3")
            db = await Database.open(path, migrations or MIGRATIONS_DIR)
        elif migrations is None:
            db = await PostgresDatabase.connect(database_url, max_size=4)
        else:
            server: PostgresServer = request.getfixturevalue("postgres_server")
            made.append(await asyncio.to_thread(server.new_database, False))
            db = await PostgresDatabase.connect(made[-1], migrations, max_size=4)
        opened.append(db)
        return db

    yield open_one
    for db in opened:
        await db.close()
    if made:
        server = request.getfixturevalue("postgres_server")
        for url in made:
            await asyncio.to_thread(server.drop_database, url)
