"""Details of a tracked record beyond its event date. Every query is scoped by the owner's id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.db.connection import Database, Row

MAX_TEXT = 40  # region, publication code, permit number
STAGES = ("", "filed", "closed")  # a vacancy: open, application filed, closed
MAX_RENEWALS_USED = 9


@dataclass(frozen=True, slots=True)
class Details:
    region: str = ""
    ref: str = ""  # enbek.kz publication code of a vacancy, or the permit number
    renewals_used: int = 0
    end_date: dt.date | None = None  # a permit's last day as printed, when corrected
    stage: str = ""


COLUMNS = "id, region, ref, renewals_used, end_date, stage"


def _details(row: Row) -> Details:
    end = row["end_date"]
    return Details(
        region=row["region"],
        ref=row["ref"],
        renewals_used=row["renewals_used"],
        end_date=dt.date.fromisoformat(end) if end else None,
        stage=row["stage"],
    )


async def get(db: Database, user_id: int, record_id: int) -> Details | None:
    row = await db.fetchone(
        f"SELECT {COLUMNS} FROM records WHERE id = ? AND user_id = ?",  # noqa: S608
        (record_id, user_id),
    )
    return None if row is None else _details(row)


async def by_ids(db: Database, record_ids: list[int]) -> dict[int, Details]:
    """Details by record id, for the reminder engine (which acts for every user)."""
    if not record_ids:
        return {}
    marks = ",".join("?" * len(record_ids))
    rows = await db.fetchall(
        f"SELECT {COLUMNS} FROM records WHERE id IN ({marks})",  # noqa: S608
        record_ids,
    )
    return {row["id"]: _details(row) for row in rows}


async def for_workspace(db: Database, workspace_id: int) -> dict[int, Details]:
    """Every record's details in a workspace, by record id."""
    rows = await db.fetchall(
        f"SELECT {COLUMNS} FROM records WHERE workspace_id = ?",  # noqa: S608
        (workspace_id,),
    )
    return {row["id"]: _details(row) for row in rows}


async def for_user(db: Database, user_id: int) -> dict[int, Details]:
    """Every record's details by record id."""
    rows = await db.fetchall(
        f"SELECT {COLUMNS} FROM records WHERE user_id = ?",  # noqa: S608
        (user_id,),
    )
    return {row["id"]: _details(row) for row in rows}


async def set_text(db: Database, user_id: int, record_id: int, field: str, value: str) -> bool:
    """Region or reference number; ``field`` is checked, the value cut to ``MAX_TEXT``."""
    if field not in ("region", "ref"):
        raise ValueError(f"not a text detail: {field}")
    changed = await db.execute(
        f"UPDATE records SET {field} = ? WHERE id = ? AND user_id = ?",  # noqa: S608
        (value[:MAX_TEXT], record_id, user_id),
    )
    return changed == 1


async def set_renewals_used(db: Database, user_id: int, record_id: int, used: int) -> bool:
    if not 0 <= used <= MAX_RENEWALS_USED:
        raise ValueError(f"renewals used out of range: {used}")
    changed = await db.execute(
        "UPDATE records SET renewals_used = ? WHERE id = ? AND user_id = ?",
        (used, record_id, user_id),
    )
    return changed == 1


async def set_end_date(db: Database, user_id: int, record_id: int, end: dt.date | None) -> bool:
    """The permit's last day as printed on it; None goes back to the computed one."""
    changed = await db.execute(
        "UPDATE records SET end_date = ? WHERE id = ? AND user_id = ?",
        (end.isoformat() if end else None, record_id, user_id),
    )
    return changed == 1


async def set_stage(db: Database, user_id: int, record_id: int, stage: str) -> bool:
    if stage not in STAGES:
        raise ValueError(f"not a vacancy stage: {stage!r}")
    changed = await db.execute(
        "UPDATE records SET stage = ? WHERE id = ? AND user_id = ? AND kind = 'vacancy'",
        (stage, record_id, user_id),
    )
    return changed == 1
