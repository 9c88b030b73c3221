"""Bulk import (issue 14): the cost of storing one imported row against saving one record the
tracking way (``records.add`` + ``planning.replan_record``, one transaction each), measured in
one run on the same machine, so the figure is a ratio.

Target: an imported record costs no more than one tracked by hand (≤ 1.0×); reported beside it:
reading the XLSX, and importing the same file again (nothing to write).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from bench.report import Figure, record
from bot.db import Database, workspaces
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.i18n import Translator
from bot.records import planning
from bot.records.importing import store
from handlers.importing.views import header, vocabulary
from knowledge import importing as ki
from tests.support.today import E2E_NOW

ROWS = 1_000


def spreadsheet(t: Translator) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header(t))
    for i in range(ROWS):
        start = dt.date(2026, 1, 5) + dt.timedelta(days=i % 300)
        sheet.append([f"Worker {i}", "", "", "2", "permit", start, 12, f"KZ-{i:05}", None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def fresh(folder: Path, name: str) -> tuple[Database, users_repo.User, int]:
    db = await Database.open(folder / f"{name}.sqlite3")
    user = await users_repo.seen(db, 1, 1, "en", "Asia/Almaty", E2E_NOW)
    return db, user, await workspaces.personal(db, 1, E2E_NOW)


async def main() -> None:
    t = Translator("en")
    data = spreadsheet(t)
    vocabulary()
    started = time.perf_counter()
    parsed = ki.parse(data, vocabulary(), E2E_NOW.date())
    read_ms = (time.perf_counter() - started) * 1000 / ROWS
    assert len(parsed.rows) == ROWS
    with tempfile.TemporaryDirectory() as folder:
        db, user, ws = await fresh(Path(folder), "import")
        started = time.perf_counter()
        await store(db, user, ws, parsed.rows, E2E_NOW)
        import_ms = (time.perf_counter() - started) * 1000 / ROWS
        started = time.perf_counter()
        await store(db, user, ws, parsed.rows, E2E_NOW)
        again_ms = (time.perf_counter() - started) * 1000 / ROWS
        await db.close()
        db, user, ws = await fresh(Path(folder), "track")
        started = time.perf_counter()
        for row in parsed.rows:
            assert row.date is not None
            rid = await records_repo.add(
                db, user.id, "permit", row.date, E2E_NOW, row.worker, "cat2", "m12", ws
            )
            saved = await records_repo.get(db, user.id, rid)
            assert saved is not None
            await planning.replan_record(db, user, saved, E2E_NOW)
        track_ms = (time.perf_counter() - started) * 1000 / ROWS
        await db.close()
    ratio = import_ms / track_ms
    met = ratio <= 1.0
    record(
        "importing",
        [
            Figure("import ÷ tracking, per record (1,000 permits)", ratio, "×", "≤ 1.0×", met),
            Figure("import, per row", import_ms, "ms", "reported", None),
            Figure("tracking one by one, per record", track_ms, "ms", "reported", None),
            Figure("reading the XLSX, per row", read_ms, "ms", "reported", None),
            Figure("the same file again, per row", again_ms, "ms", "reported", None),
        ],
    )


if __name__ == "__main__":
    asyncio.run(main())
