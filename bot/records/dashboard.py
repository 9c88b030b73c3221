"""What /status reads: one workspace's open records with what each line says, and the combined
dashboard — every workspace a user belongs to, its urgent items only (a consultant's many
companies in one view). ``bench/scale.py`` measures both at 10,000 workspaces."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from bot.db import records as records_repo
from bot.db import workspaces
from bot.db.connection import Database
from bot.db.users import User
from bot.db.workspaces import Access
from bot.records import board
from bot.records import details as details_repo
from bot.records.planning import subjects
from bot.reminders import repo as reminders_repo

URGENT_DAYS = 30  # 🔴 and 🟠 on the board: overdue, or due within a month


async def entries(db: Database, user: User, today: dt.date, workspace_id: int) -> list[board.Entry]:
    """Every open record of the workspace, with what its line says, in the board's order."""
    records = [r for r in await records_repo.for_workspace(db, workspace_id) if r.status == "open"]
    details = await details_repo.for_workspace(db, workspace_id)
    by_record = defaultdict(list)
    for reminder in await reminders_repo.upcoming_in(db, workspace_id):
        by_record[reminder.record_id].append(reminder)
    found = []
    for record in records:
        extra = details.get(record.id)
        if record.kind == "vacancy" and extra is not None and extra.stage == "closed":
            continue  # a closed vacancy is closed
        dates = subjects(record, user, extra)
        found.append(board.entry(record, by_record[record.id], dates, today))
    return board.ordered(found)


def urgent(entry: board.Entry, today: dt.date) -> bool:
    return entry.mark == "overdue" or (
        entry.mark == "ahead" and (entry.day - today).days < URGENT_DAYS
    )


@dataclass(frozen=True, slots=True)
class Section:
    """One workspace on the combined dashboard: its urgent entries, most urgent first."""

    access: Access
    entries: list[board.Entry]

    @property
    def overdue(self) -> int:
        return sum(1 for e in self.entries if e.mark == "overdue")


async def combined(db: Database, user: User, today: dt.date) -> list[Section]:
    """Every workspace of the user with its urgent items; those with the most pressing (overdue
    first, then the nearest date) first, calm ones last in the order of ``workspaces.mine``."""
    sections = []
    for access in await workspaces.mine(db, user.id):
        found = await entries(db, user, today, access.workspace.id)
        sections.append(Section(access, [e for e in found if urgent(e, today)]))

    def pressing(section: Section) -> tuple[int, int, dt.date]:
        first = section.entries[0].day if section.entries else dt.date.max
        return (0 if section.entries else 1, -section.overdue, first)

    return sorted(sections, key=pressing)  # stable: calm ones keep their order
