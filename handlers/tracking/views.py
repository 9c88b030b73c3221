"""Texts and keyboards of the tracking feature: pure functions of what is shown (no I/O)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.db.records import Record
from bot.i18n import Translator
from bot.i18n.dates import dated
from bot.records.details import Details
from bot.reminders.repo import Reminder
from handlers.callbacks import MenuCb
from handlers.checklist_cb import ChkAction, ChkCb
from handlers.keyboards import button
from handlers.tracking.callbacks import DetCb, DetField, RecAction, RecCb, TrackAction, TrackCb
from handlers.tracking.forms import TrackForm
from handlers.workers_cb import WkPickCb
from knowledge import deadlines as dl
from knowledge.calculator import compute
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import render_result, source_links
from knowledge.timeline import Planned, permit_end

Rows = list[list[InlineKeyboardButton]]
MARKS = {"pending": "⏳", "paused": "⏸", "sent": "✉️", "done": "✓"}


def keyboard(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


def short_text(text: str | None, limit: int) -> str | None:
    """A name or code as typed: trimmed, 1..limit characters, not a command; else None."""
    value = (text or "").strip()
    return value if value and len(value) <= limit and not value.startswith("/") else None


def route_name(route: str, t: Translator) -> str:
    """The route as people call it ("Category 2"), never its code."""
    try:
        return load_knowledge().route(route).name.get(t.lang)
    except KeyError:
        return route


def default_name(t: Translator, kind: str, route: str, day: dt.date) -> str:
    """A name from what the user entered: "Permit · Category 2 · 28.12.2025" (told apart)."""
    what = t(f"track-kind-{kind}")
    parts = [what[:1].upper() + what[1:]]
    if route:
        parts.append(route_name(route, t))
    parts.append(day.strftime("%d.%m.%Y"))
    return " · ".join(parts)


def record_name(t: Translator, record: Record) -> str:
    """The name the user gave, else the default one; HTML-escaped."""
    if record.label:
        return html.escape(record.label)
    return html.escape(default_name(t, record.kind, record.route, record.event_date))


def record_title(t: Translator, record: Record) -> str:
    kind = t(f"track-kind-{record.kind}")
    if not record.label or record.label.strip().casefold() == kind.casefold():
        return record_name(t, record)  # the name says the kind already: no "contract · contract"
    return f"{record_name(t, record)} · {kind}"


def form_name(t: Translator, form: TrackForm) -> str:
    return html.escape(form.label or default_name(t, form.kind, form.route, form.date))


def computation_lines(t: Translator, form: TrackForm, today: dt.date) -> list[str]:
    """How the record's dates were computed (the calculator's trace) and the sources."""
    results = compute(form.kind, form.date, form.route, form.term)
    facts = dict.fromkeys(fact for result in results for fact in result.fact_ids)
    steps = [f"· {line}" for result in results for line in render_result(result, t.lang)]
    return [*steps, t("status-sources", links=source_links(facts, today, t.lang))]


def planned_lines(t: Translator, items: list[Planned], today: dt.date) -> list[str]:
    return [f"• {dated(t, i.due, today)} — {t(f'rem-title-{i.kind}')}" for i in items]


def confirm_text(t: Translator, form: TrackForm, items: list[Planned], today: dt.date) -> str:
    lines = [t("track-confirm", name=form_name(t, form)), *planned_lines(t, items, today)]
    if not items:
        lines.append(t("track-no-reminders"))
    return "\n".join([*lines, "", *computation_lines(t, form, today)])


def detail_lines(t: Translator, record: Record, details: Details) -> list[str]:
    lines = []
    if details.region:
        lines.append(t("track-detail-region", value=html.escape(details.region)))
    if details.ref:
        lines.append(t(f"track-detail-ref-{record.kind}", value=html.escape(details.ref)))
    if record.kind == "permit":
        lines.append(t("track-detail-renewals", count=details.renewals_used))
        if details.end_date is not None:
            end, key = details.end_date, "track-detail-end-printed"
        else:
            end, key = permit_end(record.event_date, record.route, record.term), "track-detail-end"
        lines.append(t(key, date=format_date(end, t.lang)))
    if record.kind == "vacancy":
        lines.append(t(f"track-stage-{details.stage or 'open'}"))
    return lines


def record_text(
    t: Translator,
    record: Record,
    details: Details,
    reminders: list[Reminder],
    extra: Sequence[str] = (),
) -> str:
    """The record card; ``extra``: lines other features add (documents collected, a fee)."""
    lines = [f"<b>{record_title(t, record)}</b>"]
    lines.append(t("track-event-date", date=format_date(record.event_date, t.lang)))
    if record.route:
        lines.append(t("track-route", route=route_name(record.route, t)))
    lines += [*detail_lines(t, record, details), *extra, ""]
    for reminder in reminders:
        day = format_date(reminder.due_date, t.lang)
        title = t(f"rem-title-{reminder.kind}")
        lines.append(f"{MARKS.get(reminder.status, '•')} {day} — {title}")
    if not reminders:
        lines.append(t("track-no-reminders"))
    return "\n".join(lines)


def _rec(t: Translator, key: str, action: RecAction, record_id: int) -> InlineKeyboardButton:
    return button(t(key), RecCb(action=action, id=record_id))


# A record card's rows, top to bottom. A feature adds its row by adding a function here.
RECORD_ROWS: list[Callable[[Translator, int], list[InlineKeyboardButton]]] = [
    lambda t, i: [
        _rec(t, "track-btn-rename", RecAction.RENAME, i),
        _rec(t, "track-btn-redate", RecAction.REDATE, i),
    ],
    lambda t, i: [
        _rec(t, "track-btn-details", RecAction.MORE, i),
        _rec(t, "track-btn-history", RecAction.HISTORY, i),
    ],
    lambda t, i: [
        _rec(t, "track-btn-done", RecAction.DONE, i),
        _rec(t, "track-btn-delete", RecAction.DELETE, i),
    ],
    lambda t, i: [button(t("track-btn-worker"), WkPickCb(record=i))],  # whose record (issue 14)
    lambda t, i: [
        button(t("track-btn-status"), MenuCb(action="status")),
        button(t("menu-main"), MenuCb(action="main")),
    ],
]


# rename/date, close/delete, worker: not shown to a viewer (they would be refused)
EDIT_ROWS = (0, 2, 3)


def record_keyboard(t: Translator, record_id: int, may_write: bool) -> InlineKeyboardMarkup:
    """``may_write`` has no default: a viewer is not offered the edit rows."""
    shown = [row for i, row in enumerate(RECORD_ROWS) if may_write or i not in EDIT_ROWS]
    return keyboard(*(row(t, record_id) for row in shown))


def delete_keyboard(t: Translator, record_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [
            _rec(t, "track-btn-delete-yes", RecAction.DELETE_YES, record_id),
            _rec(t, "track-btn-keep", RecAction.OPEN, record_id),
        ]
    )


def renewal_choices(route: str) -> range:
    """Buttons for "renewals already used": up to the route's limit (a few when unlimited)."""
    allowed = dl.renewals_left(route, 0).allowed
    return range(0, (3 if allowed is None else allowed) + 1) if route else range(0)


def _permit_rows(t: Translator, record: Record, details: Details) -> Rows:
    rows = []
    choices = renewal_choices(record.route)
    if len(choices) > 1:
        mark = {details.renewals_used: "✓ "}
        rows.append(
            [
                button(
                    f"{mark.get(n, '')}{n}",
                    DetCb(field=DetField.RENEWALS, id=record.id, value=str(n)),
                )
                for n in choices
            ]
        )
    rows.append([button(t("track-btn-end"), DetCb(field=DetField.END, id=record.id))])
    if details.end_date is not None:
        rows.append(
            [button(t("track-btn-end-reset"), DetCb(field=DetField.END_RESET, id=record.id))]
        )
    if record.route:  # the permit's document checklist (handlers/checklist.py)
        rows.append([button(t("chk-btn-open"), ChkCb(action=ChkAction.OPEN, id=record.id))])
    return rows


def _stage_row(t: Translator, record: Record, details: Details) -> list[InlineKeyboardButton]:
    return [
        button(
            ("✓ " if details.stage == stage else "") + t(f"track-stage-btn-{key}"),
            DetCb(field=DetField.STAGE, id=record.id, value=stage),
        )
        for stage, key in (("", "open"), ("filed", "filed"), ("closed", "closed"))
    ]


def details_keyboard(
    t: Translator, record: Record, details: Details, may_write: bool = True
) -> InlineKeyboardMarkup:
    if not may_write:  # a viewer reads the details: only the way back
        return keyboard([_rec(t, "track-btn-back", RecAction.OPEN, record.id)])
    rows = [[button(t("track-btn-region"), DetCb(field=DetField.REGION, id=record.id))]]
    if record.kind in ("vacancy", "permit"):
        rows.append(
            [button(t(f"track-btn-ref-{record.kind}"), DetCb(field=DetField.REF, id=record.id))]
        )
    if record.kind == "permit":
        rows += _permit_rows(t, record, details)
    if record.kind == "vacancy":
        rows.append(_stage_row(t, record, details))
    rows.append([_rec(t, "track-btn-back", RecAction.OPEN, record.id)])
    return keyboard(*rows)


def details_text(t: Translator, record: Record, details: Details) -> str:
    title = t("track-details-title", name=record_title(t, record))
    return "\n".join([title, *detail_lines(t, record, details)])


# --- the buttons under every prompt that waits for text (a way out, and back a step) ----------


def label_rows(t: Translator) -> Rows:
    return [
        [button(t("track-btn-skip"), TrackCb(action=TrackAction.SKIP))],
        [button(t("track-btn-cancel"), TrackCb(action=TrackAction.CANCEL))],
    ]


def confirm_rows(t: Translator) -> Rows:
    return [
        [button(t("track-btn-save"), TrackCb(action=TrackAction.SAVE))],
        [
            button(t("track-btn-back"), TrackCb(action=TrackAction.BACK)),
            button(t("track-btn-cancel"), TrackCb(action=TrackAction.CANCEL)),
        ],
    ]


def edit_rows(t: Translator, record_id: int) -> Rows:
    """Under a rename / change-date prompt: Cancel goes back to the record."""
    return [[_rec(t, "track-btn-cancel", RecAction.CANCEL, record_id)]]


def detail_rows(t: Translator, record_id: int) -> Rows:
    """Under a detail prompt: Back to the details, Cancel to the record."""
    return [
        [
            _rec(t, "track-btn-back", RecAction.MORE, record_id),
            _rec(t, "track-btn-cancel", RecAction.CANCEL, record_id),
        ]
    ]
