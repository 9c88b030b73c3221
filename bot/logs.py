"""Logging set-up that never writes the bot token or what users typed.

``LOG_FORMAT=json``: one JSON object a line (time, level, logger, message, and the traceback
when there is one), for log collectors. The redaction runs before either format.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys


class RedactFilter(logging.Filter):
    """Replaces secrets (the token) in every record, including in arguments and tracebacks."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self.secrets:
            message = message.replace(secret, "<token>")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, "<token>")
        record.msg, record.args = message, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines in messages are escaped by json)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)  # one line per update: noise
    # aiosqlite's debug lines print each statement with its parameters: names, dates, ids.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    # aiohttp's access log would print webhook paths (which may hold a secret) and client IPs.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # Two lines per scheduler job every tick bury the local chat; /readyz watches the ticks.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
