"""/export as a spreadsheet people open in Excel: the user's language and separator, a next
deadline column, and no cell that a spreadsheet would run as a formula. The whole workspace
(records, workers, members) as one XLSX with a sheet each, or as CSV files (issue 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from bot.db.records import Record
from bot.db.workers import Worker
from bot.db.workspaces import Member
from bot.i18n import Translator
from bot.records.board import Entry
from bot.records.details import Details
from handlers.tracking.views import route_name
from knowledge.timeline import parse_term

COLUMNS = (
    "name",
    "kind",
    "event_date",
    "route",
    "term",
    "next_date",
    "next_what",
    "status",
    "region",
    "reference",
    "renewals_used",
    "end_date_printed",
    "stage",
    "worker",
    "id",
)
# Excel in Kazakhstan and Russia reads ";"-separated files; English-language Excel reads ",".
SEPARATOR = {"ru": ";", "kk": ";", "en": ","}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    """A cell as text; one a spreadsheet would evaluate (=, +, -, @) is quoted with '."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def day(t: Translator, value: dt.date | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if t.lang == "en" else value.strftime("%d.%m.%Y")


def term_text(t: Translator, record: Record) -> str:
    if not record.term:
        return ""
    months, days = parse_term(record.route, record.term)
    if days is not None:
        return t("dl-term-days", count=days)
    return t("dl-term-months", count=months or 0)


def row(
    t: Translator, record: Record, extra: Details, entry: Entry | None, worker: str = ""
) -> list[str]:
    next_what = t(f"rem-title-{entry.kind}") if entry is not None and entry.kind else ""
    cells: dict[str, object] = {
        "id": record.id,
        "kind": t(f"track-kind-{record.kind}"),
        "name": record.label,
        "event_date": day(t, record.event_date),
        "route": route_name(record.route, t) if record.route else "",
        "term": term_text(t, record),
        "next_date": day(t, entry.day) if entry is not None else "",
        "next_what": next_what,
        "status": t(f"export-status-{record.status}"),
        "region": extra.region,
        "reference": extra.ref,
        "renewals_used": extra.renewals_used if record.kind == "permit" else "",
        "end_date_printed": day(t, extra.end_date),
        "stage": t(f"track-stage-btn-{extra.stage or 'open'}") if record.kind == "vacancy" else "",
        "worker": worker,
    }
    return [safe(cells[column]) for column in COLUMNS]


def record_rows(
    t: Translator,
    records: list[Record],
    details: dict[int, Details],
    entries: dict[int, Entry],
    workers: dict[int, str] | None = None,
) -> list[list[str]]:
    """The records table, header first; ``workers``: record id → its worker's name."""
    table = [[t(f"export-col-{column}") for column in COLUMNS]]
    for record in records:
        extra = details.get(record.id, Details())
        worker = (workers or {}).get(record.id, "")
        table.append(row(t, record, extra, entries.get(record.id), worker))
    return table


def as_csv(t: Translator, table: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=SEPARATOR[t.lang]).writerows(table)
    return buffer.getvalue().encode("utf-8-sig")  # BOM: spreadsheet apps then read UTF-8 right


def records_csv(
    t: Translator,
    records: list[Record],
    details: dict[int, Details],
    entries: dict[int, Entry],
    workers: dict[int, str] | None = None,
) -> bytes:
    return as_csv(t, record_rows(t, records, details, entries, workers))


def worker_rows(t: Translator, workers: list[Worker], counts: dict[int, int]) -> list[list[str]]:
    columns = ("worker", "citizenship", "position", "category", "visa_until", "passport_until")
    table = [[t(f"imp-col-{column}") for column in columns] + [t("export-sheet-records")]]
    for w in workers:
        category = route_name(w.category, t) if w.category else ""
        cells = [w.name, w.citizenship, w.position, category]
        cells += [day(t, w.visa_until), day(t, w.passport_until), str(counts.get(w.id, 0))]
        table.append([safe(cell) for cell in cells])
    return table


def member_rows(t: Translator, members: list[Member]) -> list[list[str]]:
    table = [[t("export-col-member"), t("export-col-role")]]
    for m in members:
        table.append([safe(m.name or t("ws-unnamed", id=m.user_id)), t(f"ws-role-{m.role.value}")])
    return table


def workbook(sheets: list[tuple[str, list[list[str]]]]) -> bytes:
    """An XLSX with one sheet per table (cells are text, already formula-safe), header in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, table in sheets:
        sheet = book.create_sheet(title[:31])
        for cells in table:
            sheet.append(cells)
        for line in sheet.iter_rows():
            for cell in line:
                cell.data_type = "s"  # text, never a formula, whatever it starts with
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
