"""/import (issue 14) in ru, kk and en: the template, a preview naming the bad rows by row and
column, one transaction (a failure injected mid-import leaves nothing), a re-import that changes
nothing, a broken file that writes nothing, limits, and roles (a viewer cannot import)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from bot.app import App
from bot.db import Database
from bot.i18n import Translator
from bot.records import planning
from knowledge import importing as ki
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_workspaces import invite, new_company, person
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
BAD = {100: "date", 500: "category", 900: "worker"}  # row index → the column made wrong


def header(t: Translator) -> list[str]:
    return [t(f"imp-col-{column}") for column in ki.COLUMNS]


def good_row(t: Translator, i: int) -> list[object]:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=i % 300)
    return [
        f"Worker {i}",
        "Uzbekistan",
        "welder",
        "2",
        t("track-kind-permit"),
        start,
        12,
        f"KZ-{i:05}",
        dt.date(2027, 6, 30),
        None,
    ]


def table(t: Translator, count: int, bad: dict[int, str] | None = None) -> list[list[object]]:
    rows: list[list[object]] = [list(header(t))]
    for i in range(count):
        row = good_row(t, i)
        column = (bad or {}).get(i)
        if column == "date":
            row[5] = "31.02.2026"
        elif column == "category":
            row[3] = "9"
        elif column == "worker":
            row[0] = None
        rows.append(row)
    return rows


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(rows: list[list[object]], delimiter: str = ";", bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(
            [
                "" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, dt.date) else v
                for v in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


async def counts(db: Database) -> tuple[int, int, int]:
    found = []
    for table_name in ("workers", "records", "reminders"):
        row = await db.fetchone(f"SELECT COUNT(*) AS n FROM {table_name}")  # noqa: S608
        assert row is not None
        found.append(int(row["n"]))
    return found[0], found[1], found[2]


async def snapshot(db: Database) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for sql in (
        "SELECT * FROM workers ORDER BY id",
        "SELECT * FROM records ORDER BY id",
        "SELECT * FROM reminders ORDER BY id",
    ):
        rows += [tuple(row) for row in await db.fetchall(sql)]
    return rows


async def previewed(d: Dialog, data: bytes, name: str = "staff.xlsx") -> str:
    await d.send("/import")
    await d.send_document(name, data)
    return d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_a_thousand_rows_with_three_bad_ones(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=801, lang=lang)
    data = xlsx(table(t, 1000, BAD))
    text = await previewed(d, data)
    assert t("imp-preview", ready=997, bad=3) in text
    for index, column in BAD.items():  # the spreadsheet's row numbers: the header is row 1
        assert f"{index + 2}, {t(f'imp-col-{column}')}" in text or (
            f"{index + 2}-" in text and t(f"imp-col-{column}") in text
        )
    assert await counts(app.db) == (0, 0, 0), "a preview writes nothing"

    await d.click(t("imp-btn-import", count=997))
    workers, records, reminders = await counts(app.db)
    assert (workers, records) == (997, 997)
    assert reminders >= 997, "every imported record has its reminders planned"
    assert "997" in d.text
    before = await snapshot(app.db)

    await previewed(d, data)  # the same file again: matched, nothing changes
    await d.click(t("imp-btn-import", count=997))
    assert await snapshot(app.db) == before
    done = t("imp-done", created=0, updated=0, unchanged=997, workers=0, reminders=0)
    assert done in d.text


async def test_a_failure_mid_import_leaves_nothing(
    dialog: DialogFactory, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = Translator("en")
    d = dialog(user_id=802)
    await previewed(d, xlsx(table(t, 1000, BAD)))
    calls = 0
    real = planning.replan_record

    async def failing(*args: object, **kwargs: object) -> int:
        nonlocal calls
        calls += 1
        if calls == 500:
            raise RuntimeError("disk full")
        return await real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(planning, "replan_record", failing)
    await d.click(t("imp-btn-import", count=997))
    assert calls == 500
    assert t("imp-failed") in d.text
    assert await counts(app.db) == (0, 0, 0), "one transaction: all ready rows or none"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04 not really a spreadsheet", "imp-file-unreadable"),
        ("Работник;Дата\n".encode("cp1251"), "imp-file-encoding"),
        (b"", "imp-file-empty"),
        (b"Name;Something\nAli;1\n", "imp-file-header"),
    ],
)
async def test_a_broken_file_gets_a_clear_error_and_writes_nothing(
    dialog: DialogFactory, app: App, data: bytes, key: str
) -> None:
    t = Translator("ru")
    d = dialog(user_id=803, lang="ru")
    text = await previewed(d, data, "staff.csv")
    assert text == t(key, worker=t("imp-col-worker"))
    assert await counts(app.db) == (0, 0, 0)
    await d.send_document("ok.csv", as_csv(table(t, 2)))  # still waiting for a file
    assert t("imp-preview", ready=2, bad=0) in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_csv_both_separators_with_and_without_bom(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=804, lang=lang)
    rows = table(t, 3)
    for data in (as_csv(rows, ";", True), as_csv(rows, ",", False)):
        assert t("imp-preview", ready=3, bad=0) in await previewed(d, data, "staff.csv")
    await d.click(t("imp-btn-import", count=3))
    assert (await counts(app.db))[:2] == (3, 3)


async def test_limits_are_said_plainly(dialog: DialogFactory, app: App) -> None:
    t = Translator("kk")
    d = dialog(user_id=805, lang="kk")
    await d.send("/import")
    await d.send_document("big.xlsx", b"x", size=ki.MAX_BYTES + 1)
    assert d.text == t("imp-file-too-big", kb=ki.MAX_BYTES // 1000)
    await d.send_document("long.csv", as_csv(table(t, ki.MAX_ROWS + 1)))
    assert d.text == t("imp-file-rows", limit=ki.MAX_ROWS)
    await d.send("hello")
    assert d.text == t("imp-need-file")
    await d.click(t("imp-btn-cancel"))
    assert await counts(app.db) == (0, 0, 0)


async def test_errors_beyond_the_preview_come_as_a_file(dialog: DialogFactory, app: App) -> None:
    t = Translator("en")
    d = dialog(user_id=806)
    bad = {i: "date" for i in range(8)}
    text = await previewed(d, xlsx(table(t, 10, bad)))
    assert t("imp-more", count=3) in text
    await d.click(t("imp-btn-errors"))
    name, data = d.last_message().document or ("", b"")
    assert name.endswith(".csv")
    lines = data.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 8 and lines[1].startswith("2,")


@pytest.mark.parametrize("lang", LANGS)
async def test_templates_in_the_users_language(dialog: DialogFactory, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=807, lang=lang)
    await d.send("/import")
    await d.click(t("imp-btn-xlsx"))
    name, data = d.last_message().document or ("", b"")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert name.endswith(".xlsx")
    assert [cell.value for cell in sheet[1]] == header(t)
    await d.click(t("imp-btn-csv"))
    name, data = d.last_message().document or ("", b"")
    assert data.startswith(b"\xef\xbb\xbf") and t("imp-col-worker") in data.decode("utf-8-sig")


async def test_id_numbers_in_names_are_masked(dialog: DialogFactory, app: App) -> None:
    t = Translator("en")
    d = dialog(user_id=808)
    rows = table(t, 1)
    rows[1][0] = "Ali 900101300123"
    text = await previewed(d, xlsx(rows))
    assert t("imp-masked", count=1) in text
    await d.click(t("imp-btn-import", count=1))
    stored = await app.db.fetchall("SELECT name FROM workers")
    assert [row["name"] for row in stored] == ["Ali ***0123"]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_viewer_cannot_import(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    owner = dialog(user_id=811, lang=lang)
    await new_company(owner, lang, "Omega")
    viewer = person(dialog(user_id=812, lang=lang), "V")
    await viewer.send(f"/start {await invite(owner, lang, Role.VIEWER)}")
    await viewer.send("/import")
    assert viewer.text == t("ws-denied")
    await viewer.send_document("staff.xlsx", xlsx(table(t, 2)))
    assert await counts(app.db) == (0, 0, 0)
    member = person(dialog(user_id=813, lang=lang), "M")
    await member.send(f"/start {await invite(owner, lang, Role.MEMBER)}")
    await previewed(member, xlsx(table(t, 2)))
    await member.click(t("imp-btn-import", count=2))
    assert (await counts(app.db))[:2] == (2, 2)
