"""The import file parser (pure): separators, BOM, XLSX cells, headers in any language, the
problems by row and column, duplicates, limits and broken files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from knowledge import importing as ki

TODAY = dt.date(2026, 11, 25)
VOCAB = ki.Vocabulary(
    headers={c: c for c in ki.COLUMNS} | {"работник": "worker", "дата": "date", "запись": "record"},
    kinds={k: k for k in ki.KINDS} | {"разрешение": "permit"},
    categories={"cat2": "cat2", "2": "cat2", "seasonal": "seasonal", "ict": "ict"},
)


def parse(text: str, **kwargs: int) -> ki.Parsed:
    return ki.parse(text.encode("utf-8"), VOCAB, TODAY, **kwargs)


def test_semicolons_with_a_bom_and_russian_headers() -> None:
    data = "\ufeffРаботник;Запись;Дата;category\nАли;разрешение;01.03.2026;2\n".encode()
    parsed = ki.parse(data, VOCAB, TODAY)
    assert parsed.problems == []
    (row,) = parsed.rows
    assert (row.line, row.worker, row.kind, row.date, row.category, row.term) == (
        2,
        "Али",
        "permit",
        dt.date(2026, 3, 1),
        "cat2",
        "m12",  # the category's term when none is given
    )


def test_commas_and_unknown_columns_ignored_blank_rows_skipped() -> None:
    parsed = parse("worker,notes,record,date\nAli,x,contract,2026-11-02\n,,,\nBo,,,\n")
    found = [(r.line, r.worker, r.kind) for r in parsed.rows]
    assert found == [(2, "Ali", "contract"), (4, "Bo", "")]


def test_problems_name_the_row_and_column() -> None:
    parsed = parse(
        "worker;record;date;category;term\n"
        ";contract;01.02.2026;;\n"  # 2: no worker
        "Ali;permit;31.02.2026;2;\n"  # 3: no such date
        "Bo;permit;01.02.2026;;\n"  # 4: a permit needs its category
        "Cy;permit;01.02.2026;2;7\n"  # 5: category 2 is issued for 12 months
        "Di;visa;01.02.2026;;\n"  # 6: not a record kind
        "Ed;contract;;;\n"  # 7: a record needs its date
        "Fa;;01.02.2026;;\n"  # 8: a date needs its record
        "Gu;seasonal;01.02.2026;seasonal;90\n"  # 9: a category is no record kind
    )
    found = [(p.line, p.column, p.reason) for p in parsed.problems]
    assert found == [
        (2, "worker", "required"),
        (3, "date", "date"),
        (4, "category", "required"),
        (5, "term", "term"),
        (6, "record", "choice"),
        (7, "date", "required"),
        (8, "record", "required"),
        (9, "record", "choice"),
    ]
    assert parsed.rows == [] and parsed.bad_lines == list(range(2, 10))


def test_terms_by_category() -> None:
    parsed = parse(
        "worker;record;date;category;term\n"
        "A;permit;01.02.2026;seasonal;90\nB;permit;01.02.2026;ict;24\nC;permit;01.02.2026;ict;\n"
    )
    assert [r.term for r in parsed.rows] == ["d90", "m24"]
    assert [(p.line, p.column) for p in parsed.problems] == [(4, "term")]  # ICT: say how long


def test_the_same_record_twice_in_one_file() -> None:
    parsed = parse(
        "worker;record;date;permit_number;category\n"
        "A;permit;01.02.2026;KZ-1;2\nB;permit;01.03.2026;kz-1;2\n"
        "C;contract;01.02.2026;;\nC;contract;01.02.2026;;\n"
    )
    assert [(p.line, p.reason, p.value) for p in parsed.problems] == [
        (3, "duplicate", "2"),
        (5, "duplicate", "4"),
    ]


def test_identity_numbers_are_masked_in_names() -> None:
    parsed = parse("worker;position\nAli 900101300123;welder N1234567\n")
    assert (parsed.rows[0].worker, parsed.rows[0].position, parsed.masked) == (
        "Ali ***0123",
        "welder ***4567",
        2,
    )


def test_xlsx_cells_dates_and_numbers() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["worker", "record", "date", "category", "term", "visa_until"])
    sheet.append(
        [
            "Ali",
            "permit",
            dt.datetime(2026, 2, 1, tzinfo=None),  # noqa: DTZ001 — a spreadsheet's naive date cell
            2.0,
            12,
            "30.06.2027",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    (row,) = ki.parse(out.getvalue(), VOCAB, TODAY).rows
    assert (row.date, row.category, row.term, row.visa_until) == (
        dt.date(2026, 2, 1),
        "cat2",
        "m12",
        dt.date(2027, 6, 30),
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"worker\n", "empty"),
        (b"name;date\nAli;1\n", "header"),
        ("работник".encode("cp1251"), "encoding"),
        (b"PK\x03\x04broken", "unreadable"),
        (b"worker\x00\x01", "unreadable"),
    ],
)
def test_broken_files(data: bytes, code: str) -> None:
    with pytest.raises(ki.FileProblem) as raised:
        ki.parse(data, VOCAB, TODAY)
    assert raised.value.code == code


def test_row_limit() -> None:
    with pytest.raises(ki.FileProblem) as raised:
        parse("worker\n" + "A\n" * 11, max_rows=10)
    assert raised.value.code == "rows"
    assert len(parse("worker\n" + "".join(f"A{i}\n" for i in range(10)), max_rows=10).rows) == 10
