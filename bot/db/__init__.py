"""SQLite storage: one aiosqlite connection, numbered migrations, small repositories."""

from bot.db.connection import Database

__all__ = ["Database"]
