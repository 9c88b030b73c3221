"""/import: the template → a CSV or XLSX document → a preview (N ready, M with errors, by row and
column) → Import (one transaction: every ready row or none) or Cancel.

The file is read by the pure ``knowledge.importing`` and stored by ``bot.records.importing``;
the FSM keeps only the file's id and digest, and Import fetches and checks it again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import logging
from html import escape

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import importing as store_import
from handlers.access import READ, WRITE, writes
from handlers.forms import load, store
from handlers.importing.callbacks import ImpAction, ImpCb
from handlers.importing.forms import ImportForm
from handlers.importing.views import (
    cancel_markup,
    errors_csv,
    file_problem,
    intro_markup,
    intro_text,
    preview_markup,
    preview_text,
    template_csv,
    template_xlsx,
    vocabulary,
)
from handlers.keyboards import main_menu
from handlers.replies import reply, show
from handlers.states import Importing
from knowledge import importing as ki

log = logging.getLogger(__name__)


async def start(message: Message, t: Translator, state: FSMContext) -> None:
    await state.set_state(Importing.file)
    await state.set_data({})
    await message.answer(intro_text(t), reply_markup=intro_markup(t))


async def template(query: CallbackQuery, callback_data: ImpCb, t: Translator) -> None:
    if callback_data.action == ImpAction.XLSX:
        data, name = template_xlsx(t), "permitbot-import.xlsx"
    else:
        data, name = template_csv(t), "permitbot-import.csv"
    await query.answer()
    if query.bot is not None:
        await query.bot.send_document(
            query.from_user.id, BufferedInputFile(data, filename=name), caption=t("imp-template")
        )


async def fetch(bot: Bot, file_id: str) -> bytes | None:
    """The document's bytes, or None when Telegram does not give them."""
    buffer = io.BytesIO()
    try:
        await bot.download(file_id, destination=buffer)
    except (TimeoutError, TelegramAPIError, OSError):
        return None
    return buffer.getvalue()


async def read(t: Translator, data: bytes, today: dt.date) -> ki.Parsed | str:
    """The parsed file, or the text that says why it cannot be imported (off the event loop:
    a spreadsheet of a thousand rows takes a while to read)."""
    try:
        return await asyncio.to_thread(ki.parse, data, vocabulary(), today)
    except ki.FileProblem as problem:
        return file_problem(t, problem)


async def got_file(
    message: Message,
    t: Translator,
    state: FSMContext,
    user: User,
    clock: Clock,
    access: Access,
    bot: Bot,
) -> None:
    document = message.document
    assert document is not None
    if (document.file_size or 0) > ki.MAX_BYTES:
        problem = file_problem(t, ki.FileProblem("too_big"))
        await message.answer(problem, reply_markup=cancel_markup(t))
        return
    data = await fetch(bot, document.file_id)
    if data is None or len(data) > ki.MAX_BYTES:
        gone = t("imp-file-gone") if data is None else file_problem(t, ki.FileProblem("too_big"))
        await message.answer(gone, reply_markup=cancel_markup(t))
        return
    parsed = await read(t, data, clock.today(user.timezone))
    if isinstance(parsed, str):
        await state.set_state(Importing.file)
        await message.answer(parsed, reply_markup=cancel_markup(t))
        return
    digest = hashlib.sha256(data).hexdigest()
    form = ImportForm(
        file_id=document.file_id,
        digest=digest,
        workspace=access.workspace.id,
        ready=len(parsed.rows),
    )
    await state.set_state(Importing.preview)
    await store(state, form)
    await message.answer(preview_text(t, parsed), reply_markup=preview_markup(t, parsed))


async def _again(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock, access: Access
) -> tuple[ImportForm, ki.Parsed] | None:
    """The previewed file read again, unchanged, in the same workspace; else "out of date"."""
    form = await load(state, ImportForm)
    if form is None or form.workspace != access.workspace.id or query.bot is None:
        await state.clear()
        await show(query, t("imp-stale"), main_menu(t, writes(access)))
        return None
    data = await fetch(query.bot, form.file_id)
    if data is None or hashlib.sha256(data).hexdigest() != form.digest:
        await show(query, t("imp-file-gone"), cancel_markup(t))
        return None
    parsed = await read(t, data, clock.today(user.timezone))
    if isinstance(parsed, str):
        await show(query, parsed, cancel_markup(t))
        return None
    return form, parsed


async def run_import(
    query: CallbackQuery,
    t: Translator,
    state: FSMContext,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    found = await _again(query, t, state, user, clock, access)
    if found is None:
        return
    _, parsed = found
    await state.clear()  # a second tap finds no preview: "out of date", nothing doubles
    try:
        outcome = await store_import.store(db, user, access.workspace.id, parsed.rows, clock.now())
    except Exception:
        log.exception("import failed in workspace %s", access.workspace.id)
        await show(query, t("imp-failed"), main_menu(t, writes(access)))
        return
    log.info("imported %s rows into workspace %s", len(parsed.rows), access.workspace.id)
    text = t(
        "imp-done",
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        workers=outcome.workers,
        reminders=outcome.reminders,
    )
    if access.workspace.kind == "company":  # a consultant sees which company has them
        text += "\n" + t("ws-saved-in", name=escape(access.workspace.name))
    await show(query, text, main_menu(t, writes(access)))


async def send_errors(
    query: CallbackQuery, t: Translator, state: FSMContext, user: User, clock: Clock, access: Access
) -> None:
    found = await _again(query, t, state, user, clock, access)
    if found is None or query.bot is None:
        return
    await query.answer()
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(errors_csv(t, found[1]), filename="permitbot-import-errors.csv"),
        caption=t("imp-errors-file"),
    )


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext, access: Access) -> None:
    await state.clear()
    await show(query, t("cancelled"), main_menu(t, writes(access)))


async def not_a_file(message: Message, t: Translator) -> None:
    await reply(message, t("imp-need-file"), cancel_markup(t))


def register(r: Router) -> None:
    r.message.register(start, Command("import"), flags=WRITE)
    r.callback_query.register(
        template, ImpCb.filter(F.action.in_({ImpAction.CSV, ImpAction.XLSX})), flags=WRITE
    )
    r.message.register(got_file, StateFilter(Importing), F.document, flags=WRITE)
    r.callback_query.register(
        run_import, Importing.preview, ImpCb.filter(F.action == ImpAction.IMPORT), flags=WRITE
    )
    r.callback_query.register(
        send_errors, Importing.preview, ImpCb.filter(F.action == ImpAction.ERRORS), flags=WRITE
    )
    r.callback_query.register(cancel, ImpCb.filter(F.action == ImpAction.CANCEL), flags=READ)
    r.message.register(not_a_file, StateFilter(Importing))
