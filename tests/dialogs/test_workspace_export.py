"""/export of the whole workspace (issue 14): records (with their worker), workers and members as
one XLSX (a sheet each) or as CSV files; ;-separated with a BOM in ru/kk, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from bot.app import App
from bot.i18n import Translator
from knowledge.l10n import Lang
from knowledge.teams import Role
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking_escape import saved_permit
from tests.dialogs.test_workspaces import invite, new_company, person
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
HOSTILE = "=HYPERLINK(1)"


async def company_with_a_worker(dialog: DialogFactory, lang: Lang) -> Dialog:
    t = Translator(lang)
    owner = person(dialog(user_id=841, lang=lang), "Owner")
    await new_company(owner, lang, "Omega")
    member = person(dialog(user_id=842, lang=lang), "Marat")
    await member.send(f"/start {await invite(owner, lang, Role.MEMBER)}")
    await owner.send("/workers")
    await owner.click(t("wk-btn-add"))
    await owner.send(HOSTILE)
    await saved_permit(owner, lang, "Welder")
    await owner.click(t("track-btn-worker"))
    await owner.click(HOSTILE)
    return owner


def documents(d: Dialog, count: int) -> list[tuple[str, bytes]]:
    found = [m.document for m in d.session.chat(d.chat.id) if m.document is not None]
    return found[-count:]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_whole_workspace_as_xlsx(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    owner = await company_with_a_worker(dialog, lang)
    await owner.send("/export")
    records_file = documents(owner, 1)[0]
    header = next(
        csv.reader(
            io.StringIO(records_file[1].decode("utf-8-sig")), delimiter=";" if lang != "en" else ","
        )
    )
    assert t("export-col-worker") in header
    await owner.click(t("export-btn-xlsx"))
    name, data = documents(owner, 1)[0]
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        t("export-sheet-records"),
        t("export-sheet-workers"),
        t("export-sheet-members"),
    ]
    records, workers, members = (book[title] for title in book.sheetnames)
    worker_cells = [c for c in records[2] if c.value == "'" + HOSTILE]
    assert worker_cells and worker_cells[0].data_type == "s", "a formula stays text"
    assert workers["A2"].value == "'" + HOSTILE and workers["A2"].data_type == "s"
    assert [row[0].value for row in members.iter_rows(min_row=2)] == ["Owner", "Marat"]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_whole_workspace_as_csv(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    owner = await company_with_a_worker(dialog, lang)
    await owner.send("/export")
    await owner.click(t("export-btn-csv"))
    files = documents(owner, 3)
    assert [name for name, _ in files] == [
        "permitbot-records.csv",
        "permitbot-workers.csv",
        "permitbot-members.csv",
    ]
    separator = "," if lang == "en" else ";"
    for _, data in files:
        assert data.startswith(b"\xef\xbb\xbf")
    workers = list(csv.reader(io.StringIO(files[1][1].decode("utf-8-sig")), delimiter=separator))
    assert workers[1][0] == "'" + HOSTILE and workers[1][-1] == "1"
    members = list(csv.reader(io.StringIO(files[2][1].decode("utf-8-sig")), delimiter=separator))
    assert members[1:] == [["Owner", t("ws-role-owner")], ["Marat", t("ws-role-member")]]
