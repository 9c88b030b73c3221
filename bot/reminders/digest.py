"""The weekly digest for a company's linked group (issue 14): on Monday from 09:00 (the zone of
who linked it), what falls due in the next 30 days, overdue first; record names and dates only.

Once a week per group: the week is claimed in the row before sending (``digest_week``), so a
second run or a restarted bot does not send it again; a send to retry gives the claim back.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.db import groups
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.connection import Database
from bot.db.groups import GroupLink
from bot.db.workspaces import get as get_workspace
from bot.i18n import Translator
from bot.i18n.dates import when
from bot.notify import Notifier, Outcome
from bot.reminders import repo
from bot.reminders.repo import Reminder
from knowledge.l10n import Lang, format_date

HORIZON = dt.timedelta(days=30)
HOUR = 9
MAX_LINES = 30
DEFAULT_ZONE = "Asia/Almaty"


def _overdue(reminder: Reminder, today: dt.date) -> bool:
    """A duty's deadline told and not done (its weekly repeat is still open)."""
    deadline = reminder.kind.endswith("_due") or reminder.kind == "permit_expired"
    return reminder.status == "sent" and deadline and reminder.due_date < today


def chosen(reminders: list[Reminder], today: dt.date) -> list[tuple[bool, Reminder]]:
    """(overdue?, reminder): overdue first, then by date; one line per record's obligation."""
    picked: dict[tuple[int, str], tuple[bool, Reminder]] = {}
    for reminder in reminders:
        overdue = _overdue(reminder, today)
        upcoming = reminder.status == "pending" and today <= reminder.due_date <= today + HORIZON
        key = (reminder.record_id, repo.group(reminder.kind))
        if (overdue or upcoming) and key not in picked:
            picked[key] = (overdue, reminder)
    return sorted(picked.values(), key=lambda item: (not item[0], item[1].due_date, item[1].id))


async def text_for(
    db: Database, link: GroupLink, t: Translator, today: dt.date, title_key: Callable[[str], str]
) -> str | None:
    workspace = await get_workspace(db, link.workspace_id)
    if workspace is None:
        return None
    company = html.escape(workspace.name)
    items = chosen(await repo.upcoming_in(db, link.workspace_id), today)
    if not items:
        return t("grp-digest-empty", company=company)
    labels = await _labels(db, [reminder.record_id for _overdue, reminder in items])
    lines = [t("grp-digest-title", company=company)]
    for overdue, reminder in items[:MAX_LINES]:
        mark = "⚠️ " if overdue else "• "
        day = f"{format_date(reminder.due_date, t.lang)} ({when(t, reminder.due_date, today)})"
        label = html.escape(labels.get(reminder.record_id, ""))
        lines.append(
            f"{mark}{day}: {t(title_key(reminder.kind))}" + (f" — {label}" if label else "")
        )
    if len(items) > MAX_LINES:
        lines.append("…")
    return "\n".join(lines)


async def _labels(db: Database, ids: list[int]) -> dict[int, str]:
    found = await records_repo.by_ids(db, sorted(set(ids)))
    return {rid: record.label for rid, record in found.items()}


def _lang(value: str) -> Lang:
    return "en" if value == "en" else "kk" if value == "kk" else "ru"


async def deliver(
    db: Database, notifier: Notifier, clock: Clock, title_key: Callable[[str], str]
) -> int:
    """Send this week's digest to every linked group whose Monday 09:00 has come; ``title_key``
    names a reminder kind's title (the engine's)."""
    sent = 0
    for link in await groups.all_links(db):
        linker = await users_repo.get(db, link.linked_by) if link.linked_by else None
        local = clock.now().astimezone(ZoneInfo(linker.timezone if linker else DEFAULT_ZONE))
        week = "{}-W{:02d}".format(*local.isocalendar()[:2])
        if local.weekday() != 0 or local.hour < HOUR or link.digest_week == week:
            continue
        if not await groups.claim_digest(db, link.chat_id, week):
            continue  # another run took it
        t = Translator(_lang(link.lang))
        text = await text_for(db, link, t, local.date(), title_key)
        outcome = (
            Outcome.REJECTED if text is None else await notifier.send_group(link.chat_id, text)
        )
        if outcome is Outcome.RETRY:
            await groups.digest_sent(db, link.chat_id, link.digest_week)  # give the week back
        elif outcome is Outcome.BLOCKED:
            await groups.unlink(db, link.chat_id)
        sent += outcome is Outcome.SENT
    return sent
