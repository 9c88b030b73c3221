"""``python -m bot``: long polling with a token, a local terminal chat without one."""

from __future__ import annotations

import asyncio
import locale
import logging
import os
import sqlite3
import sys

from pydantic import ValidationError

from bot.app import create_app
from bot.config import ConfigError, Settings
from bot.localchat import run_local_chat
from bot.logs import setup_logging
from knowledge.l10n import Lang, normalize_lang

log = logging.getLogger("bot")


def fail(message: str) -> int:
    print(f"permitbot: {message}", file=sys.stderr)
    return 2


def local_lang(settings: Settings) -> Lang:
    code = settings.local_lang or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return normalize_lang(code)


async def run(settings: Settings) -> None:
    if settings.bot_token is None:
        await run_local_chat(
            lambda session: create_app(settings, session=session), local_lang(settings)
        )
        return
    app = await create_app(settings)
    log.info("starting long polling")
    await app.dp.start_polling(app.bot, handle_signals=True)


def main() -> int:
    try:
        settings = Settings()
        token = settings.token()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]).upper()
        return fail(f"invalid setting {field}: {first['msg']}")
    except ConfigError as exc:
        return fail(str(exc))
    setup_logging(settings.log_level, [token or ""])
    try:
        asyncio.run(run(settings))
    except ConfigError as exc:
        return fail(str(exc))
    except (sqlite3.Error, OSError) as exc:
        return fail(f"cannot open the database in DATA_DIR: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
