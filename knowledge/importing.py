"""Bulk import: a CSV or XLSX table of workers and their records → rows ready to store, and the
problems found, by row and column. Pure (openpyxl reads the spreadsheet; no bot, no database).

The header row names the columns in any of the three languages (the caller passes the
vocabulary: the catalogs' column names, record kinds and categories); unknown columns are
ignored, blank rows skipped. Row numbers are the spreadsheet's (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from knowledge import deadlines as dl
from knowledge.loader import load_knowledge
from knowledge.masking import mask_ids
from knowledge.userdates import parse_user_date

COLUMNS = (
    "worker",
    "citizenship",
    "position",
    "category",
    "record",
    "date",
    "term",
    "permit_number",
    "visa_until",
    "passport_until",
)
TEXT_COLUMNS = ("worker", "citizenship", "position")  # identity numbers are masked in these
KINDS = ("permit", "contract", "arrival", "ended", "fee")  # a worker's records
CATEGORIES = ("cat1", "cat2", "cat3", "cat4", "seasonal", "ict")
MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
MAX_TEXT = 64
MAX_REF = 40
MAX_COLUMNS = 64  # cells read a row: a sheet 16,384 columns wide is not read to its end
XLSX_MAGIC = b"PK\x03\x04"

Cell = str | int | float | dt.date | dt.datetime | None


class FileProblem(Exception):
    """The file as a whole cannot be imported: ``code`` names why (a catalog key's tail)."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


@dataclass(frozen=True)
class Vocabulary:
    """Lower-cased words → ids: column names, record kinds, categories (every language)."""

    headers: dict[str, str]
    kinds: dict[str, str]
    categories: dict[str, str]


@dataclass(frozen=True)
class Row:
    line: int
    worker: str
    citizenship: str = ""
    position: str = ""
    category: str = ""  # a route id, or ""
    kind: str = ""  # a record kind, or "" (the row only describes the worker)
    date: dt.date | None = None
    term: str = ""  # "m12" / "d90" for a permit
    ref: str = ""  # the permit number
    visa_until: dt.date | None = None
    passport_until: dt.date | None = None

    def key(self) -> tuple[str, ...]:
        """What a re-import matches on: the permit number, else worker + kind + date."""
        if self.kind == "permit" and self.ref:
            return ("ref", self.ref.casefold())
        return ("row", self.worker.casefold(), self.kind, str(self.date))


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # a column id, "" for the row as a whole
    reason: str  # a catalog key's tail: required, date, kind, category, term, long, duplicate
    value: str = ""


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    masked: int = 0  # identity numbers masked in name fields

    @property
    def bad_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


def read_table(data: bytes, max_rows: int = MAX_ROWS) -> list[list[Cell]]:
    """The cells of the first sheet (XLSX) or of a ``;``/``,``-separated UTF-8 CSV."""
    if not data.strip():
        raise FileProblem("empty")
    if data.startswith(XLSX_MAGIC):
        return _xlsx(data, max_rows)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("encoding") from None
    if "\x00" in text:
        raise FileProblem("unreadable")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    table: list[list[Cell]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            table.append(list(cells[:MAX_COLUMNS]))
            if len(table) > max_rows + 1:
                raise FileProblem("rows", limit=max_rows)
    except csv.Error:
        raise FileProblem("unreadable") from None
    return table


def _xlsx(data: bytes, max_rows: int) -> list[list[Cell]]:
    from openpyxl import load_workbook  # heavy: only when a spreadsheet comes

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise FileProblem("unreadable") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise FileProblem("empty")
        table: list[list[Cell]] = []
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            table.append(list(values))
            if len(table) > max_rows + 1:
                raise FileProblem("rows", limit=max_rows)
        return table
    finally:
        book.close()


def parse(data: bytes, vocab: Vocabulary, today: dt.date, max_rows: int = MAX_ROWS) -> Parsed:
    """The file's rows: each either ready (``rows``) or with its problems (``problems``)."""
    table = [
        (number, cells)
        for number, cells in enumerate(read_table(data, max_rows), start=1)
        if any(_text(cell) for cell in cells)
    ]  # blank rows dropped; the numbers stay those the spreadsheet shows
    if not table:
        raise FileProblem("empty")
    (_, header), *body = table
    columns = [vocab.headers.get(_text(cell).casefold()) for cell in header]
    if "worker" not in columns:
        raise FileProblem("header")
    if not body:
        raise FileProblem("empty")
    if len(body) > max_rows:
        raise FileProblem("rows", limit=max_rows)
    parsed = Parsed()
    seen: dict[tuple[str, ...], int] = {}
    for number, cells in body:
        values = {col: cell for col, cell in zip(columns, cells, strict=False) if col}
        row, problems, masked = _row(number, values, vocab, today)
        parsed.masked += masked
        if row is not None and row.kind:
            first = seen.setdefault(row.key(), number)
            if first != number:
                problems.append(Problem(number, "", "duplicate", str(first)))
        if problems:
            parsed.problems.extend(problems)
        elif row is not None:
            parsed.rows.append(row)
    return parsed


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return str(cell).strip()


def _row(
    line: int, values: dict[str, Cell], vocab: Vocabulary, today: dt.date
) -> tuple[Row | None, list[Problem], int]:
    problems: list[Problem] = []
    masked = 0
    texts: dict[str, str] = {}
    for column in TEXT_COLUMNS:
        text, count = mask_ids(" ".join(_text(values.get(column)).split()))
        masked += count
        if len(text) > MAX_TEXT:
            problems.append(Problem(line, column, "long", str(MAX_TEXT)))
        texts[column] = text
    if not texts["worker"]:
        problems.append(Problem(line, "worker", "required"))
    category = _choice(values, "category", vocab.categories, problems, line)
    kind = _choice(values, "record", vocab.kinds, problems, line)
    day = _date(values, "date", today, problems, line)
    visa = _date(values, "visa_until", today, problems, line)
    passport = _date(values, "passport_until", today, problems, line)
    ref = _text(values.get("permit_number"))
    if len(ref) > MAX_REF:
        problems.append(Problem(line, "permit_number", "long", str(MAX_REF)))
    if kind and day is None and not _text(values.get("date")):
        problems.append(Problem(line, "date", "required"))
    if day is not None and not kind and not _text(values.get("record")):
        problems.append(Problem(line, "record", "required"))
    term = _term(values, kind, category, day, problems, line)
    if problems:
        return None, problems, masked
    row = Row(
        line=line,
        worker=texts["worker"],
        citizenship=texts["citizenship"],
        position=texts["position"],
        category=category,
        kind=kind,
        date=day,
        term=term,
        ref=ref if kind == "permit" else "",
        visa_until=visa,
        passport_until=passport,
    )
    return row, problems, masked


def _choice(
    values: dict[str, Cell],
    column: str,
    words: dict[str, str],
    problems: list[Problem],
    line: int,
) -> str:
    text = _text(values.get(column))
    if not text:
        return ""
    found = words.get(text.casefold())
    if found is None:
        problems.append(Problem(line, column, "choice", text[:MAX_TEXT]))
        return ""
    return found


def _date(
    values: dict[str, Cell], column: str, today: dt.date, problems: list[Problem], line: int
) -> dt.date | None:
    cell = values.get(column)
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        return None
    parsed = parse_user_date(text, today)
    if parsed.value is None or parsed.doubt in ("no_year", "two_digit_year"):
        problems.append(Problem(line, column, "date", text[:MAX_TEXT]))
        return None
    return parsed.value


def _term(
    values: dict[str, Cell],
    kind: str,
    category: str,
    day: dt.date | None,
    problems: list[Problem],
    line: int,
) -> str:
    """A permit's term as the record keeps it ("m12", "d90"); the route's first term if blank."""
    if kind != "permit":
        return ""
    if not category:
        if not _text(values.get("category")):  # a wrong one is said once, as a wrong choice
            problems.append(Problem(line, "category", "required"))
        return ""
    route = load_knowledge().route(category)
    text = _text(values.get("term"))
    unit = "d" if route.term_days else "m"
    if not text:
        if route.term_days or route.term_months:
            return f"{unit}{(route.term_days or route.term_months)[0]}"
        problems.append(Problem(line, "term", "required"))
        return ""
    if not text.isdigit():
        problems.append(Problem(line, "term", "term", text[:MAX_TEXT]))
        return ""
    try:
        if day is not None:
            dl.permit_end(day, category, *((None, int(text)) if unit == "d" else (int(text), None)))
    except dl.InvalidTerm:
        problems.append(Problem(line, "term", "term", text))
        return ""
    return f"{unit}{int(text)}"
