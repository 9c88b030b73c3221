"""What /status shows for each open record: an overdue duty, the next date ahead, or why nothing
is ahead. A record stays on the board until it is closed or deleted. Plain values, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.db.records import Record
from bot.reminders.repo import Reminder, group
from knowledge.timeline import OBLIGATIONS  # the working-day duties, by kind

Mark = Literal["overdue", "ahead", "idle"]


@dataclass(frozen=True, slots=True)
class Entry:
    record: Record
    mark: Mark
    kind: str  # the reminder kind the line is titled by ("" when nothing was ever planned)
    day: dt.date  # the date the line is about: a deadline, the next reminder's day, the last one
    next_repeat: dt.date | None = None  # an overdue duty's next weekly reminder


def shown_date(reminder: Reminder, subject: dt.date) -> tuple[str, dt.date]:
    """An obligation is shown by its deadline under the duty's title, even for the day-before
    reminder; other reminders by their own day and title."""
    if group(reminder.kind) in OBLIGATIONS:
        return f"{group(reminder.kind)}_due", subject
    return reminder.kind, reminder.due_date


def entry(
    record: Record, reminders: list[Reminder], subjects: dict[str, dt.date], today: dt.date
) -> Entry:
    """``reminders``: the record's not-done reminders; ``subjects``: their deadlines by kind."""

    def subject(reminder: Reminder) -> dt.date:
        return subjects.get(reminder.kind, reminder.due_date)

    overdue = [r for r in reminders if r.repeat and subject(r) < today]
    if overdue:
        first = min(overdue, key=subject)
        repeats = [r.due_date for r in overdue if r.status in ("pending", "paused")]
        kind, _ = shown_date(first, subject(first))
        return Entry(record, "overdue", kind, subject(first), min(repeats, default=None))
    ahead = [r for r in reminders if r.status in ("pending", "paused") and r.due_date >= today]
    if ahead:
        kind, day = min((shown_date(r, subject(r)) for r in ahead), key=lambda item: item[1])
        return Entry(record, "ahead", kind, day)
    if reminders:
        last = max(reminders, key=lambda r: r.due_date)
        kind, day = shown_date(last, subject(last))
        return Entry(record, "idle", kind, day)
    return Entry(record, "idle", "", record.event_date)


def ordered(entries: list[Entry]) -> list[Entry]:
    """Overdue first (oldest deadline first), then what is ahead by date, then the idle ones."""
    rank = {"overdue": 0, "ahead": 1, "idle": 2}
    return sorted(entries, key=lambda e: (rank[e.mark], e.day, e.record.id))
