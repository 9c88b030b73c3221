"""SQLite storage: one connection on the loop's thread, numbered migrations, small repositories."""

from bot.db.connection import Database

__all__ = ["Database"]
