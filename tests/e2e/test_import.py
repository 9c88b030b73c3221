"""/import over the real process and the local Bot API server: the template arrives as a
document, the user sends an XLSX back, the bot fetches it with getFile and the file URL, the
preview names the bad row, Import stores the rest with their reminders (issue 14)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.i18n import Translator
from tests.dialogs.test_import import table, xlsx
from tests.support.engine import query
from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

pytestmark = pytest.mark.e2e


async def test_a_spreadsheet_sent_to_the_bot_is_imported(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    bot = await spawn_bot(E2E_NOW)
    user, server, t = 7_500_001, telegram_server, Translator("ru")

    intro = await server.say(user, "/import", "ru")
    assert t("imp-btn-xlsx") in intro.labels()
    await server.tap(user, t("imp-btn-xlsx"))
    template = server.documents(user)[-1]
    sheet = load_workbook(io.BytesIO(template.data)).worksheets[0]
    assert sheet["A1"].value == t("imp-col-worker")

    preview = await server.upload(user, "staff.xlsx", xlsx(table(t, 20, {4: "date"})), "ru")
    assert "Строка 6, Дата" in preview.text, preview.text
    assert t("imp-btn-import", count=19) in preview.labels()
    done = await server.tap(user, t("imp-btn-import", count=19))
    assert "новых 19" in done.text, done.text

    await server.say(user, "/import", "ru")
    broken = await server.upload(user, "staff.xlsx", b"PK\x03\x04 broken", "ru")
    assert broken.text == t("imp-file-unreadable")
    assert await bot.stop() == 0
    [(records,)] = query(bot.data_dir, "SELECT COUNT(*) FROM records WHERE worker_id IS NOT NULL")
    [(reminders,)] = query(bot.data_dir, "SELECT COUNT(*) FROM reminders")
    assert records == 19 and reminders >= 19
    server.assert_clean()
