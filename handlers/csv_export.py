"""/export as a spreadsheet people open in Excel: the user's language and separator, a next
deadline column, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

from bot.db.records import Record
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


def row(t: Translator, record: Record, extra: Details, entry: Entry | None) -> list[str]:
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
    }
    return [safe(cells[column]) for column in COLUMNS]


def records_csv(
    t: Translator,
    records: list[Record],
    details: dict[int, Details],
    entries: dict[int, Entry],
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR[t.lang])
    writer.writerow([t(f"export-col-{column}") for column in COLUMNS])
    for record in records:
        extra = details.get(record.id, Details())
        writer.writerow(row(t, record, extra, entries.get(record.id)))
    return buffer.getvalue().encode("utf-8-sig")  # BOM: spreadsheet apps then read UTF-8 right
