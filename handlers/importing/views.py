"""/import's texts, keyboards and files: the vocabulary the parser reads headers and choices
with (every language's catalog words), the templates, the preview and the errors file."""

from __future__ import annotations

import csv
import io
from functools import cache
from html import escape

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator, translators
from handlers.csv_export import SEPARATOR, safe
from handlers.importing.callbacks import ImpAction, ImpCb
from handlers.keyboards import button
from knowledge import importing as ki
from knowledge.loader import load_knowledge

SHOWN = 5  # problems listed in the preview; the rest go in the errors file


@cache
def vocabulary() -> ki.Vocabulary:
    """Column names, record kinds and categories in ru, kk and en (and their ids)."""
    headers = {column: column for column in ki.COLUMNS}
    kinds = {kind: kind for kind in ki.KINDS}
    categories = {route: route for route in ki.CATEGORIES}
    categories |= {str(n): f"cat{n}" for n in range(1, 5)}
    for t in translators().values():
        headers |= {t(f"imp-col-{column}").casefold(): column for column in ki.COLUMNS}
        kinds |= {t(f"track-kind-{kind}").casefold(): kind for kind in ki.KINDS}
        categories[t("imp-cat-seasonal").casefold()] = "seasonal"
        categories[t("imp-cat-ict").casefold()] = "ict"
        for route in ki.CATEGORIES:
            categories[load_knowledge().route(route).name.get(t.lang).casefold()] = route
    return ki.Vocabulary(headers, kinds, categories)


def header(t: Translator) -> list[str]:
    return [t(f"imp-col-{column}") for column in ki.COLUMNS]


def template_csv(t: Translator) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=SEPARATOR[t.lang]).writerow(header(t))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(t: Translator) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header(t))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def intro_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("imp-btn-csv"), ImpCb(action=ImpAction.CSV)),
                button(t("imp-btn-xlsx"), ImpCb(action=ImpAction.XLSX)),
            ],
            [button(t("imp-btn-cancel"), ImpCb(action=ImpAction.CANCEL))],
        ]
    )


def intro_text(t: Translator) -> str:
    return t("imp-intro", rows=ki.MAX_ROWS, kb=ki.MAX_BYTES // 1000)


def cancel_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t("imp-btn-cancel"), ImpCb(action=ImpAction.CANCEL))]]
    )


def file_problem(t: Translator, problem: ki.FileProblem) -> str:
    if problem.code == "header":
        return t("imp-file-header", worker=t("imp-col-worker"))
    if problem.code == "rows":
        return t("imp-file-rows", limit=ki.MAX_ROWS)
    if problem.code == "too_big":
        return t("imp-file-too-big", kb=ki.MAX_BYTES // 1000)
    return t(f"imp-file-{problem.code}")


def why(t: Translator, problem: ki.Problem) -> str:
    return t(f"imp-why-{problem.reason}", value=problem.value)


def problem_line(t: Translator, problem: ki.Problem) -> str:
    reason = escape(why(t, problem), quote=False)  # the value is what the user typed
    if not problem.column:
        return t("imp-problem-row", line=problem.line, why=reason)
    return t("imp-problem", line=problem.line, column=t(f"imp-col-{problem.column}"), why=reason)


def preview_text(t: Translator, parsed: ki.Parsed) -> str:
    lines = [t("imp-preview", ready=len(parsed.rows), bad=len(parsed.bad_lines))]
    if parsed.masked:
        lines.append(t("imp-masked", count=parsed.masked))
    if parsed.problems:
        lines.append("")
        lines += [problem_line(t, problem) for problem in parsed.problems[:SHOWN]]
        rest = len(parsed.problems) - SHOWN
        if rest > 0:
            lines.append(t("imp-more", count=rest))
    if not parsed.rows:
        lines += ["", t("imp-none-ready")]
    return "\n".join(lines)


def preview_markup(t: Translator, parsed: ki.Parsed) -> InlineKeyboardMarkup:
    rows = []
    if parsed.rows:
        rows.append(
            [button(t("imp-btn-import", count=len(parsed.rows)), ImpCb(action=ImpAction.IMPORT))]
        )
    if len(parsed.problems) > SHOWN:
        rows.append([button(t("imp-btn-errors"), ImpCb(action=ImpAction.ERRORS))])
    rows.append([button(t("imp-btn-cancel"), ImpCb(action=ImpAction.CANCEL))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def errors_csv(t: Translator, parsed: ki.Parsed) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR[t.lang])
    writer.writerow([t("imp-col-line"), t("imp-col-column"), t("imp-col-why")])
    for problem in parsed.problems:
        column = t(f"imp-col-{problem.column}") if problem.column else ""
        writer.writerow([str(problem.line), column, safe(why(t, problem))])
    return buffer.getvalue().encode("utf-8-sig")
