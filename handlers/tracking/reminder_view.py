"""A reminder as the user reads it: its text and its buttons (the engine only delivers it).

The composition root hands ``render`` to the reminder engine, so ``bot/`` never imports
``handlers/``.
"""

from __future__ import annotations

import datetime as dt
import html

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.db.records import Record
from bot.i18n import Translator
from bot.i18n.dates import when
from bot.reminders.repo import Reminder
from handlers.tracking.callbacks import RemAction, RemCb
from handlers.tracking.views import record_name
from knowledge.checklists import Progress
from knowledge.l10n import format_date
from knowledge.relative import relative
from knowledge.render import render_status, result_status
from knowledge.timeline import OBLIGATIONS  # the working-day duties, by kind


def message_key(kind: str) -> str:
    """An obligation's day-before and on-the-day reminders share one text, chosen by the day."""
    group = kind.split("_", 1)[0]
    return f"rem-{group}" if group in OBLIGATIONS else f"rem-{kind}"


def reminder_markup(t: Translator, reminder_id: int) -> InlineKeyboardMarkup:
    def button(key: str, action: RemAction) -> InlineKeyboardButton:
        data = RemCb(action=action, id=reminder_id).pack()
        return InlineKeyboardButton(text=t(key), callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button("rem-btn-done", RemAction.DONE), button("rem-btn-open", RemAction.OPEN)],
            [
                button("rem-btn-snooze-day", RemAction.SNOOZE_DAY),
                button("rem-btn-snooze-week", RemAction.SNOOZE_WEEK),
            ],
        ]
    )


def reminder_text(
    t: Translator,
    reminder: Reminder,
    record: Record | None,
    late: bool,
    subject: dt.date,
    today: dt.date,
    docs: Progress | None = None,
) -> str:
    """The text as it is true on ``today`` (the day it goes out), about the date ``subject``;
    a renewal reminder says how far the documents are (``docs``)."""
    lines = [t("rem-offline")] if late else []
    rel, days = relative(subject, today)
    lines.append(
        t(
            message_key(reminder.kind),
            label=record_name(t, record) if record is not None else "—",
            date=format_date(subject, t.lang),
            due=format_date(reminder.due_date, t.lang),
            rel=rel,
            days=days,
            when=when(t, subject, today),
        )
    )
    if docs is not None and docs.total:
        lines.append(t("rem-checklist", collected=docs.collected, total=docs.total))
    status = render_status(result_status([reminder.fact_id]), t.lang)
    lines.append(f"<i>{html.escape(status)}</i>")
    return "\n".join(lines)


def render(
    t: Translator,
    reminder: Reminder,
    record: Record | None,
    late: bool,
    subject: dt.date,
    today: dt.date,
    docs: Progress | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """The engine's renderer: what one reminder message says and its buttons."""
    text = reminder_text(t, reminder, record, late, subject, today, docs)
    return text, reminder_markup(t, reminder.id)
