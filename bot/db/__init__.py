"""Storage: SQLite (one connection on the loop's thread) or PostgreSQL (a pool, for replicas),
numbered migrations per engine, small repositories that work on either."""

from __future__ import annotations

from bot.config import Settings
from bot.db.connection import Database


async def open_database(settings: Settings) -> Database:
    """The engine the settings choose: ``DATABASE_URL`` → PostgreSQL, else SQLite in DATA_DIR."""
    if settings.database_url is None:
        return await Database.open(settings.database_path)
    from bot.db.postgres import PostgresDatabase

    return await PostgresDatabase.connect(
        settings.database_url.get_secret_value(), max_size=settings.database_pool_size
    )


__all__ = ["Database", "open_database"]
